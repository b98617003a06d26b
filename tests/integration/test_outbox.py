"""Condition reports reach the responsible body: by SMTP through a real local server
(aiosmtpd), or they wait in the outbox that `mapapp outbox list` shows."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import text

from mapapp import create_app
from mapapp.settings import Settings
from tests.helpers import sign_in
from tests.integration.test_cli import _run


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture()
def smtp_server():
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield f"smtp://127.0.0.1:{port}", inbox
    controller.stop()


def _report_and_approve(app, site_id, accounts) -> int:
    client = app.test_client()
    response = client.post(
        "/api/contributions",
        json={
            "kind": "condition",
            "target": {"type": "site", "id": site_id},
            "value": "The plaque is broken; names on the left side are unreadable.",
            "comment": "Seen on 9 May",
            "contact": "visitor-secret@example.org",
        },
    )
    assert response.status_code == 201
    contribution = response.get_json()["id"]
    moderator = app.test_client()
    token = sign_in(moderator, *accounts("moderator"))
    decided = moderator.post(
        f"/api/contributions/{contribution}/decision",
        json={"decision": "approve"},
        headers={"X-CSRFToken": token},
    )
    assert decided.status_code == 200
    return contribution


def _set_responsible(engine, site_id, body):
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE burial_sites SET responsible_body = :b WHERE id = :id"),
            {"b": body, "id": site_id},
        )


def test_an_approved_report_is_mailed_to_the_responsible_body(
    engine, test_settings, scratch, accounts, smtp_server
):
    url, inbox = smtp_server
    site = scratch.site("Плита", 30.8, 54.8)
    _set_responsible(engine, site, "Дубровенский райисполком, rik@dubrovno.example.by")
    app = create_app(
        Settings(
            DATABASE_URL=test_settings.database_url,
            secret_key="mail",
            smtp_url=url,
            contribution_rate_limit="100 per minute",
        )  # fmt: skip
    )
    contribution = _report_and_approve(app, site, accounts)
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["rik@dubrovno.example.by"]
    content = envelope.content.decode("utf-8", "replace")
    assert "plaque is broken" in content and "visitor-secret" not in content
    with engine.connect() as conn:
        sent = conn.execute(
            text("SELECT sent_at IS NOT NULL FROM outbox WHERE contribution_id = :c"),
            {"c": contribution},
        ).scalar_one()
    assert sent


def test_without_smtp_the_report_waits_in_the_outbox(app, engine, test_settings, scratch, accounts):
    site = scratch.site("Ограда", 30.9, 54.9)
    _set_responsible(engine, site, "Сельсовет, ss@example.by")
    contribution = _report_and_approve(app, site, accounts)
    listing = _run(["outbox", "list"], test_settings)
    assert listing.returncode == 0, listing.stderr
    assert "to ss@example.by" in listing.stdout and "waiting" in listing.stdout
    assert "Ограда" in listing.stdout
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT recipient, sent_at FROM outbox WHERE contribution_id = :c"),
            {"c": contribution},
        ).one()
    assert row == ("ss@example.by", None)


def test_a_failed_delivery_stays_in_the_outbox(engine, test_settings, scratch, accounts):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    site = scratch.site("Нет сервера", 31.0, 55.0)
    _set_responsible(engine, site, "x@example.by")
    app = create_app(
        Settings(DATABASE_URL=test_settings.database_url, secret_key="mail",
                 smtp_url=f"smtp://127.0.0.1:{dead}", contribution_rate_limit="100 per minute")
    )  # fmt: skip
    contribution = _report_and_approve(app, site, accounts)
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT sent_at, attempts, last_error FROM outbox WHERE contribution_id = :c"),
            {"c": contribution},
        ).one()
    assert row[0] is None and row[1] == 1 and row[2]
