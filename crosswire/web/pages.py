"""The pages: Stories, Story, Compare, Article; server-rendered with Jinja2 (autoescape on).

Article text reaches a page in two ways only: as a template value (escaped by
Jinja2) or through the HTML report's pieces (`report/htmlreport.py`), which
escape every piece of text where they insert it. Nothing else is marked safe.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from crosswire.report import common as c
from crosswire.report import htmlreport as h

PAGE_SIZE = 20
MAX_UPLOADS = 10

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    auto_reload=False,  # templates ship with the package: no stat() per page
)
# The report's stylesheet and its click-to-highlight script are ours, not an article's.
_ENV.globals.update(report_css=Markup(h._css()), report_js=Markup(h._JS))


def render(template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    """The page, with a Content-Security-Policy that lets only the page's own script run (by its nonce).

    Escaping keeps article text inert; the policy is the second wall: were some
    markup ever to slip through, a browser would still run no script it brought,
    load nothing from elsewhere and send no form anywhere but here.
    """
    return respond(render_parts(template, **values), status_code)


# Where a page's nonce goes: a random mark per process, so no article text can hold it.
_NONCE_MARK = "nonce-" + secrets.token_hex(16)


def render_parts(template: str, **values: Any) -> list[bytes]:
    """The page, encoded, cut where its nonce goes: joined with a fresh nonce per response (`respond`)."""
    page = _ENV.get_template(template).render(nonce=_NONCE_MARK, **values)
    return [part.encode() for part in page.split(_NONCE_MARK)]


def respond(parts: list[bytes], status_code: int = 200) -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)  # URL-safe base64: ASCII
    policy = (f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; "
              "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    headers = {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    return HTMLResponse(nonce.encode().join(parts), status_code=status_code, headers=headers)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render("error.html", status, title=f"Error {status}", status=status, message=message)


#: Up to this many articles the key facts are a column per source; beyond, a list of values per fact with the
#: sources that give each (a 160-source story made a table of 45,000 cells, mostly empty, and a 5 MB page).
WIDE_STORY = 8
SOURCES_SHOWN = 6  # sources named beside a value in the list layout; the rest are counted


def story_view(comparison, story: dict[str, Any] | None = None) -> dict[str, Any]:
    """What story.html shows: the key-facts table as data, the report's pieces as escaped HTML."""
    labels = c.source_labels(comparison)
    ids = c.finding_ids(comparison)
    columns = {a.id: n for n, a in enumerate(comparison.articles, start=1)}
    wide = len(comparison.articles) > WIDE_STORY
    facts = []
    for finding in sorted(comparison.findings, key=lambda f: h.VERDICT_RANK.get(f.verdict, 9)):
        fact = {"fid": ids[id(finding)], "verdict": finding.verdict, "badge": h.BADGE.get(finding.verdict,
                finding.verdict), "statement": finding.statement}  # fmt: skip
        if wide:
            fact["values"] = _values_by_source(finding, columns, labels)
        else:
            fact["cells"] = [{"n": columns[article.id], "hits": [
                {"value": c.value_text(e) or "(said)", "sentence": e.text}
                for e in [e for e in finding.evidence if e.article_id == article.id][:1]]}
                for article in comparison.articles]  # fmt: skip
        facts.append(fact)
    sections = [h._header(comparison, labels), h._articles(comparison, labels, ids),
                h._conflicts(comparison, labels, ids), h._corroborated(comparison, labels, ids),
                h._unique(comparison, labels, ids), h._entities(comparison, labels), h._timeline(comparison, labels),
                h._quotes(comparison, labels), h._notes(comparison, labels), h._problems(comparison)]  # fmt: skip
    counts = {v: len(comparison.by_verdict(v)) for v in ("conflicting", "corroborated", "unique")}
    return {
        "story": story,
        "articles": [{"id": a.id, "label": labels[a.id], "title": a.title, "n": columns[a.id]}
                     for a in comparison.articles],  # fmt: skip
        "facts": facts,
        "wide": wide,
        "counts": counts,
        "timeline": timeline_chart(comparison, labels),
        "report": Markup("\n".join(s for s in sections if s)),
    }


