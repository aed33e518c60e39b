"""Every kind of bad input is refused with a one-line reason, and the batch goes on."""

import gzip
import json
import pathlib
import os

import pytest

from crosswire.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    NoArticleText,
    NotEnglish,
    TooLarge,
    UndecodableInput,
)
from crosswire.ingest import read_all, read_source, read_text

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"

SPANISH = (
    "Los trabajadores del puerto de Halvergate iniciaron una huelga el lunes después de que las "
    "negociaciones con la autoridad portuaria se rompieran por los salarios. El sindicato pide un "
    "aumento del nueve por ciento en tres años, mientras que la autoridad ofrece la mitad. La alcaldesa "
    "dijo que la ciudad pagará a un mediador independiente para que las partes vuelvan a la mesa."
)
GERMAN = (
    "Die Hafenarbeiter in Halvergate sind am Montag in den Streik getreten, nachdem die Gespräche mit der "
    "Hafenbehörde über die Löhne gescheitert waren. Die Gewerkschaft fordert eine Erhöhung um neun Prozent "
    "in drei Jahren, die Behörde bietet nur die Hälfte an. Die Bürgermeisterin sagte, die Stadt werde einen "
    "unabhängigen Vermittler bezahlen, damit die Parteien an den Tisch zurückkehren."
)
KOREAN = "할버게이트 항만 노동자들이 월요일 임금 협상이 결렬된 뒤 파업에 들어갔다. " * 8
NAMES = (
    "Kim Jung-kwan, Koo Yun-cheol, Kim Yong-beom, Lee Jae Myung, Howard Lutnick, Scott Bessent, "
    "Jamieson Greer, Wi Sung-lac, Cho Hyun, Ahn Gyu-back, Yeo Han-koo, Choi Sang-mok, Park Jin, "
    "Chung Eui-yong, Kang Kyung-wha and Yoon Suk Yeol attended the Gyeongju APEC dinner in Korea."
)


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "error", "reason"),
    [
        ("empty.txt", b"", EmptyInput, "empty file"),
        ("blank.txt", b"  \n\n\t \n", EmptyInput, "empty file"),
        ("nul.txt", b"Port strike\x00\x00\x01\x02 binary", BinaryInput, "binary file (NUL bytes)"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "an image (PNG), not an article"),
        # formats articles are saved in that crosswire does not read are named, with what to do
        ("story.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", BinaryInput,
         "a PDF document; crosswire reads text, HTML, JSON, feeds and web archives: save its text first"),
        ("story.docx", b"PK\x03\x04\x14\x00\x06\x00", BinaryInput, "a ZIP archive (or a Word, OpenDocument or EPUB "
         "file); crosswire reads text, HTML, JSON, feeds and web archives: save its text first, or unpack it"),
        ("big.txt.gz", gzip.compress(b"Port strike. " * 2_000_000), TooLarge,
         "too large: over the 20.0 MB limit once decompressed"),
        ("cut.txt.gz", gzip.compress(b"Port strike. " * 100)[:-12], UndecodableInput,
         "damaged gzip file (Compressed file ended before the end-of-stream marker was reached)"),
        ("control.txt", bytes(range(1, 9)) * 50, BinaryInput, "binary file (mostly non-text characters)"),
        ("junk.txt", bytes((i * 37 + 11) % 128 + 128 for i in range(3000)), UndecodableInput, None),
        ("spanish.txt", ("Huelga\n" + SPANISH).encode(), NotEnglish, "not English (looks like Spanish)"),
        ("german.txt", ("Streik\n" + GERMAN).encode(), NotEnglish, "not English (looks like German)"),
        ("korean.txt", ("파업\n" + KOREAN).encode(), NotEnglish, "not English (mostly non-Latin script)"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav></body></html>", NoArticleText, None),
        ("title-only.txt", b"Port strike\nPublished: 14 Oct. 2025", NoArticleText, None),
    ],
)
def test_bad_input_is_refused_with_a_one_line_reason(tmp_path, name, data, error, reason):
    path = write(tmp_path, name, data)
    with pytest.raises(error) as info:
        read_source(path)
    assert "\n" not in str(info.value)
    assert info.value.source == str(path)
    if reason:
        assert info.value.reason == reason


