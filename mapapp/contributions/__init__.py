"""Contributions from relatives, search teams and visitors; moderators' decisions; the
history the audit triggers keep; condition reports by e-mail; photos. Flask-free."""
