"""A real `crosswire serve` process on 127.0.0.1 for the tests (a module of its own name, so that no
test imports from `conftest`, a name every test folder shares)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from web_corpus import TOKEN


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db, log_path, *options: str) -> Iterator[str]:
    """`crosswire serve --db DB [OPTIONS]` (a path or a URL) on 127.0.0.1 in its own process, with the test token:
    its base URL."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    log = open(log_path, "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "crosswire.cli", "serve", "--db", str(db), "--port", str(port), *options],
                               stdout=log, stderr=subprocess.STDOUT, env=os.environ | {"CROSSWIRE_TOKEN": TOKEN})  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"crosswire serve exited with {process.returncode}: {log.read()}")
            try:
                with urllib.request.urlopen(base + "/api/stories", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("crosswire serve did not answer within 30 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
