"""E-mail to the bodies responsible for sites: queued in the outbox table in the same
transaction as the approval, sent by SMTP when a server is configured."""

from __future__ import annotations

import re
import smtplib
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import Engine, func, text
from sqlalchemy.orm import Session

from mapapp.models import Contribution, OutboxMessage

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def recipient_for(responsible_body: str | None) -> str | None:
    """The responsible body as recorded may carry its address ("Дубровенский райисполком,
    rik@dubrovno.gov.by"); None when it does not: the report waits for an operator."""
    match = EMAIL.search(responsible_body or "")
    return match.group(0) if match else None


def queue_condition_report(session: Session, c: Contribution) -> int:
    site = (
        session.connection()
        .execute(
            text("SELECT id, name, responsible_body FROM burial_sites WHERE id = :id"),
            {"id": c.target_id},
        )
        .mappings()
        .one()
    )
    body = (
        f'A visitor reported on the condition of the burial site "{site["name"]}" '
        f"(number {site['id']} in the register):\n\n{c.value}\n\n"
        f"Comment: {c.comment}\n"
        + (f"Evidence: {c.evidence}\n" if c.evidence else "")
        + f"\nContribution {c.id}, approved by a moderator."
    )
    message = OutboxMessage(
        contribution_id=c.id,
        recipient=recipient_for(site["responsible_body"]),
        subject=f"Condition of burial site {site['id']}: {site['name']}"[:300],
        body=body,
        attempts=0,
    )
    session.add(message)
    session.flush()
    return message.id


def list_messages(session: Session, unsent_only: bool = False) -> list[OutboxMessage]:
    query = session.query(OutboxMessage).order_by(OutboxMessage.id)
    if unsent_only:
        query = query.filter(OutboxMessage.sent_at.is_(None))
    return query.all()


def send_pending(engine: Engine, smtp_url: str, sender: str) -> tuple[int, int]:
    """Send every unsent message that has a recipient; (sent, failed). Each message is
    marked in its own transaction, so a failure leaves the others as they are."""
    sent = failed = 0
    with Session(engine) as session:
        ids = [m.id for m in list_messages(session, unsent_only=True) if m.recipient is not None]
    for message_id in ids:
        with Session(engine) as session, session.begin():
            message = session.get(OutboxMessage, message_id, with_for_update=True)
            if message is None or message.sent_at is not None:
                continue
            message.attempts += 1
            try:
                _send(smtp_url, sender, message)
            except (OSError, smtplib.SMTPException) as exc:
                message.last_error = str(exc)[:1000]
                failed += 1
            else:
                message.sent_at = func.now()
                message.last_error = None
                sent += 1
    return sent, failed


def _send(smtp_url: str, sender: str, message: OutboxMessage) -> None:
    url = urlsplit(smtp_url)
    if url.scheme not in ("smtp", "smtps") or not url.hostname:
        raise smtplib.SMTPException(f"unsupported SMTP URL scheme {url.scheme!r}")
    options = parse_qs(url.query)
    smtp_class = smtplib.SMTP_SSL if url.scheme == "smtps" else smtplib.SMTP
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
    with smtp_class(
        url.hostname, url.port or (465 if url.scheme == "smtps" else 25), timeout=30
    ) as smtp:
        if options.get("starttls") == ["1"]:
            smtp.starttls()
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(email)
