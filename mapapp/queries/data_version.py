"""The data version: a counter every change to the data raises (migration 0004)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def current_data_version(session: Session) -> int:
    return session.execute(text("SELECT version FROM data_version WHERE id = 1")).scalar_one()
