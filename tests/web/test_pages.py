"""The pages in process: what they list and link, escaping of everything an article says, compare uploads."""

from __future__ import annotations

import gzip
import html
import json
import re
from html.parser import HTMLParser

import pytest
from web_corpus import BRIDGE_A, BRIDGE_B, DAM_A, DAM_B, EXAMPLES, TOKEN

ESCAPED_ATTACK = "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
            self._in_script = False


def assert_nothing_runs(page: str) -> None:
    """Parsed as a browser would: no element or attribute an article brought, only the page's own script."""
    parser = _Tags()
    parser.feed(page)
    names = {tag for tag, _ in parser.tags}
    assert "img" not in names and "b" not in names and "i" not in names
    assert not any(name.startswith("on") for _, attrs in parser.tags for name in attrs)
    assert not any((attrs.get("href") or "").lower().startswith("javascript:") for _, attrs in parser.tags)
    assert [tag for tag, _ in parser.tags].count("script") <= 1
    assert all("alert(" not in script for script in parser.scripts)


def test_stories_page_lists_stories_with_counts_and_links(client, story_ids):
    client.get(f"/api/stories/{story_ids['bridge']['id']}")  # compared once: its counts are known
    page = client.get("/").text
    harbor, bridge = story_ids["harbor"], story_ids["bridge"]
    assert page.index(f'href="/stories/{harbor["id"]}"') < page.index(f'href="/stories/{bridge["id"]}"')
    assert "Kestrel Bridge closed after cable cracks found" in page
    row = page[page.index(f'href="/stories/{bridge["id"]}"'):].split("</tr>")[0]
    assert re.search(r'badge conflicting">[1-9]', row)


def test_stories_page_filters_and_pages(client, story_ids):
    only_bridge = client.get("/", params={"q": "Kestrel"}).text
    assert story_ids["bridge"]["id"] in only_bridge and story_ids["harbor"]["id"] not in only_bridge
    assert 'value="Kestrel"' in only_bridge
    october = client.get("/", params={"since": "2025-10-01", "until": "2025-10-31"}).text
    assert story_ids["harbor"]["id"] in october and story_ids["bridge"]["id"] not in october
    empty = client.get("/", params={"page": 2})
    assert empty.status_code == 200 and story_ids["harbor"]["id"] not in empty.text and 'rel="prev"' in empty.text
    bad = client.get("/", params={"since": "yesterday"})
    assert bad.status_code == 422 and "text/html" in bad.headers["content-type"] and "yesterday" in bad.text


def test_story_page_has_key_facts_conflicts_first_linked_to_marked_sentences(client, story_ids):
    page = client.get(f"/stories/{story_ids['bridge']['id']}").text
    facts = page[page.index('id="key-facts"'):page.index("</section>", page.index('id="key-facts"'))]
    verdicts = re.findall(r'<tr class="(\w+)">', facts)
    assert verdicts[0] == "conflicting" and "conflicting" not in verdicts[verdicts.index("corroborated"):]
    assert "6 million EUR" in facts and "9 million EUR" in facts
    fid = re.search(r'<tr class="conflicting">.*?data-finding="(f\d+)"', facts, re.S).group(1)
    marks = re.findall(rf'<mark class="conflicting" data-finding="[^"]*\b{fid}\b', page)
    assert len(marks) >= 2  # the sentence in each article is marked with that finding
    assert 'id="text-1"' in page and 'id="text-2"' in page


def test_a_story_page_shows_what_its_articles_say_now(writable, story_ids):
    client, _ = writable
    bridge = story_ids["bridge"]["id"]
    assert "19,000" not in client.get(f"/stories/{bridge}").text  # rendered, and kept for the next request
    revised = {"id": "bridge-a", "title": "Kestrel Bridge closed after cable cracks found", "published": "2025-11-06",
               "text": BRIDGE_A.replace("18,000", "19,000"), "outlet": "Dunmore Ledger"}
    posted = client.post("/api/articles", json=revised, headers={"Authorization": f"Bearer {TOKEN}"})
    assert posted.json()["results"][0]["stories"] == [bridge]
    page = client.get(f"/stories/{bridge}").text
    assert "19,000" in page and "revised: this is version 2" in page


