"""A database that is down or too slow is a 503 with Retry-After and a clear message."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mapapp import create_app


@pytest.fixture()
def app_without_database(test_settings):
    # Nothing listens on port 1 of this machine: every connection is refused.
    settings = test_settings.model_copy(
        update={"database_url": "postgresql+psycopg://mapapp:mapapp@127.0.0.1:1/nowhere_test"}
    )
    return create_app(settings)


@pytest.fixture()
def slow_app(test_settings):
    """The app with a 200 ms statement timeout and one route that runs longer."""
    from mapapp.http.context import get_session

    app = create_app(test_settings.model_copy(update={"statement_timeout_ms": 200}))

    def sleep():
        get_session().execute(text("SELECT pg_sleep(3)"))
        return "slept"

    app.add_url_rule("/api/slow", "slow_api", sleep)
    app.add_url_rule("/slow", "slow_page", sleep)
    return app


@pytest.mark.parametrize(
    "path",
    [
        "/api/sites?bbox=26,53,28,54",
        "/api/sites/1",
        "/ogc/collections",
        "/ogc/collections/burial_sites/items?f=html",
    ],
)
def test_api_answers_503_json_while_the_database_is_down(app_without_database, path):
    response = app_without_database.test_client().get(path)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    error = response.get_json()["error"]
    assert error["status"] == 503 and "database is not available" in error["message"]


@pytest.mark.parametrize("path", ["/?lang=en", "/sites/1?lang=en", "/sites?lang=en"])
def test_pages_answer_503_with_a_message_while_the_database_is_down(app_without_database, path):
    response = app_without_database.test_client().get(path)
    assert response.status_code == 503
    assert "Retry-After" in response.headers
    assert "database is not available" in response.get_data(as_text=True)


def test_a_statement_over_the_timeout_is_a_503_not_a_500(slow_app):
    client = slow_app.test_client()
    api = client.get("/api/slow")
    assert api.status_code == 503 and "Retry-After" in api.headers
    assert "took too long" in api.get_json()["error"]["message"]
    page = client.get("/slow?lang=en")
    assert page.status_code == 503 and "took too long" in page.get_data(as_text=True)
    # The connection is usable again afterwards.
    assert client.get("/api/sites").status_code == 200


def test_web_requests_run_with_the_statement_timeout(app):
    from mapapp.http.context import get_session

    with app.test_request_context("/"):
        assert get_session().execute(text("SHOW statement_timeout")).scalar() == "5s"


def test_a_connection_ended_by_the_server_before_teardown_still_gives_the_answer(
    test_settings, engine
):
    """A restart that strikes after the answer is made (the session's ROLLBACK at teardown
    fails) must not turn that answer into a 500."""
    from mapapp.http.context import get_session

    app = create_app(test_settings)

    def answer_then_lose_the_connection():
        pid = get_session().execute(text("SELECT pg_backend_pid()")).scalar_one()
        with engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return "answered"

    app.add_url_rule("/lose-connection", view_func=answer_then_lose_the_connection)
    response = app.test_client().get("/lose-connection")
    assert response.status_code == 200 and response.get_data(as_text=True) == "answered"
    # The pool hands out a working connection afterwards.
    assert app.test_client().get("/api/sites?bbox=26,53,28,54").status_code == 200
