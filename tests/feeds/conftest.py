"""The feed tests share the local HTTP server of tests/fetch (127.0.0.1 only), loaded by path."""

from __future__ import annotations

import importlib.util
import pathlib

import pytest

_spec = importlib.util.spec_from_file_location(
    "crosswire_tests_http_server", pathlib.Path(__file__).resolve().parents[1] / "fetch" / "conftest.py"
)
_server = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_server)

server = _server.server
settings = _server.settings
fresh_fetch_state = _server.fresh_fetch_state


@pytest.fixture(scope="session")
def api():
    from crosswire.store.ingest import stories_api

    return stories_api()
