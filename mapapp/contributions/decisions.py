"""A moderator approves or rejects a pending contribution; approval applies it, in the
same transaction as the decision, or nothing happens at all."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from mapapp.contributions.actor import set_actor, user_actor
from mapapp.contributions.apply import apply
from mapapp.contributions.text import clean_text
from mapapp.errors import N_, Conflict, InvalidInput, NotFound
from mapapp.models import Contribution

DECISIONS = ("approve", "reject")


@dataclass(frozen=True)
class Decider:
    """The signed-in moderator or admin."""

    id: int
    role: str


@dataclass(frozen=True)
class Decision:
    decision: str
    reason: str | None


def parse_decision(data: Mapping) -> Decision:
    decision = data.get("decision")
    if not isinstance(decision, str) or decision not in DECISIONS:
        raise InvalidInput(
            N_("%(name)s must be %(one)s or %(other)s"),
            parameter="decision",
            name="decision",
            one="approve",
            other="reject",
        )
    reason = clean_text(data.get("reason"), "reason", 2000, required=decision == "reject")
    return Decision(decision, reason)


def decide(session: Session, contribution_id: int, decider: Decider, decision: Decision) -> dict:
    """Lock the contribution, apply it when approved, record the decision. The caller
    commits; any failure leaves the contribution pending and the data as it was."""
    contribution = session.execute(
        select(Contribution).where(Contribution.id == contribution_id).with_for_update()
    ).scalar_one_or_none()
    if contribution is None:
        raise NotFound(N_("no contribution with id %(id)s"), id=contribution_id)
    if contribution.status != "pending":
        if contribution.status == "approved":
            raise Conflict(N_("contribution %(id)s was already approved"), id=contribution_id)
        raise Conflict(N_("contribution %(id)s was already rejected"), id=contribution_id)
    set_actor(session.connection(), user_actor(decider.role, decider.id), contribution.id)
    if decision.decision == "approve":
        try:
            with session.begin_nested():
                apply(session, contribution)
        except (IntegrityError, DataError) as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig else "constraint violated"
            raise Conflict(
                N_("the change does not fit the record as it is now (%(reason)s)"),
                "decision",
                reason=reason,
            ) from exc
    contribution.status = "approved" if decision.decision == "approve" else "rejected"
    contribution.decided_at = func.now()
    contribution.decided_by = decider.id
    contribution.decision_reason = decision.reason
    session.flush()
    return {"id": contribution.id, "status": contribution.status}
