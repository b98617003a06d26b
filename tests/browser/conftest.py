"""A live server on a free local port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@dataclass
class Watched:
    """What a page tried to do that it should not have."""

    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# The screens every browser test runs on: a desktop, and a phone (the size of a common
# one, with touch, as a relative in a village holds it).
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


def pytest_generate_tests(metafunc):
    """Every test that uses a page runs once per screen; @pytest.mark.screens("desktop")
    keeps a test to the screens it names (and says why beside it)."""
    if "screen" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("screens")
        metafunc.parametrize("screen", list(marker.args) if marker else list(SCREENS))


@pytest.fixture()
def page(browser, live_server, request, screen):
    """A page that can reach only the local server; everything else is blocked and recorded.
    Each test that uses it runs at desktop size and again at phone size."""
    context = browser.new_context(locale="en-GB", **SCREENS[screen])
    context.set_default_timeout(15_000)
    page = context.new_page()
    watched = Watched()

    def route(route):
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            watched.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (watched.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: watched.errors.append(str(e)))
    page.watched = watched
    page.base = live_server
    page.screen = screen
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
