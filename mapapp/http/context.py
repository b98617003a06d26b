"""What a request works with: the application's settings and a read session."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from mapapp.settings import Settings


def init_app(app: Flask, settings: Settings, engine: Engine) -> None:
    app.config["MAPAPP_SETTINGS"] = settings
    app.extensions["mapapp.engine"] = engine
    app.extensions["mapapp.sessionmaker"] = sessionmaker(engine)
    app.teardown_appcontext(_close_session)


def current_settings() -> Settings:
    return current_app.config["MAPAPP_SETTINGS"]


def get_engine() -> Engine:
    """The application's engine, for work that outlives the request's session (a streamed
    answer reads on its own connection while it is sent)."""
    return current_app.extensions["mapapp.engine"]


def get_session() -> Session:
    """The request's read session, opened on first use and closed at teardown; without
    a transaction for a view marked ``reads_without_transaction``."""
    if "db_session" not in g:
        session = current_app.extensions["mapapp.sessionmaker"]()
        if _reads_without_transaction():
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        g.db_session = session
    return g.db_session


_NO_TRANSACTION = "mapapp_reads_without_transaction"


def reads_without_transaction(view: Callable) -> Callable:
    """Mark a view that only reads, each statement on its own: its session runs in
    autocommit, which spares the BEGIN and ROLLBACK round trips (two of the five a map
    request made: the pool's ping, BEGIN, the data version, the data, ROLLBACK). Under
    READ COMMITTED every statement sees its own snapshot anyway; what such a view must
    not use is a transaction's own state (SET LOCAL, ``set_config(..., true)``, writes
    that belong together)."""
    setattr(view, _NO_TRANSACTION, True)
    return view


def _reads_without_transaction() -> bool:
    if not has_request_context() or request.endpoint is None:
        return False
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, _NO_TRANSACTION, False)


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        session.close()
    except DBAPIError:
        # The server ended the connection (a restart, an administrator) after the answer
        # was made: its transaction is gone with it, so there is nothing to roll back.
        # Raising here would turn a finished answer into a 500.
        logging.getLogger(__name__).warning("database connection lost while closing")
        session.invalidate()


@contextmanager
def writing() -> Iterator[Session]:
    """The request's session for a change: committed together at the end of the block,
    or rolled back entirely on any error, so nothing is ever half-written."""
    session = get_session()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
