"""The command line as a user runs it: real processes, real files, exit codes, one-line errors."""

import json
import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
GOOD = sorted(str(p) for p in EXAMPLES.glob("harbor-strike-*"))


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "crosswire.cli", *map(str, args)],
        capture_output=True, text=True, input=stdin, timeout=300,
    )


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    (d / "empty.txt").write_text("")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "undecodable.txt").write_bytes(b"Caf\xe9 \x81\x8d\x8f\x90\x9d " * 10 + b"\xff\xfe\xfd" * 50)
    big = d / "huge.txt"
    with big.open("wb") as handle:  # sparse 50 MB file: refused by size before it is read
        handle.seek(50 * 1024 * 1024)
        handle.write(b"\n")
    (d / "nav.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>")
    (d / "spanish.txt").write_text(
        "La huelga del puerto\n" + "Los trabajadores del puerto dejaron el trabajo el lunes porque la autoridad "
        "no quiso subir los salarios, y la ciudad pidió a las dos partes que volvieran a la mesa. " * 4
    )
    return d


def test_compare_writes_every_format(tmp_path):
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"report.{fmt}"
        result = run("compare", *GOOD, "--format", fmt, "-o", out)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["summary"]["conflicting"] >= 1
    assert "<script>alert" not in (tmp_path / "report.html").read_text()


def test_terminal_report_lists_conflicts_first():
    result = run("compare", *GOOD)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.index("onflict") < text.index("orroborated")


def test_bad_files_get_one_line_each_and_the_rest_is_compared(bad_files, tmp_path):
    bad = sorted(bad_files.iterdir())
    out = tmp_path / "r.json"
    result = run("compare", *GOOD, *bad, str(bad_files / "missing.txt"), "--format", "json", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(("skipped", "warning"))]
    for path in [*bad, bad_files / "missing.txt"]:
        mine = [line for line in lines if str(path) in line]
        assert len(mine) == 1, (path, result.stderr)
    assert len(json.loads(out.read_text())["articles"]) == 3


def test_a_folder_is_compared_as_the_files_under_it(tmp_path):
    # a story's articles saved in one folder: `crosswire compare folder/` as `crosswire ingest folder/` reads it
    folder = tmp_path / "story"
    (folder / "more").mkdir(parents=True)
    for k, path in enumerate(GOOD):
        source = pathlib.Path(path)
        (folder if k else folder / "more").joinpath(source.name).write_bytes(source.read_bytes())
    (folder / ".notes.txt").write_text("my own notes, hidden: not an article")
    (tmp_path / "nothing").mkdir()
    out = tmp_path / "r.json"
    result = run("compare", folder, tmp_path / "nothing", "--format", "json", "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(pathlib.Path(a["source"]).name for a in json.loads(out.read_text())["articles"]) == \
        sorted(pathlib.Path(p).name for p in GOOD)
    assert result.stderr.strip().splitlines()[0] == f"skipped {tmp_path / 'nothing'}: a folder with no files to read"


def test_no_readable_source_means_no_report_and_a_non_zero_exit(bad_files):
    result = run("compare", bad_files / "empty.txt", bad_files / "binary.txt")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr


def test_a_bad_date_is_a_usage_error():
    result = run("compare", *GOOD, "--published", "25/10/2025")
    assert result.returncode == 2
    assert "not a date" in result.stderr


def test_extract_reads_standard_input_and_keeps_offsets_as_read():
    text = (
        "Port workers walked out on Friday, the union said.\n"
        '"We are done waiting," union president Dolores Okafor said. The authority offered 4.5 percent, '
        "or about $38 million a year, and talks resume on Wednesday, Oct. 29."
    )
    result = run("extract", "-", "--published", "2025-10-25", stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["text"] == text
    assert set(data) >= {"text", "entities", "quantities", "times", "quotes"}
    for key in ("entities", "quantities", "times"):
        for item in data[key]:
            assert text[item["start"] : item["end"]] == item["text"]
    times = {t["text"]: t for t in data["times"]}
    assert times["Friday"]["value"] == "2025-10-24" and times["Friday"]["type"] == "DATE"
    assert times["Wednesday, Oct. 29"]["value"] == "2025-10-29"
    money = [q for q in data["quantities"] if q["unit"] == "USD"]
    assert money[0]["value"] == 3.8e7 and money[0]["per"] == "year"
    (quote,) = [q for q in data["quotes"] if q["kind"] == "direct"]
    assert quote["content"]["text"] == "We are done waiting,"
    assert quote["speaker"]["name"] == "Dolores Okafor" and quote["anonymous"] is False
    assert text[quote["cue"]["start"] : quote["cue"]["end"]] == "said"
