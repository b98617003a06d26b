"""The whole path in a real browser: a relative corrects a person, a moderator signs in
and approves, the page shows the new value and its history. Every text a contributor
sends shows as text, on the moderation page too, and never runs."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import text

from tests.browser.screens import open_menu
from tests.browser.test_escaping import PAYLOADS


def _watch_csp(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return violations


def _sign_in(page, email, password):
    page.goto(page.base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/moderation")


def test_submit_sign_in_approve_and_see_the_new_value_and_its_history(page, scratch, accounts):
    csp = _watch_csp(page)
    site = scratch.site("Браузерное захоронение", 31.3, 55.3)
    person = scratch.person(site, "Браузеров", given_name="Тест")

    page.goto(f"{page.base}/persons/{person}")
    page.get_by_text("Correct a field").click()
    form = page.get_by_test_id("correction-form")
    form.get_by_label("Field").select_option("rank")
    form.get_by_label("Correct value").fill("гвардии сержант")
    form.get_by_label("Comment").fill("Rank from the award sheet")
    form.get_by_label("Evidence").fill("https://pamyat-naroda.example/award/1")
    form.get_by_label("Your e-mail").fill("grandson@example.org")
    form.get_by_role("button", name="Send the correction").click()
    received = page.get_by_test_id("contribution-received")
    received.wait_for()
    assert "waiting for a moderator" in received.inner_text()

    page.goto(f"{page.base}/persons/{person}")
    assert "гвардии сержант" not in page.locator("main").inner_text()

    _sign_in(page, *accounts("moderator"))
    pending = page.get_by_test_id("pending").filter(has_text="Браузеров")
    assert pending.get_by_test_id("pending-value").inner_text() == "гвардии сержант"
    assert pending.get_by_test_id("pending-contact").inner_text() == "grandson@example.org"
    assert "award/1" in pending.get_by_test_id("pending-evidence").inner_text()
    pending.get_by_test_id("approve").click()
    page.wait_for_url("**/moderation?decided=*")
    assert page.get_by_test_id("pending").filter(has_text="Браузеров").count() == 0

    open_menu(page)  # on a phone the header's links are folded
    page.get_by_test_id("logout").click()
    page.wait_for_url(page.base + "/")
    page.goto(f"{page.base}/persons/{person}")
    facts = page.locator("dl.facts").inner_text()
    assert "гвардии сержант" in facts
    entry = page.get_by_test_id("history-entry").first
    assert entry.get_by_test_id("history-new").inner_text() == "гвардии сержант"
    assert entry.get_by_test_id("history-old").inner_text() == "—"
    assert "award/1" in entry.inner_text() and "Rank from the award sheet" in entry.inner_text()
    assert "grandson@example.org" not in page.content()
    assert page.watched.errors == [] and csp == []


@pytest.fixture()
def payload_contributions(page, scratch):
    site = scratch.site("Escaping site", 31.4, 55.4)
    person = scratch.person(site, "Escaping")
    ids = []
    # One field each: a second correction of a field changed since it was sent is refused.
    fields = ("biography", "birthplace", "callup_place", "name_variants")
    for payload, field in zip(PAYLOADS, fields, strict=True):
        response = page.request.post(
            page.base + "/api/contributions",
            data={
                "kind": "correction",
                "target": {"type": "person", "id": person},
                "field": field,
                "value": payload,
                "comment": payload,
                "evidence": payload,
                "contact": payload,
            },
        )
        assert response.status == 201, response.text()
        ids.append(response.json()["id"])
    return person, ids


def test_contributed_payloads_are_text_on_the_moderation_page_and_in_the_history(
    page, payload_contributions, accounts
):
    csp = _watch_csp(page)
    person, ids = payload_contributions
    _sign_in(page, *accounts("moderator"))
    for payload, contribution in zip(PAYLOADS, ids, strict=True):
        section = page.locator(f"[data-testid=pending][data-id='{contribution}']")
        for test_id in ("pending-value", "pending-comment", "pending-evidence",
                        "pending-contact"):  # fmt: skip
            assert section.get_by_test_id(test_id).inner_text() == payload
    for contribution in ids:
        page.locator(f"[data-testid=pending][data-id='{contribution}']").get_by_test_id(
            "approve"
        ).click()
        page.wait_for_url("**/moderation?decided=*")
    page.goto(f"{page.base}/persons/{person}")
    news = page.get_by_test_id("history-new").all_inner_texts()
    for payload in PAYLOADS:
        assert payload in news
    assert page.get_by_role("heading", name="Biography").is_visible()
    assert page.evaluate("() => window.__xss") is None
    assert page.watched.dialogs == [] and page.watched.errors == []
    assert csp == []


def test_the_maps_run_under_the_content_security_policy(page, shukhovtsy_id):
    csp = _watch_csp(page)
    for url in ("/", f"/sites/{shukhovtsy_id}"):
        page.goto(page.base + url)
        page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    assert csp == [] and page.watched.errors == []


def test_a_withdrawal_with_a_document_is_approved_and_the_page_shows_the_banner(
    page, scratch, accounts
):
    """Withdrawn, never deleted: the request with a scanned document, the moderator opens
    the document and approves, the record keeps its page with the banner."""
    from pypdf import PdfWriter

    csp = _watch_csp(page)
    site = scratch.site("Браузерное захоронение 2", 31.5, 55.5)
    person = scratch.person(site, "Двойников", given_name="Тест")
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    scan = io.BytesIO()
    writer.write(scan)

    page.goto(f"{page.base}/persons/{person}")
    page.get_by_text("Ask to withdraw this record").click()
    form = page.get_by_test_id("withdrawal-form")
    form.get_by_label("Comment").fill("Entered twice: the same man as the record of 1943")
    form.get_by_label("Or a scan or photo of a document").set_input_files(
        files=[{"name": "card.pdf", "mimeType": "application/pdf", "buffer": scan.getvalue()}]
    )
    form.get_by_role("button", name="Ask to withdraw").click()
    page.get_by_test_id("contribution-received").wait_for()

    _sign_in(page, *accounts("moderator"))
    pending = page.get_by_test_id("pending").filter(has_text="Двойников")
    link = pending.get_by_test_id("pending-evidence-file")
    download = page.request.get(page.base + link.get_attribute("href"))
    assert download.status == 200 and download.body() == scan.getvalue()
    pending.get_by_test_id("approve").click()
    page.wait_for_url("**/moderation?decided=*")

    open_menu(page)
    page.get_by_test_id("logout").click()
    page.wait_for_url(page.base + "/")
    page.goto(f"{page.base}/persons/{person}")
    banner = page.get_by_test_id("withdrawn-banner")
    assert banner.is_visible()
    assert "Entered twice" in banner.inner_text() and "withdrawn on" in banner.inner_text()
    entry = page.get_by_test_id("history-entry").first
    assert entry.get_by_test_id("history-evidence-file").is_visible()
    page.goto(f"{page.base}/sites/{site}")
    withdrawn = page.get_by_test_id("withdrawn-persons")
    withdrawn.locator("summary").click()
    assert "Двойников" in withdrawn.inner_text()
    assert page.get_by_test_id("persons-in-registry").inner_text() == "0"
    assert page.watched.errors == [] and csp == []


def test_a_browser_sends_back_the_value_its_page_displayed(page, scratch, engine):
    """A real browser's form (line breaks sent as CR LF) keeps the stored value as seen,
    exactly, whichever line breaks it holds."""
    site = scratch.site("Браузерное захоронение", 31.3, 55.3)
    person = scratch.person(site, "Браузеров", given_name="Тест")
    biography = "Призван в 1941 г.\r\nВоевал под Витебском,\nпогиб в 1944 г."
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE persons SET biography = :b WHERE id = :id"),
            {"b": biography, "id": person},
        )

    page.goto(f"{page.base}/persons/{person}")
    page.get_by_text("Correct a field").click()
    form = page.get_by_test_id("correction-form")
    form.get_by_label("Field").select_option("biography")
    form.get_by_label("Correct value").fill("Призван в 1941 г., погиб в 1944 г.")
    form.get_by_label("Comment").fill("From the family's letters")
    form.get_by_label("Evidence").fill("https://pamyat-naroda.example/person/2")
    form.get_by_role("button", name="Send the correction").click()
    page.get_by_test_id("contribution-received").wait_for()

    with engine.connect() as conn:
        seen = conn.execute(
            text(
                "SELECT value_seen FROM contributions WHERE target_type = 'person' "
                "AND target_id = :id"
            ),
            {"id": person},
        ).scalar_one()
    assert seen == biography
