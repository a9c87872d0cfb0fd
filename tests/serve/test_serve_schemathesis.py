"""Property-based API tests: schemathesis generates requests from the OpenAPI schema; no request
may get a server error (5xx), and every error must come back in the one error shape.

schemathesis is imported inside the test (its pytest plugin's fixture loader does not work with
the pytest in use, and importing it at collection would slow every run of the suite).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from dateline.ingest.fetch import Fetcher
from dateline.serve.api import create_app
from tests.serve.conftest import TOKEN
from tests.serve.fixtures import build_store


def _fuzz(tmp_path: Path, *, examples: int) -> dict[str, int]:
    import schemathesis
    from schemathesis.checks import not_a_server_error

    location = build_store(tmp_path / "serve.db")
    # Feed URLs the fuzzer posts never reach the network: every fetch answers 404.
    offline = Fetcher(transport=httpx.MockTransport(lambda request: httpx.Response(404)))
    app = create_app(location, token=TOKEN, fetcher=offline)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    calls: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        calls[label] = 0
        _checker(operation, label, calls, examples, not_a_server_error)()
    return calls


def _checker(operation: Any, label: str, calls: dict[str, int], examples: int, check_5xx: Any) -> Any:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        case.validate_response(response, checks=[check_5xx])
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
        calls[label] += 1

    return check


def test_api_never_answers_a_server_error(tmp_path: Path) -> None:
    calls = _fuzz(tmp_path, examples=5)
    assert {"GET /api/timeline", "GET /api/search", "POST /api/articles", "GET /api/claims"} <= calls.keys()
    assert all(n > 0 for n in calls.values()), calls


@pytest.mark.slow
def test_api_never_answers_a_server_error_long(tmp_path: Path) -> None:
    calls = _fuzz(tmp_path, examples=150)
    assert all(n > 0 for n in calls.values()), calls