def test_story_page_shows_every_article_word_escaped(client, story_ids):
    page = client.get(f"/stories/{story_ids['bridge']['id']}").text
    assert ESCAPED_ATTACK in page and "Valley Post &lt;i&gt;online&lt;/i&gt;" in page
    assert_nothing_runs(page)


def test_article_page_marks_entities_amounts_dates_quotes_and_escapes(client, story_ids):
    article_id = story_ids["bridge"]["article_ids"][1]
    page = client.get(f"/articles/{article_id}").text
    assert ESCAPED_ATTACK in page
    assert_nothing_runs(page)
    assert re.search(r'<mark class="[^"]*amount[^"]*"[^>]*>9 million euros', page)
    assert re.search(r'<mark class="[^"]*entity[^"]*"[^>]*>Ruth Ambler', page)
    assert re.search(r'<mark class="[^"]*date[^"]*"', page)
    assert f'href="/stories/{story_ids["bridge"]["id"]}"' in page


def test_article_page_strikes_through_what_cleaning_removed(client, story_ids):
    harbor = story_ids["harbor"]
    gazette = next(i for i, key in zip(harbor["article_ids"], harbor["articles"]) if key.endswith("gazette.txt"))
    article = client.get(f"/api/articles/{gazette}").json()
    page = client.get(f"/articles/{gazette}").text
    removed = re.findall(r'<del class="removed">(.*?)</del>', page, re.S)
    assert removed and "Removed as boilerplate" in page
    for piece in removed:
        text = html.unescape(piece)
        assert text in article["raw_text"] and text.strip() not in article["text"]
    assert any("[PETRA NOVAK]" in html.unescape(p) for p in removed)  # the photo caption's credit


def test_unknown_pages_are_404_pages(client):
    for path in ("/stories/s-nope", "/articles/nope", "/no/such/page"):
        response = client.get(path)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"]


def test_compare_page_uploads_two_files_and_shows_the_story_page_storing_nothing(client):
    form = client.get("/compare").text
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    before = client.get("/api/stories").json()["stories"]
    files = [("files", ("gazette.txt", (EXAMPLES / "harbor-strike-gazette.txt").read_bytes(), "text/plain")),
             ("files", ("courier.html", (EXAMPLES / "harbor-strike-courier.html").read_bytes(), "text/html"))]
    page = client.post("/compare", files=files)
    assert page.status_code == 200, page.text[:500]
    assert "Key facts" in page.text and "nothing was stored" in page.text and 'id="text-2"' in page.text
    assert client.get("/api/stories").json()["stories"] == before


def test_compare_page_saves_only_with_the_token_and_links_the_story(writable):
    client, _ = writable
    assert 'name="save"' in client.get("/compare").text
    for token, status in (("", 401), ("wrong", 403)):
        refused = client.post("/compare", data={"text": [DAM_A, DAM_B], "save": "1", "token": token})
        assert refused.status_code == status and "Not saved" in refused.text and "Key facts" not in refused.text
    assert client.get("/api/stories", params={"q": "Harwick"}).json()["stories"] == []
    page = client.post("/compare", data={"text": [DAM_A, DAM_B], "save": "1", "token": TOKEN})
    assert page.status_code == 200 and "Saved to the store (2 new, 0 already stored)" in page.text
    assert "Key facts" in page.text and "nothing was stored" not in page.text
    [story] = client.get("/api/stories", params={"q": "Harwick"}).json()["stories"]
    assert f'<a class="saved-story" href="/stories/{story["id"]}">' in page.text and story["size"] == 2
    assert client.get(f"/stories/{story['id']}").status_code == 200


def test_compare_page_takes_pasted_texts_and_escapes_them(client):
    page = client.post("/compare", data={"text": [BRIDGE_A, BRIDGE_B]})
    assert page.status_code == 200 and ESCAPED_ATTACK in page.text
    assert_nothing_runs(page.text)


@pytest.mark.parametrize("data", [{"text": [BRIDGE_A]}, {"text": ["", "  "]}])
def test_compare_page_asks_for_two_articles(client, data):
    page = client.post("/compare", data=data)
    assert page.status_code == 422 and "two or more articles" in page.text


