"""Contributions from the person and site pages, the moderators' page, and photos."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from mapapp.contributions.decisions import decide, parse_decision
from mapapp.contributions.pending import evidence_file_bytes, pending_contributions, photo_bytes
from mapapp.contributions.restore import restore_version
from mapapp.contributions.submission import store
from mapapp.http.auth import is_moderator, require, signed_in_account
from mapapp.http.bodies import form_contribution
from mapapp.http.context import current_settings, get_session, writing
from mapapp.http.mail import deliver_queued_mail
from mapapp.i18n import address_language
from mapapp.web import blueprint


@blueprint.post("/contribute")
def submit_contribution():
    submission, photo, evidence = form_contribution(request, current_settings().max_photo_bytes)
    with writing() as session:
        contribution_id = store(session, submission, photo, evidence)
    # Addresses onward keep a ?lang= the form was sent with (it sets no cookie).
    lang = address_language()
    back = (
        url_for("web.person_page", person_id=submission.target_id, lang=lang)
        if submission.target_type == "person"
        else url_for("web.site_page", site_id=submission.target_id, lang=lang)
    )
    return (
        render_template("contribution_received.html", contribution_id=contribution_id, back=back),
        201,
    )


@blueprint.get("/moderation")
def moderation_page():
    if signed_in_account() is None:
        next_page = url_for("web.moderation_page", lang=address_language())
        return redirect(url_for("web.login_form", next=next_page, lang=address_language()))
    require("moderator")
    items = pending_contributions(get_session())
    return render_template("moderation.html", items=items)


@blueprint.post("/moderation/<id:contribution_id>")
def moderation_decision(contribution_id: int):
    decider = require("moderator")
    decision = parse_decision(request.form)
    with writing() as session:
        decide(session, contribution_id, decider, decision)
    deliver_queued_mail()
    return redirect(
        url_for("web.moderation_page", decided=contribution_id, lang=address_language())
    )


@blueprint.get("/moderation/evidence/<id:file_id>")
def evidence_file(file_id: int):
    """A contribution's evidence file, for moderators only (it may hold personal data):
    a download, never cached by anyone else."""
    require("moderator")
    found = evidence_file_bytes(get_session(), file_id)
    if found is None:
        abort(404, description=_("There is no such evidence file."))
    data, mime = found
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        mime, "webp"
    )
    response = Response(data, mimetype=mime)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="evidence-{file_id}.{extension}"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.get("/photos/<id:photo_id>.jpg")
def photo_thumbnail(photo_id: int):
    return _photo(photo_id, thumbnail=True)


@blueprint.get("/photos/<id:photo_id>")
def photo_full(photo_id: int):
    return _photo(photo_id, thumbnail=False)


def _photo(photo_id: int, thumbnail: bool):
    found = photo_bytes(get_session(), photo_id, thumbnail, is_moderator())
    if found is None:
        abort(404, description=_("There is no such photo."))
    data, mime = found
    response = Response(data, mimetype=mime)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@blueprint.post("/history/<id:version>/restore")
def restore_page(version: int):
    """An admin's button in a record's history: back to that version, then to the page."""
    admin = require("admin")
    with writing() as session:
        restored = restore_version(session, version, admin)
    pages = {
        "persons": ("web.person_page", "person_id"),
        "burial_sites": ("web.site_page", "site_id"),
        "battle_locations": ("web.battle_page", "battle_id"),
    }
    lang = address_language()
    if restored["table"] not in pages:
        return redirect(url_for("web.index", lang=lang))
    endpoint, argument = pages[restored["table"]]
    return redirect(url_for(endpoint, **{argument: restored["id"]}, lang=lang) + "#history")
