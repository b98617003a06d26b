"""After a decision: send what it queued, when an SMTP server is set. A failure leaves the
message in the outbox (attempts and error noted) and never fails the decision."""

from __future__ import annotations

from mapapp.contributions.outbox import send_pending
from mapapp.http.context import current_settings, get_session


def deliver_queued_mail() -> None:
    settings = current_settings()
    if settings.smtp_url:
        send_pending(get_session().get_bind(), settings.smtp_url, settings.mail_from)
