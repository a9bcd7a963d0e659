"""GET requests reads a page of open requests in a fixed number of queries."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ..personas import Museum
from .conftest import BASE, file_request, walk


def queries_for(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_open_requests_cost_the_same_however_many(
    client: Client, museum: Museum, api_key: str
) -> None:
    for _ in range(3):
        walk(museum, file_request(client, api_key), "dispatched")
    few = queries_for(client, f"{BASE}/requests.json")
    for _ in range(5):
        walk(museum, file_request(client, api_key), "dispatched")
    assert queries_for(client, f"{BASE}/requests.json") == few
    assert few <= 6
    assert queries_for(client, f"{BASE}/services.xml") <= 3
