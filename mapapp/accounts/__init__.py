"""Moderator and administrator accounts: argon2 password hashes, sign-in checks. Flask-free."""
