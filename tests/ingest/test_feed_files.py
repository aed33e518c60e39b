"""A saved RSS or Atom feed given to compare or ingest: each entry one article, read offline."""

import datetime as dt

import pytest

from crosswire.errors import InputError, NoArticleText
from crosswire.ingest import detect_format, read_all, read_source

STRIKE = ("Dockworkers in Halvergate walked out on Monday after talks over pay broke down, and the union said "
          "the strike would last until the port authority raised its offer.")
TALKS = ("Mediators met both sides of the Halvergate port dispute on Wednesday; the union said nine percent "
         "over three years was still its demand.")

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Post: Port</title><link>https://harbourpost.example/</link>
<item>
  <title>Port &lt;b&gt;strike&lt;/b&gt; begins</title>
  <link>https://harbourpost.example/news/strike-begins</link>
  <guid>hp-1001</guid>
  <pubDate>Mon, 13 Oct 2025 08:00:00 GMT</pubDate>
  <dc:creator>Mara Lind</dc:creator>
  <description>Dockworkers walked out.</description>
  <content:encoded><![CDATA[<p>{STRIKE}</p><script>alert(1)</script><p>Ships queued offshore.</p>]]></content:encoded>
</item>
<item>
  <title>Mediators meet</title>
  <link>javascript:alert(1)</link>
  <pubDate>Wed, 15 Oct 2025 17:30:00 GMT</pubDate>
  <description>&lt;p&gt;{TALKS}&lt;/p&gt;</description>
</item>
<item><title>Photo gallery</title><link>https://harbourpost.example/gallery</link><description></description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Meridian Wire</title>
<entry><title>Strike enters third day</title><id>urn:mw:2001</id>
  <link href="https://meridianwire.example/2001"/>
  <updated>2025-13-45T99:00:00Z</updated>
  <content type="html">&lt;p&gt;{STRIKE}&lt;/p&gt;</content></entry>
</feed>
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_rss_entry_is_an_article_with_its_own_title_date_link_and_author(tmp_path):
    path = write(tmp_path, "port.xml", RSS)
    articles, problems = read_all([path])
    first, second = articles
    assert (first.title, first.published, first.published_time) == \
        ("Port strike begins", dt.date(2025, 10, 13), "08:00")
    assert first.url == first.external_id == "https://harbourpost.example/news/strike-begins"
    assert first.authors == ("Mara Lind",) and first.outlet == "harbourpost.example"  # the outlet from the link
    # the full content, not the one-line description; feedparser drops the script
    assert STRIKE in first.raw_text and "Ships queued offshore." in first.raw_text and "alert" not in first.raw_text
    assert not any("partial" in n.message for n in first.notes)
    # a summary only is marked partial; a link that is no web address is an id, never a URL
    assert TALKS in second.raw_text and second.url is None and second.external_id == "javascript:alert(1)"
    assert any(n.kind == "warning" and n.message.startswith("partial: the feed's summary only") for n in second.notes)
    assert [(p.source, p.reason) for p in problems] == [(f"{path}:3", "feed entry has no text")]


def test_an_atom_file_is_read_and_an_impossible_date_left_out(tmp_path):
    # feedparser rolls "2025-13-45" over into 2026; the date as written is no date, so the entry has none
    (article,) = read_source(write(tmp_path, "wire.atom", ATOM))
    assert article.title == "Strike enters third day" and article.published is None
    assert article.external_id == "https://meridianwire.example/2001"


@pytest.mark.parametrize(
    ("name", "text", "error", "reason"),
    [
        ("empty-feed.xml", "<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Post</title>"
         "</channel></rss>", NoArticleText, "a feed with no entries (Harbour Post)"),
        ("sitemap.xml", "<?xml version='1.0'?><urlset><url><loc>https://harbourpost.example/a</loc></url></urlset>",
         InputError, "an XML file that is no RSS or Atom feed: crosswire reads text, HTML, JSON, feeds and web "
                     "archives"),
    ],
)
def test_a_feed_with_no_entries_and_xml_that_is_no_feed_are_one_line_each(tmp_path, name, text, error, reason):
    # both had been read as an article whose text was their markup
    with pytest.raises(error) as info:
        read_source(write(tmp_path, name, text))
    assert info.value.reason == reason


@pytest.mark.parametrize(
    ("text", "name", "fmt"),
    [
        (RSS, "", "feed"), (ATOM, "", "feed"), ("<rdf:RDF xmlns:rdf='x'><item/></rdf:RDF>", "", "feed"),
        ("<?xml version='1.0'?><html><body><p>x</p></body></html>", "", "html"),
        ("<?xml version='1.0'?><urlset/>", "", "xml"), (ATOM, "saved.rss", "feed"),
        ("<feed> of the week: what we read", "notes.txt", "text"),
    ],
)
def test_feeds_are_told_by_their_root_element_or_extension(text, name, fmt):
    assert detect_format(text, name) == fmt


def test_extract_refuses_a_feed_and_reads_a_gzipped_text(tmp_path, nlp):
    # extract analyses one text: a feed's markup is none, a compressed article is one once inflated
    import gzip

    from crosswire.extract import extract_source

    with pytest.raises(InputError, match="a feed holds many entries: compare or ingest it"):
        extract_source(str(write(tmp_path, "port.rss", RSS)), nlp=nlp)
    (tmp_path / "strike.txt.gz").write_bytes(gzip.compress(f"Port strike\n\n{STRIKE}".encode()))
    result = extract_source(str(tmp_path / "strike.txt.gz"), nlp=nlp)
    assert result["text"].startswith("Port strike") and "Halvergate" in [e["text"] for e in result["entities"]]
