"""The ground the HTTP layers (``api/`` and ``web/``) share, below both of them:
request parameter parsing, the request's database session and settings, and the JSON
shape of an error. Nothing in the core imports it."""