def test_compare_page_takes_every_article_of_one_uploaded_jsonl_or_feed_file(client):
    # one file may hold the articles to compare: its records or entries count, not the one file
    records = "\n".join(json.dumps({"id": f"dam-{k}", "title": "Dam", "text": text})
                        for k, text in enumerate((DAM_A, DAM_B)))
    page = client.post("/compare", files=[("files", ("dam.jsonl", records.encode(), "application/json"))])
    assert page.status_code == 200, page.text[:500]
    assert "Key facts" in page.text and 'id="text-2"' in page.text
    one = client.post("/compare", files=[("files", ("one.jsonl", records.splitlines()[0].encode(), "text/plain"))])
    assert one.status_code == 422 and "two or more articles" in one.text
    packed = client.post("/compare", files=[("files", ("dam.jsonl.gz", gzip.compress(records.encode()), "x/gzip"))])
    assert packed.status_code == 200 and 'id="text-2"' in packed.text  # compressed, as compare reads it
    cut = client.post("/compare", files=[("files", ("dam.jsonl.gz", gzip.compress(records.encode())[:-9], "x/gzip"))])
    assert cut.status_code == 422 and "dam.jsonl.gz: damaged gzip file" in cut.text


def test_compare_page_names_an_unreadable_upload(client):
    files = [("files", ("a.txt", BRIDGE_A.encode(), "text/plain")), ("files", ("b.bin", b"\xff\xfe\x00\x01", "x/y"))]
    page = client.post("/compare", files=files)
    assert page.status_code == 422 and "b.bin" in page.text