def test_a_50_mb_file_is_refused_from_its_size(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 50 MB written
        handle.truncate(50_000_000)

    def no_read(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(type(path), "open", no_read)
    with pytest.raises(TooLarge) as info:
        read_source(path)
    assert info.value.reason == "too large: 50.0 MB is over the 20.0 MB limit"


def test_max_bytes_is_a_parameter(tmp_path):
    path = write(tmp_path, "a.txt", b"Strike\nWorkers walked out on Monday at the port.")
    with pytest.raises(TooLarge):
        read_source(path, max_bytes=10)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="a folder with no files to read"):
        read_source(tmp_path)
    (tmp_path / "a.txt").write_text("Port strike")
    with pytest.raises(InputError, match="is a directory, not a file"):  # read_source reads files; expand_sources
        read_source(tmp_path)                                            # lists a folder's


@pytest.mark.parametrize(
    ("data", "title"),
    [
        ("Port strike\nWorkers walked out.".encode("utf-16"), "Port strike"),
        ("\ufeffPort strike\nWorkers walked out.".encode("utf-8"), "Port strike"),
        ("Café strike\r\nThe café workers walked out on Monday, the union said in a statement today.".encode("cp1252"), None),
    ],
)
def test_other_encodings_are_read(tmp_path, data, title):
    [article] = read_source(write(tmp_path, "a.txt", data))
    assert "\r" not in article.raw_text
    assert article.raw_text.endswith("statement today.") or article.title == title


@pytest.mark.parametrize(
    "text",
    [
        "Strike ends.",
        "Port reopens\nCranes moved again on Friday.",
        "Seoul summit\n" + NAMES,
        "Halvergate Port Authority CEO Leonard Vance, Mayor Ines Carvalho, Harriet Osei (NLRB), Dolores Okafor (HWU Local 14).",
    ],
)
def test_short_or_name_heavy_english_is_not_refused(text):
    assert read_text(text).language == "en"


def test_read_all_goes_on_after_bad_files(tmp_path):
    bad = [
        write(tmp_path, "empty.txt", b""),
        write(tmp_path, "nul.bin", b"\x00\x01"),
        tmp_path / "missing.txt",
        tmp_path,
    ]
    articles, problems = read_all([bad[0], EXAMPLES / "harbor-strike-gazette.txt", *bad[1:], EXAMPLES / "harbor-strike-wire.json"])
    assert [a.outlet for a in articles] == ["Halvergate Gazette", "Meridian Wire"]
    assert [p.source for p in problems] == [str(p) for p in bad]
    assert str(problems[0]) == f"skipped {bad[0]}: empty file"
    assert all("\n" not in str(p) for p in problems)


def test_sparse_file_is_not_read_by_read_all(tmp_path):
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    articles, problems = read_all([path])
    assert not articles and problems[0].reason.startswith("too large")
    assert os.path.getsize(path) == 50_000_000


def test_repeated_headlines_and_email_signoffs_are_not_taken_for_portuguese():
    from crosswire.ingest import read_text

    text = "\n".join(["Port strike enters second day"] * 3 + ["JANE DOE [jane@example.com]"] * 3)
    assert read_text(text).title == "Port strike enters second day"  # read, not refused as "Portuguese"


def test_a_record_whose_text_field_is_no_text_says_what_it_holds(tmp_path):
    # a number, an object (other than WordPress's {"rendered": ...}) or a flag under a text field's name is
    # named as such, not reported as text that boilerplate removal emptied; the batch's good record is read
    lines = [
        {"id": "n", "text": 20251014},
        {"id": "o", "content": {"value": "The harbour strike ended.", "lang": "en"}},
        {"id": "f", "body": True},
        {"id": "l", "text": ["The harbour strike ended.", 3]},
        {"id": "good", "title": "Strike ends", "text": ["The harbour strike ended on Monday after nine days, "
                                                         "the union said.", "Ships were unloaded by evening."]},
    ]
    path = write(tmp_path, "api.jsonl", "\n".join(json.dumps(x) for x in lines).encode())
    articles, problems = read_all([path])
    assert [a.external_id for a in articles] == ["good"]
    assert [(p.source, p.reason) for p in problems] == [
        (f"{path}:1", 'the "text" field holds a number, not the article\'s text'),
        (f"{path}:2", 'the "content" field holds an object, not the article\'s text'),
        (f"{path}:3", 'the "body" field holds true or false, not the article\'s text'),
        (f"{path}:4", 'the "text" field holds a list of values other than strings, not the article\'s text'),
    ]


def test_json_nested_too_deeply_is_one_line_and_the_other_lines_are_read(tmp_path):
    deep = write(tmp_path, "deep.json", b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(InputError) as info:
        read_source(deep)
    assert info.value.reason == "not valid JSON or JSON Lines (line 1: nested too deeply to read)"
    good = json.dumps({"id": "ok", "text": "The harbour strike ended on Monday after nine days, the union said."})
    lines = write(tmp_path, "deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n" + good.encode())
    articles, problems = read_all([lines])
    assert [a.external_id for a in articles] == ["ok"]
    assert [(p.source, p.reason) for p in problems] == [(f"{lines}:1", "not valid JSON (nested too deeply to read)")]


def test_gzip_files_are_read_as_what_they_hold(tmp_path):
    # a scraper's "news.jsonl.gz": the records inside, named and told apart by the name without ".gz"
    records = [{"id": f"r{k}", "title": "Strike", "text": f"The harbour strike ended on day {k + 2}, the union said."}
               for k in range(3)]
    path = write(tmp_path, "news.jsonl.gz", gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    articles, problems = read_all([path])
    assert [a.external_id for a in articles] == ["r0", "r1", "r2"] and not problems
    assert articles[0].source == f"{path}:1"


def test_a_lone_surrogate_in_a_json_string_is_replaced_and_the_record_read(tmp_path):
    # "\ud800" alone is no character (UTF-8 cannot hold it): analysis had failed on it as "a crosswire bug"
    text = (r'{"id": "s", "text": "The harbour strike ended on Monday \ud800 after nine days \ud83d\ude00, '
            r'the union said."}')
    (article,) = read_source(write(tmp_path, "s.json", text.encode()))
    assert "Monday \ufffd after" in article.raw_text and "days \U0001f600," in article.raw_text
    article.raw_text.encode("utf-8")
