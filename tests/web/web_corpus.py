"""Test data of our own for the web tests, and their JSON error check (a module of its own name, so
that no test imports from `conftest`, a name every test folder shares)."""

import pathlib

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
TOKEN = "test-token-0123456789"
ATTACK = '<script>alert(1)</script> and <img src=x onerror=alert(1)>'

# Our own short articles about one invented event; the second quotes markup a reader pasted in.
BRIDGE_A = ("The Kestrel Bridge in Dunmore was closed to traffic on Thursday after inspectors found cracks in two "
            "support cables, the regional roads agency said. About 18,000 vehicles cross the bridge every day. "
            "Agency director Ruth Ambler said repairs would cost 6 million euros and take three weeks. "
            "Drivers were told to use the ring road, which adds about 20 minutes to the trip.")
BRIDGE_B = ("Dunmore's Kestrel Bridge was shut on Thursday when inspectors found cracks in support cables, the roads "
            "agency said. Agency director Ruth Ambler said repairs would cost 9 million euros and take three weeks. "
            f"A commuter posted a sign reading {ATTACK} on the closed gate. "
            "About 18,000 vehicles use the bridge each day, the agency said.")

# Two more of our own about another invented event, for saving from the Compare page (not in the filled store).
DAM_A = ("Water board engineers lowered the Harwick reservoir on Monday after a leak was found in the dam's eastern "
         "wall, the Oriel water board said. About 4,000 households downstream were told to prepare to leave. "
         "Board chair Tomas Reyes said the repair would cost 3 million pounds and take five weeks.")
DAM_B = ("The Oriel water board began lowering Harwick reservoir on Monday when engineers found a leak in the eastern "
         "wall of the dam. Board chair Tomas Reyes said the repair would cost 8 million pounds and take five weeks. "
         "Around 4,000 households below the dam were told to be ready to leave.")


def assert_error(response, status: int, *words: str) -> None:
    """The response is `{"error": message}` with `status`, naming `words`, and no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and "Traceback" not in body["error"]
    for word in words:
        assert word in body["error"]