def _archive(pages: list[tuple[str, str]]) -> bytes:
    """A gzipped WARC of HTML pages (url, text), as an archiving tool saves them."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, text in pages:
        body = f"<html><head><title>{text[:40]}</title></head><body><article><p>{html.escape(text)}</p></article>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode()),
                                                      http_headers=headers))  # fmt: skip
    return out.getvalue()


def test_compare_page_takes_an_uploaded_web_archive_page_by_page(client):
    archive = _archive([("https://dam.example/a", DAM_A), ("https://dam.example/b", DAM_B)])
    page = client.post("/compare", files=[("files", ("dam.warc.gz", archive, "application/warc"))])
    assert page.status_code == 200, page.text[:500]
    assert "Key facts" in page.text and 'id="text-2"' in page.text and "dam.example" in page.text
    refused = client.post("/compare", files=[("files", ("fake.warc.gz", b"not an archive", "application/warc")),
                                             ("files", ("a.txt", BRIDGE_A.encode(), "text/plain"))])
    assert refused.status_code == 422 and "fake.warc.gz: not a WARC or ARC web archive" in refused.text


def test_pages_let_only_their_own_script_run(client, story_ids):
    response = client.get(f"/stories/{story_ids['bridge']['id']}")
    policy = response.headers["content-security-policy"]
    nonce = re.search(r"script-src 'nonce-([\w-]+)'", policy).group(1)
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy and "script-src 'unsafe" not in policy
    assert re.findall(r"<script[^>]*>", response.text) == [f'<script nonce="{nonce}">']
    assert response.headers["x-content-type-options"] == "nosniff"
    again = client.get(f"/stories/{story_ids['bridge']['id']}").headers["content-security-policy"]
    assert again != policy  # a fresh nonce per page
    for path in ("/", "/compare", f"/articles/{story_ids['bridge']['article_ids'][0]}", "/no/such/page"):
        assert "script-src 'nonce-" in client.get(path).headers["content-security-policy"]


def test_story_page_charts_dated_events_per_source(client, story_ids):
    page = client.get(f"/stories/{story_ids['harbor']['id']}").text
    chart = page[page.index('<svg class="timeline"'):page.index("</svg>")]
    timeline = client.get(f"/api/stories/{story_ids['harbor']['id']}").json()["timeline"]
    dots = sum(len({e["article"] for e in event["evidence"]}) for event in timeline if event["begin"])
    assert dots >= 1 and chart.count("<circle") == dots
    assert chart.count('class="lane"') == 3 and "Meridian Wire" in chart
    assert re.search(r"<title>20\d\d-\d\d-\d\d \((past|scheduled)\): ", chart)


def test_story_page_timeline_chart_escapes_source_names(client, story_ids):
    page = client.get(f"/stories/{story_ids['bridge']['id']}").text
    chart = page[page.index('<svg class="timeline"'):page.index("</svg>")]
    assert "Valley Post &lt;i&gt;online&lt;/i&gt;" in chart
    assert_nothing_runs(page)


def test_a_story_of_many_sources_lists_each_value_with_its_sources(client):
    # Beyond WIDE_STORY sources a column per source would be a table of mostly empty cells: each value is
    # listed once with the sources that give it (six named, the rest counted), still linked to its sentence.
    costs = [6, 6, 6, 9, 6, 6, 9, 6, 6]  # seven sources say 6 million euros, two say 9 million
    texts = [BRIDGE_A.replace("6 million", f"{n} million").replace("every day", "every day" + "." * k)
             for k, n in enumerate(costs)]  # nine distinct texts
    page = client.post("/compare", data={"text": texts})
    assert page.status_code == 200, page.text[:500]
    start = page.text.index('id="key-facts"')
    facts = page.text[start:page.text.index("</section>", start)]
    assert "What the 9 sources say" in facts and "<th>pasted text 9</th>" not in facts
    row = re.search(r'<tr class="conflicting">.*?</tr>', facts, re.S).group()
    values = re.findall(r'<a href="#text-\d+" data-finding="f\d+" title="[^"]+">([^<]+)</a>\s*'
                        r'<span class="dim">([^<]*)</span>', row)  # fmt: skip
    assert values == [
        ("6 million EUR", "pasted text 1, pasted text 2, pasted text 3, pasted text 5, pasted text 6, pasted text 8"
                          " and 1 more"),
        ("9 million EUR", "pasted text 4, pasted text 7"),
    ]  # fmt: skip


def test_compare_page_refuses_an_archive_of_more_pages_than_it_compares(client):
    pages = [(f"https://dam.example/{n}", DAM_A.replace("4,000", f"{4000 + n:,}")) for n in range(101)]
    refused = client.post("/compare", files=[("files", ("many.warc.gz", _archive(pages), "application/warc"))])
    assert refused.status_code == 422 and "many.warc.gz: more than 100 article pages" in refused.text


def test_compare_page_refuses_more_articles_in_all_than_it_compares(client):
    def pages(site: str) -> list[tuple[str, str]]:
        return [(f"https://{site}.example/{n}", DAM_B.replace("4,000", f"{4000 + n:,}")) for n in range(60)]

    files = [("files", ("a.warc.gz", _archive(pages("a")), "application/warc")),
             ("files", ("b.warc.gz", _archive(pages("b")), "application/warc"))]  # fmt: skip
    refused = client.post("/compare", files=files)
    assert refused.status_code == 422 and "120 articles given; at most 100" in refused.text


def test_stories_page_refuses_a_search_of_over_500_characters(client):
    page = client.get("/", params={"q": " ".join(["a"] * 30_000)})
    assert page.status_code == 422 and "text/html" in page.headers["content-type"] and "500 characters" in page.text


def test_quotes_in_what_an_article_says_cannot_open_an_attribute_on_any_page(writable):
    # The fixture's attack is markup in the text; this one breaks out of attribute values (titles, tooltips)
    client, _ = writable
    attack = '" onmouseover="alert(1)" x=\''
    records = [{"id": f"dam-{n}", "title": f"Dam leak {attack}", "outlet": f"Oriel {attack}",
                "published": "2025-11-10", "text": text.replace("leak", f"leak {attack}")}
               for n, text in ((1, DAM_A), (2, DAM_B))]  # fmt: skip
    posted = client.post("/api/articles", json=records, headers={"Authorization": f"Bearer {TOKEN}"}).json()["results"]
    [story] = posted[0]["stories"]
    for path in ("/", "/?q=Harwick", f"/stories/{story}", *(f"/articles/{r['id']}" for r in posted)):
        page = client.get(path)
        assert page.status_code == 200 and "&#34; onmouseover=&#34;alert(1)&#34;" in page.text, path
        assert_nothing_runs(page.text)