def _values_by_source(finding, columns: dict[str, int], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Each value a finding's sources give, most sources first: the value, the first source's sentence and
    column, the first SOURCES_SHOWN source labels and how many more."""
    groups: dict[str, list] = {}
    for e in finding.evidence:
        if e.article_id in columns:
            groups.setdefault(c.value_text(e) or "(said)", []).append(e)
    values = []
    for value, evidence in sorted(groups.items(), key=lambda kv: -len({e.article_id for e in kv[1]})):
        sources = list(dict.fromkeys(labels[e.article_id] for e in evidence))
        values.append({"value": value, "sentence": evidence[0].text, "n": columns[evidence[0].article_id],
                       "sources": sources[:SOURCES_SHOWN], "more": len(sources) - SOURCES_SHOWN})  # fmt: skip
    return values


def timeline_chart(comparison, labels: dict[str, str], width: int = 960) -> dict[str, Any] | None:
    """The dated events as an SVG chart's data: a lane per source, a dot where that source dates the event."""
    events = [e for e in comparison.timeline if e.begin is not None]
    if not events:
        return None
    left, right, lane_h, top = 170, 50, 34, 20
    first, last = min(e.begin for e in events), max(e.begin for e in events)
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        if first == last:
            return left + (width - left - right) / 2
        return round(left + (day - first).days / span * (width - left - right), 1)

    lanes = [{"label": labels[a.id], "y": top + n * lane_h} for n, a in enumerate(comparison.articles)]
    row = {a.id: n for n, a in enumerate(comparison.articles)}
    dots = []
    for event in events:
        when = c.timeline_when(event.scheduled)
        for article_id in dict.fromkeys(e.article_id for e in event.evidence):
            if article_id in row:
                dots.append({"x": x(event.begin), "y": lanes[row[article_id]]["y"], "when": when,
                             "title": f"{event.date} ({when}): {event.description} [{labels[article_id]}]"})  # fmt: skip
    ticks = sorted({first + dt.timedelta(days=round(span * i / 4)) for i in range(5)} if first != last else {first})
    bottom = top + len(lanes) * lane_h
    return {"width": width, "height": bottom + 30, "left": left, "right": width - right, "bottom": bottom,
            "lanes": lanes, "dots": dots, "ticks": [{"x": x(t), "label": t.isoformat()} for t in ticks]}  # fmt: skip


def marked_pieces(text: str, extracted: dict[str, Any]) -> list[dict[str, Any]]:
    """The text cut at every mark boundary: pieces with the kinds of mark that cover them."""
    spans: list[tuple[int, int, str, str]] = []
    for e in extracted.get("entities", []):
        spans.append((e["start"], e["end"], "entity", e.get("label") or "entity"))
    for q in extracted.get("quantities", []):
        spans.append((q["start"], q["end"], "amount", f"amount: {q.get('value')} {q.get('unit') or ''}".strip()))
    for t in extracted.get("times", []):
        spans.append((t["start"], t["end"], "date", f"date: {t.get('iso_start') or t.get('value') or ''}"))
    for q in extracted.get("quotes", []):
        if q.get("content"):
            speaker = q.get("speaker_name") or "unnamed"
            spans.append((q["content"]["start"], q["content"]["end"], "quote", f"quote by {speaker}"))
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    cuts = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [s for s in spans if s[0] <= a and b <= s[1]]
        pieces.append({"text": text[a:b], "kinds": sorted({s[2] for s in cover}),
                       "title": " · ".join(dict.fromkeys(s[3] for s in cover))})  # fmt: skip
    return pieces


def removed_pieces(article) -> list[dict[str, Any]]:
    """The text as received, cut into what was kept and what cleaning removed (whitespace alone is not news)."""
    raw = article.raw_text
    if not article.segments:
        return [{"text": raw, "removed": False}] if raw != article.text else []
    kept = sorted((seg.raw_start, seg.raw_start + seg.length) for seg in article.segments if seg.length > 0)
    pieces, pos = [], 0
    for start, end in kept:
        if start > pos:
            pieces.append({"text": raw[pos:start], "removed": bool(raw[pos:start].strip())})
        if end > pos:
            pieces.append({"text": raw[max(start, pos):end], "removed": False})
            pos = end
    if pos < len(raw):
        pieces.append({"text": raw[pos:], "removed": bool(raw[pos:].strip())})
    return pieces


def story_page_parts(engine, story_id: str) -> list[bytes]:
    """The story page as `render_parts`, kept per story version (`engine.pages`)."""
    story, comparison = engine.comparison(story_id)
    parts = render_parts("story.html", title=story["title"] or "Story", saved=None, **story_view(comparison, story))
    engine.pages.put((story_id, story["version"]), parts, sum(map(len, parts)))
    return parts


def save_for_page(engine, articles) -> dict[str, Any]:
    """Store the compared articles; what the page says of it: {"new", "known", "stories": [story dicts]}."""
    saved = engine.save(articles)
    new = sum(1 for a in saved["articles"] if a["status"] == "stored")
    with engine.store() as store:
        stories = [s for s in map(store.story, saved["stories"]) if s is not None]
    return {"new": new, "known": len(saved["articles"]) - new, "stories": stories}


def add_pages(app: FastAPI, engine, reader) -> None:
    from fastapi import Depends

    from crosswire.errors import CrosswireError
    from crosswire.ingest.archives import is_web_archive
    from crosswire.ingest.decode import DEFAULT_MAX_BYTES, inflated
    from crosswire.web.app import (MAX_ITEMS, MAX_QUERY_CHARS, ApiError, articles_from_archive, articles_from_items,
                                   parse_date)  # fmt: skip

    @app.get("/", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(reader)])
    def stories_page(page: int = Query(1, ge=1, le=100_000), since: str = "", until: str = "",
                     q: str = Query("", max_length=MAX_QUERY_CHARS)):  # fmt: skip
        found, more = engine.story_list(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, q=q or None,
                                        since=parse_date("since", since), until=parse_date("until", until))  # fmt: skip
        return render("stories.html", title="Stories", stories=found, page=page, more=more,
                      since=since, until=until, q=q)  # fmt: skip

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[Depends(reader)])  # fmt: skip
    async def story_page(story_id: str):
        from starlette.concurrency import run_in_threadpool

        return respond(engine.kept(engine.pages, story_id) or await run_in_threadpool(story_page_parts, engine, story_id))

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(reader)])
    def compare_form():
        return render("compare.html", title="Compare", message="")

    @app.post("/compare", response_class=HTMLResponse, include_in_schema=False, dependencies=[Depends(reader)])
    async def compare_page(request: Request):
        from starlette.concurrency import run_in_threadpool
        from starlette.datastructures import UploadFile

        form = await request.form(max_files=MAX_UPLOADS, max_fields=MAX_UPLOADS * 2)
        save = form.get("save") == "1"
        if save:  # checked before the (costly) comparison; the token comes from the form or the header
            token = form.get("token")
            try:
                engine.check(request, write=True, given=token if isinstance(token, str) else None)
            except ApiError as exc:
                message = f"Not saved: {exc.message}. Enter the server's write token (CROSSWIRE_TOKEN) to save."
                return render("compare.html", exc.status, title="Compare", message=message)
        items, names = [], []
        for n, text in enumerate(form.getlist("text"), start=1):
            if isinstance(text, str) and text.strip():
                items.append(text)
                names.append(f"pasted text {n}")
        archived = []  # the pages of uploaded web archives
        for upload in form.getlist("files"):
            if isinstance(upload, UploadFile) and upload.filename:
                data = await upload.read()
                if is_web_archive(upload.filename):
                    try:
                        archived.extend(await run_in_threadpool(articles_from_archive, data, upload.filename))
                    except ApiError as exc:
                        return render("compare.html", exc.status, title="Compare", message=exc.message)
                    continue
                try:
                    # "news.jsonl.gz": what it holds, as compare reads a file
                    items.append(inflated(data, upload.filename, DEFAULT_MAX_BYTES).decode("utf-8"))
                except CrosswireError as exc:
                    return render("compare.html", 422, title="Compare", message=f"{upload.filename}: {exc.reason}")
                except UnicodeDecodeError:
                    return render("compare.html", 422, title="Compare",
                                  message=f"{upload.filename}: not UTF-8 text, HTML or a web archive")  # fmt: skip
                names.append(upload.filename)
        if len(items) + len(archived) > MAX_ITEMS:  # as POST /api/compare: each article adds to the cost
            return render("compare.html", 422, title="Compare",
                          message=f"{len(items) + len(archived)} articles given; at most {MAX_ITEMS}.")  # fmt: skip
        try:  # a file may hold several articles (JSON Lines records, a feed's entries)
            articles = articles_from_items(items, names) + archived
        except ApiError as exc:
            return render("compare.html", exc.status, title="Compare", message=exc.message)
        if len(articles) < 2:
            return render("compare.html", 422, title="Compare",
                          message="Give two or more articles: paste them or choose files.")  # fmt: skip
        if len(articles) > MAX_ITEMS:
            return render("compare.html", 422, title="Compare",
                          message=f"{len(articles)} articles given; at most {MAX_ITEMS}.")  # fmt: skip
        comparison = await run_in_threadpool(engine.compare, articles)
        if len(comparison.articles) < 2:
            problems = "; ".join(str(p) for p in comparison.problems) or "fewer than two readable articles"
            return render("compare.html", 422, title="Compare", message=problems)
        if not save:
            return render("story.html", title="Comparison (not stored)", saved=None, **story_view(comparison))
        saved = await run_in_threadpool(save_for_page, engine, comparison.articles)
        return render("story.html", title="Comparison (saved)", saved=saved, **story_view(comparison))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[Depends(reader)])  # fmt: skip
    def article_page(article_id: str):
        article, stories = engine.article(article_id)
        extracted = engine.extract(article)
        published = article.published.isoformat() if isinstance(article.published, dt.date) else ""
        return render("article.html", title=article.title or article.id, article=article, stories=stories,
                      published=published, pieces=marked_pieces(article.text, extracted),
                      received=removed_pieces(article))  # fmt: skip
