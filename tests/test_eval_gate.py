import json
import pathlib
import re
import subprocess

import pytest

from eval.gate import check, raised

ROOT = pathlib.Path(__file__).resolve().parent.parent
FLOORS = {"tolerance": 0.5, "floors": {"times.value_f1": 79.0, "quotes.cue_f1": 64.0}}


def test_a_figure_below_its_floor_fails_the_gate_and_one_within_tolerance_passes():
    rows = [{"key": "times.value_f1", "task": "value", "crosswire": 78.6},
            {"key": "quotes.cue_f1", "task": "cue", "crosswire": 63.0}]
    failures = check(rows, FLOORS)
    assert len(failures) == 1 and failures[0].startswith("cue: 63.0 is below its floor 64.0")


def test_update_raises_floors_and_never_lowers_them():
    rows = [{"key": "times.value_f1", "task": "v", "crosswire": 80.2},
            {"key": "quotes.cue_f1", "task": "c", "crosswire": 60.0}]
    assert raised(rows, FLOORS)["floors"] == {"times.value_f1": 80.2, "quotes.cue_f1": 64.0}


def _git(*args) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_every_lowered_floor_in_history_has_a_written_reason():
    try:
        commits = _git("log", "--format=%H", "--", "eval/baseline.json").split()
    except (subprocess.CalledProcessError, FileNotFoundError):
        pytest.skip("not a git checkout: the floor history cannot be read")
    # a reason can also come later, in any commit whose message says "Floor lowered: <hash of the lowering commit>"
    later = re.findall(r"Floor lowered: ([0-9a-f]{7,40})", _git("log", "--format=%B"))
    for commit in commits:
        message = _git("log", "-1", "--format=%B", commit)
        if any(commit.startswith(prefix) for prefix in later):
            continue
        try:
            before = json.loads(_git("show", f"{commit}^:eval/baseline.json"))["floors"]
        except subprocess.CalledProcessError:
            continue  # the commit that created the file
        after = json.loads(_git("show", f"{commit}:eval/baseline.json"))["floors"]
        lowered = [k for k, v in before.items() if k in after and after[k] < v or k not in after]
        if lowered:
            assert "Floor lowered:" in message, f"{commit[:8]} lowers {lowered} without a 'Floor lowered:' reason"
