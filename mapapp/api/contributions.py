"""Contributions, moderators' decisions, history and restore, as JSON."""

from __future__ import annotations

from flask import jsonify, request

from mapapp.api import blueprint
from mapapp.contributions.decisions import decide, parse_decision
from mapapp.contributions.history import record_history
from mapapp.contributions.restore import restore_version
from mapapp.contributions.submission import parse_submission, store, target_exists
from mapapp.errors import N_, NotFound
from mapapp.http.auth import require_for_change
from mapapp.http.bodies import form_contribution, json_object
from mapapp.http.context import current_settings, get_session, writing
from mapapp.http.mail import deliver_queued_mail


@blueprint.post("/contributions")
def submit_contribution():
    """JSON for corrections, new persons, condition reports and withdrawals; multipart
    for photos and for evidence given as a file (``evidence_file``)."""
    settings = current_settings()
    photo = evidence = None
    if request.mimetype == "multipart/form-data":
        submission, photo, evidence = form_contribution(request, settings.max_photo_bytes)
    else:
        submission = parse_submission(json_object(request, settings.max_json_bytes))
    with writing() as session:
        contribution_id = store(session, submission, photo, evidence)
    return jsonify({"id": contribution_id, "status": "pending"}), 201


@blueprint.post("/contributions/<id:contribution_id>/decision")
def decide_contribution(contribution_id: int):
    decider = require_for_change("moderator")
    decision = parse_decision(json_object(request, current_settings().max_json_bytes))
    with writing() as session:
        result = decide(session, contribution_id, decider, decision)
    deliver_queued_mail()
    return jsonify(result)


@blueprint.post("/history/<id:version>/restore")
def restore(version: int):
    admin = require_for_change("admin")
    with writing() as session:
        result = restore_version(session, version, admin)
    return jsonify(result)


@blueprint.get("/persons/<id:person_id>/history")
def person_history(person_id: int):
    return _history("person", person_id)


@blueprint.get("/sites/<id:site_id>/history")
def site_history(site_id: int):
    return _history("site", site_id)


def _history(target_type: str, record_id: int):
    session = get_session()
    items = record_history(session, target_type, record_id)
    if not items and not target_exists(session, target_type, record_id):
        if target_type == "person":
            raise NotFound(N_("no person with id %(id)s"), id=record_id)
        raise NotFound(N_("no site with id %(id)s"), id=record_id)
    return jsonify({"items": items})
