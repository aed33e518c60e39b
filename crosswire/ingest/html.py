"""HTML pages: main text and metadata by trafilatura (the only module importing it).

The article's `raw_text` is the text trafilatura extracts (one paragraph per
line), not the HTML: offsets then point into readable text, and the page's
markup, navigation and comments never reach the model. The HTML itself is not
kept. Trafilatura's errors are mapped to `NoArticleText` here.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET  # parses trafilatura's own output, not untrusted HTML

from crosswire.errors import NoArticleText
from crosswire.ingest.assemble import Meta, make_article
from crosswire.ingest.batch import Batch
from crosswire.ingest.dates import parse_date
from crosswire.model import Note

# Fewer words than this is a navigation stub, a paywall or an error page.
MIN_WORDS = 20

_trafilatura = None


def _load():
    """Import trafilatura once, lazily (it takes a while and most runs read text)."""
    global _trafilatura
    if _trafilatura is None:
        import trafilatura

        _trafilatura = trafilatura
    return _trafilatura


def extract(html: str, source: str) -> ET.Element:
    """Trafilatura's XML output: <doc sitename= title= author= date= url=><main>...</main></doc>.

    XML rather than plain text because it marks headings (<head>), which become
    "heading" Notes here; plain output would leave them looking like sentences.
    """
    trafilatura = _load()
    try:
        out = trafilatura.extract(
            html, include_comments=False, output_format="xml", with_metadata=True, include_tables=False
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors
        raise NoArticleText(source, f"no article text (HTML extraction failed: {type(exc).__name__})") from exc
    if not out:
        raise NoArticleText(source, "no article text")
    try:
        return ET.fromstring(out)
    except ET.ParseError as exc:
        raise NoArticleText(source, "no article text (unreadable extraction)") from exc


def _blocks(main: ET.Element) -> list[tuple[str, str]]:
    """(tag, text) per block of the main text, one paragraph each, in order."""
    blocks = []
    for element in main:
        if element.tag == "list":
            blocks.extend(("item", " ".join("".join(item.itertext()).split())) for item in element.iter("item"))
        else:
            blocks.append((element.tag, " ".join("".join(element.itertext()).split())))
    return [(tag, text) for tag, text in blocks if text]


def read_html(html: str, *, source: str, published: dt.date | None = None) -> Batch:
    """One article from an HTML page."""
    doc = extract(html, source)
    main = doc.find("main")
    blocks = _blocks(main) if main is not None else []
    if sum(len(re.findall(r"\w+", text)) for tag, text in blocks if tag != "head") < MIN_WORDS:
        raise NoArticleText(source, "no article text")
    meta = Meta(title=(doc.get("title") or "").strip(), url=doc.get("url") or None)
    if site := (doc.get("sitename") or "").strip():
        meta.outlet, meta.outlet_from = site, "metadata"
    if author := (doc.get("author") or "").strip():
        meta.authors = tuple(a.strip() for a in re.split(r";|\s+and\s+", author) if a.strip())
    if doc.get("date"):
        meta.published = parse_date(doc.get("date"))
    lines, pos = [], 0
    for n, (tag, text) in enumerate(blocks):
        if tag == "head":
            # trafilatura keeps the <h1>: the title, not a fact; other headings are labels.
            what = "removed: title" if n == 0 and text == meta.title else "removed: heading"
            meta.notes.append(Note("boilerplate", what, pos, pos + len(text)))
        lines.append(text)
        pos += len(text) + 1
    return Batch([make_article("\n".join(lines), source=source, meta=meta, published=published)])


# A text laid out in HTML: paragraph, line-break, heading, list or block tags, as scrapers and news APIs leave in a
# JSON record's text ("<p>...</p>"). Inline tags alone ("a sign reading <script>alert(1)</script>") are words an
# article quotes, kept as text (and escaped wherever shown).
_MARKUP = re.compile(r"</?(?:p|br|div|h[1-6]|ul|ol|li|blockquote|figure|table|tr|section|article)\b[^<>]*>",
                     re.IGNORECASE)
_BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote tr figure figcaption section article pre".split())
_UNSEEN = ("script", "style", "noscript", "template", "iframe", "object", "svg")


def holds_markup(text: str) -> bool:
    return _MARKUP.search(text) is not None


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, one paragraph per line; scripts and styles dropped, entities decoded."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment
    for element in root.iter(*_UNSEEN):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag == "br":
            continue
        element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
