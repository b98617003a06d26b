"""Road distances from a routing service that speaks OSRM's /table protocol.

The service here is a small local HTTP server (the tests cannot reach a real OSRM); it
answers with great-circle distances except that it makes one stretch very long, so the
shortest order by road differs from the shortest in straight lines.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import text

from mapapp import create_app
from mapapp.trips.tour import great_circle_km


class _Table(BaseHTTPRequestHandler):
    detour: tuple[int, int] | None = None
    broken = False

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.broken:
            self.send_response(500)
            self.end_headers()
            return
        coords = self.path.split("/table/v1/driving/")[1].split("?")[0].split(";")
        points = [tuple(map(float, c.split(",")))[::-1] for c in coords]  # (lat, lon)
        km = [[great_circle_km(a, b) for b in points] for a in points]
        if self.detour:
            i, j = self.detour
            km[i][j] = km[j][i] = 5000.0
        body = {
            "code": "Ok",
            "distances": [[d * 1000 for d in row] for row in km],
            "durations": [[d / 50 * 3600 for d in row] for row in km],
        }
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture()
def osrm():
    server = HTTPServer(("127.0.0.1", 0), _Table)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, _Table
    _Table.detour, _Table.broken = None, False
    server.shutdown()


@pytest.fixture()
def road_client(osrm, test_settings):
    server, _ = osrm
    settings = test_settings.model_copy(
        update={"osrm_url": f"http://127.0.0.1:{server.server_port}", "osrm_timeout": 2.0}
    )
    return create_app(settings).test_client()


def _ids(engine, n):
    with engine.connect() as conn:
        return (
            conn.execute(
                text(
                    "SELECT id FROM burial_sites WHERE location_precision = 'site' ORDER BY id "
                    "LIMIT :n"
                ),
                {"n": n},
            )
            .scalars()
            .all()
        )


def test_road_distances_decide_the_order(client, road_client, osrm, engine):
    ids = _ids(engine, 4)
    query = {"sites": ",".join(map(str, ids))}
    straight = client.get("/api/itinerary", query_string=query).get_json()
    order = straight["order"]
    # Make the first leg of the straight-line order impossibly long by road.
    _, handler = osrm
    handler.detour = (ids.index(order[0]), ids.index(order[1]))
    road = road_client.get("/api/itinerary", query_string=query).get_json()
    assert road["distances"] == "road (OSRM)" and road["distance_note"] is None
    assert (road["order"][0], road["order"][1]) != (order[0], order[1])
    assert road["total_km"] < 5000
    assert road["estimated_driving_hours"] == pytest.approx(road["total_km"] / 50, abs=0.005)
    html = road_client.get("/plan", query_string={**query, "lang": "en"}).get_data(as_text=True)
    assert "km by road (routing service)" in html


def test_an_unavailable_routing_service_falls_back_and_says_so(road_client, osrm, engine):
    _, handler = osrm
    handler.broken = True
    body = road_client.get(
        "/api/itinerary", query_string={"sites": ",".join(map(str, _ids(engine, 3)))}
    ).get_json()
    assert body["distances"] == "great-circle"
    assert "did not answer" in body["distance_note"]
    page = road_client.get(
        "/plan", query_string={"sites": ",".join(map(str, _ids(engine, 3))), "lang": "ru"}
    ).get_data(as_text=True)
    assert "Расстояния по дорогам сейчас недоступны: сервис маршрутов не ответил (" in page
