"""The app: the HTTP API (JSON, /openapi.json) and the pages (crosswire/web/pages.py).

Every error is `{"error": message}` with its status: 400 malformed JSON, 401 no
token, 403 wrong token (or writes disabled), 404 unknown id, 413 body over
`max_body` bytes, 415 a body declared as something other than JSON, 422 invalid
input; an unforeseen failure is a 500 with a
one-line message, never a traceback. Each worker thread opens its own store on
its first request and keeps it (sqlite3 connections stay in their thread); the
spaCy pipeline is loaded once, on first need, and used by one request at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import hmac
import json
import logging
import os
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosswire.errors import CrosswireError, InputError, StoreError
from crosswire.store import open_store
from crosswire.store.base import Store

MAX_BODY_BYTES = 2_000_000  # a request body larger than this is refused (413)
MAX_PAGE_SIZE = 100  # the most stories or search hits one request returns
MAX_ITEMS = 100  # the most articles one POST takes
MAX_OFFSET = 1_000_000_000  # the furthest page start asked for (SQLite's integers stop at 2**63 - 1)
MAX_JSON_DEPTH = 100  # JSON nested deeper than this is refused (the parser recurses: deep nesting exhausts the stack)
MAX_QUERY_CHARS = 500  # the longest search text taken (each word is one more term for full-text search to match)
SHOWN_CHARS = 80  # the most characters of a value that an error message repeats
API_SOURCE = "POST /api/articles.jsonl"  # the source of the articles stored through the API (.jsonl: read as JSON)
CACHE_BYTES = 64_000_000  # per cache of what is made of a story version: rendered pages, JSON reports
log = logging.getLogger("crosswire.web")


class ApiError(Exception):
    """An error answered as `{"error": message}` with `status`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class BodyLimit:
    """ASGI middleware: refuse a body over `limit` bytes (declared or streamed) with a 413 JSON error.

    The body is read here, up to the limit, and replayed to the app, so the app
    never sees more than `limit` bytes whatever Content-Length claims.
    """

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        body, sent = b"".join(chunks), False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send) -> None:
        await send_json_error(send, 413, f"request body over the limit of {self.limit} bytes",
                              ((b"connection", b"close"),))  # fmt: skip


async def send_json_error(send, status: int, message: str, headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    """`{"error": message}` with `status`, sent by an ASGI middleware (before the app and its handlers)."""
    payload = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                            *headers]})  # fmt: skip
    await send({"type": "http.response.body", "body": payload})


class NoSniff:
    """ASGI middleware: every response says `X-Content-Type-Options: nosniff` (pages set it already), so that no
    browser reads an API answer holding article text as HTML or script whatever it looks like."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                if not any(name.lower() == b"x-content-type-options" for name, _ in headers):
                    headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


# The names of this machine's loopback address: what a browser sends as Host to a server listening only there
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The host of a Host header, without its port or IPv6 brackets, lower case: "[::1]:8000" -> "::1"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


class HostCheck:
    """ASGI middleware: refuse (421, JSON) a request whose Host header names none of `allowed`, or a subdomain of
    "localhost". A server on the loopback address is reachable by any web page the user opens, through DNS
    rebinding (a name of the page's own that then resolves to 127.0.0.1): only the Host header tells those
    requests apart, and the page's reads of the API must not succeed."""

    def __init__(self, app, allowed: Iterable[str]) -> None:
        self.app, self.allowed = app, {h.lower().strip("[]") for h in allowed}

    def permits(self, header: str) -> bool:
        name = host_name(header).rstrip(".")
        return name in self.allowed or ("localhost" in self.allowed and name.endswith(".localhost"))

    async def __call__(self, scope, receive, send) -> None:
        headers = dict(scope.get("headers") or []) if scope["type"] in ("http", "websocket") else None
        if headers is None or self.permits(headers.get(b"host", b"").decode("latin-1")):
            await self.app(scope, receive, send)
            return
        shown_host = headers.get(b"host", b"").decode("latin-1")[:80]
        await send_json_error(send, 421, f"host {shown_host!r} is not served here (crosswire serve --allow-host NAME "
                                         f"lets a name through)")  # fmt: skip


def allowed_hosts_for(listen: str, extra: Iterable[str] = ()) -> list[str] | None:
    """The Host names a server listening on `listen` answers: the loopback names and `extra` when it listens on
    the loopback address only (a page elsewhere cannot reach it but by DNS rebinding); `extra` alone, or any name
    (None), when it listens on a network."""
    extra = list(extra)
    local = listen.strip("[]").lower() in LOOPBACK_HOSTS or listen.startswith("127.")
    if local:
        return list(dict.fromkeys([*LOOPBACK_HOSTS, listen.strip("[]").lower(), *extra]))
    return extra or None


class VersionCache:
    """What was made of a story's version (its rendered page, its report as bytes), least recently used dropped first.

    A story's version names its current articles, and its comparison is made for
    that version alone, so what is kept under (story id, version) stays right.
    Bounded by the size of what it holds, not by the number of stories.
    """

    def __init__(self, max_size: int) -> None:
        self.max_size, self.size = max_size, 0
        self._items: OrderedDict[tuple[str, str], tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: tuple[str, str], value: Any, size: int) -> None:
        if size > self.max_size // 4:  # one huge story must not push every other one out
            return
        with self._lock:
            old = self._items.pop(key, None)
            self.size += size - (old[1] if old else 0)
            self._items[key] = (value, size)
            while self.size > self.max_size:
                _, (_, dropped) = self._items.popitem(last=False)
                self.size -= dropped


class Engine:
    """What the routes share: where the store is, the token, the (lazily loaded) spaCy pipeline."""

    def __init__(self, db: str, token: str | None, read_token_required: bool, nlp) -> None:
        self.db, self.token, self.read_token_required = db, token, read_token_required
        self._nlp = nlp
        self.analysis_lock = threading.Lock()  # spaCy and ingestion: one request at a time
        self._local = threading.local()  # a store per worker thread (sqlite3 connections stay in theirs)
        self.wake = threading.Event()  # articles were stored: the precompute thread looks again
        self.pages = VersionCache(CACHE_BYTES)  # rendered story pages (pages.py)
        self.reports = VersionCache(CACHE_BYTES)  # JSON reports as sent

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        """This thread's store, opened (and migrated) on its first request and kept for the next ones.

        Opening migrates, which takes SQLite's write lock for a moment: once per
        worker thread, not once per request.
        """
        store = getattr(self._local, "store", None)
        if store is None:
            try:
                store = open_store(self.db, create=False)
            except StoreError as exc:
                raise ApiError(503, str(exc)) from exc
            self._local.store = store
        yield store

    @property
    def nlp(self):
        if self._nlp is None:
            from crosswire.analyze.nlp import load_nlp

            self._nlp = load_nlp()
            # The pipeline is ~100,000 long-lived objects: out of the collector's sight, a full
            # collection takes ~1 ms instead of ~60 ms, a pause every request in flight would wait out.
            freeze_heap()
        return self._nlp

    def check(self, request: Request, *, write: bool, given: str | None = None) -> None:
        """Refuse the request (401/403) unless it carries the token; `given`: a token from a form field."""
        if not write and not self.read_token_required:
            return
        if not self.token:
            raise ApiError(403, "writes are disabled: start the server with CROSSWIRE_TOKEN set" if write
                           else "reads need a token but the server has none: set CROSSWIRE_TOKEN")
        if not (given or "").strip():
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not given.strip():
                raise ApiError(401, "missing token: send the header 'Authorization: Bearer <CROSSWIRE_TOKEN>'")
        if not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise ApiError(403, "wrong token")

    # -- the operations the API and the pages share ----------------------------
    def story_list(self, *, limit: int, offset: int, since: dt.date | None, until: dt.date | None,
                   q: str | None) -> tuple[list[dict[str, Any]], bool]:  # fmt: skip
        """(one page of stories with their verdict counts, whether more follow), biggest and newest first.

        Filters and the page are one query (one story more than the page says whether another follows).
        """
        with self.store() as store:
            stories = store.stories(since=since, until=until, q=q, limit=limit + 1, offset=offset)
            page = stories[:limit]
            counts = store.verdict_counts(page)
            for s in page:
                s["counts"] = counts[s["id"]]
        return page, len(stories) > limit

    def comparison(self, story_id: str):
        """(story, its Comparison): the stored one when current, else compared now (and stored)."""
        from crosswire.store.reports import story_comparison

        with self.store() as store:
            story, stored = _story_and_stored(store, story_id)
            if stored is not None:
                return story, story_comparison(store, story_id)[0]
            with self.analysis_lock:
                return story, story_comparison(store, story_id, nlp=self.nlp)[0]

    def report_json(self, story_id: str) -> bytes:
        """`report` as sent, kept per story version (`reports`)."""
        body = self.kept(self.reports, story_id)
        if body is None:
            version = self.story(story_id)["version"]
            body = json.dumps(self.report(story_id), ensure_ascii=False, separators=(",", ":")).encode()
            self.reports.put((story_id, version), body, len(body))
        return body

    def kept(self, cache: VersionCache, story_id: str) -> Any:
        """What `cache` holds for the story's current version, else None; 404 for an unknown story.

        One indexed read: cheap enough for the event loop, so that a kept page or
        report is answered without a hop to a worker thread.
        """
        return cache.get((story_id, self.story(story_id)["version"]))

    def story(self, story_id: str) -> dict[str, Any]:
        """The story as listed (its version names its current articles); 404 when unknown."""
        with self.store() as store:
            return _known_story(store, story_id)

    def report(self, story_id: str) -> dict[str, Any]:
        """The story's JSON report; the stored one as it is when current and no article of it was revised.

        That is what rebuilding the Comparison from it and back would give (the
        revised-article notes are the one thing added on the way), at a fraction of the cost.
        """
        from crosswire.report.jsonreport import comparison_to_dict

        with self.store() as store:
            story, stored = _story_and_stored(store, story_id)
            if stored is not None and not story["revised"]:
                return stored
        return comparison_to_dict(self.comparison(story_id)[1])

    def article(self, article_id: str):
        with self.store() as store:
            found = store.articles([article_id])
            if not found:
                raise ApiError(404, f"no article {shown(article_id)}")
            return found[0], sorted(store.story_of([article_id]))

    def compare(self, articles):
        from crosswire.pipeline import compare

        with self.analysis_lock:
            return compare(articles, nlp=self.nlp)

    def save(self, articles) -> dict[str, Any]:
        """Store compared articles (read and cleaned) through the ingestion path, as `crosswire ingest` would.

        Returns {"articles": [{"id", "title", "status": stored | unchanged}], "stories": [story ids]}:
        the stories now holding them, which may hold other stored articles too.
        """
        from crosswire.store.ingest import IngestResult, default_embedder, store_groups

        with self.analysis_lock, self.store() as store:
            known = store.known_article_ids([a.id for a in articles])
            store_groups(store, [list(articles)], nlp=self.nlp, embedder=default_embedder(), result=IngestResult())
            saved = [{"id": a.id, "title": a.title, "status": "unchanged" if a.id in known else "stored"}
                     for a in articles]  # fmt: skip
            stories = sorted(store.story_of([a.id for a in articles]))
        self.wake.set()
        return {"articles": saved, "stories": stories}

    def extract(self, article):
        from crosswire.extract import extract_text

        with self.analysis_lock:
            return extract_text(article.text, published=article.published, nlp=self.nlp)

    def precompute(self, stop: threading.Event, wake: threading.Event, every_s: float = 300.0) -> None:
        """Compare the stories that have no current comparison, biggest first, one at a time.

        Runs in its own thread (with its own store) until `stop` is set (with
        `wake`): a pass at start, then one whenever `wake` is set (articles were
        posted) or every `every_s` seconds (another process may have ingested). Each comparison
        holds the analysis lock alone, so requests wait at most for one story.
        """
        from crosswire.store.reports import story_comparison

        try:
            store = open_store(self.db, create=False)
        except StoreError as exc:
            log.warning("not precomputing comparisons: %s", exc)
            return
        try:
            while not stop.is_set():
                wake.clear()
                pending = [s["id"] for s in store.stories(uncompared=True)]
                for story_id in pending:
                    if stop.is_set():
                        return
                    with self.analysis_lock:
                        try:
                            story_comparison(store, story_id, nlp=self.nlp)
                        except Exception:  # one story must not stop the others; it is tried again next pass
                            log.exception("story %s not compared", story_id)
                wake.wait(every_s)  # shutting down sets `wake` too
        finally:
            store.close()

    def add_records(self, records: list[Any]) -> list[dict[str, Any]]:
        """Store records (JSON objects as the JSONL reader takes them); a result per record."""
        from crosswire.ingest import read_text
        from crosswire.ingest.records import FIELDS
        from crosswire.store.ingest import ingest

        results: list[dict[str, Any]] = []
        lines: list[str] = []
        for n, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                results.append({"item": n, "status": "problem", "problem": "not a JSON object"})
                continue
            line = json.dumps(record, ensure_ascii=False)
            try:
                article = read_text(line, source=f"item {n}", fmt="json")
            except CrosswireError as exc:
                results.append({"item": n, "status": "problem", "problem": getattr(exc, "reason", None) or str(exc)})
                continue
            if not any(record.get(k) for k in (*FIELDS["id"], *FIELDS["url"])):
                # the external id a file's record would take from its path and line; from a request, the text's own
                line = json.dumps({**record, "id": f"api-{article.id}"}, ensure_ascii=False)
            results.append({"item": n, "id": article.id, "line": len(lines) + 1})
            lines.append(line)
        if lines:
            path = API_SOURCE
            with self.analysis_lock, self.store() as store:
                known = store.known_article_ids([r["id"] for r in results if "id" in r])
                result = ingest(store, [(path, ("\n".join(lines) + "\n").encode("utf-8"))], nlp=self.nlp)
                problems = {p.source.rsplit(":", 1)[-1]: p.reason for p in result.problems}
                stored = store.known_article_ids([r["id"] for r in results if "id" in r])
                for r in results:
                    if "line" not in r:
                        continue
                    line_no = str(r.pop("line"))
                    if r["id"] in known:
                        r["status"] = "unchanged"
                    elif r["id"] in stored:
                        r["status"] = "stored"
                    else:
                        r["status"] = "problem"
                        r["problem"] = problems.get(line_no) or problems.get(path) or "not stored"
                        r.pop("id")
                    if "id" in r:
                        r["stories"] = sorted(store.story_of([r["id"]]))
        for r in results:
            r.pop("line", None)
        return results


def precompute_lock(db: str):
    """An open file holding this machine's lock on comparing `db`'s stories in the background, or None
    when another process (a worker of the same server) holds it; closing the file frees it."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): every process compares; the stored reports come out the same
        return open(os.devnull)  # noqa: SIM115 - closed by the caller
    name = hashlib.sha1(_lock_key(db).encode()).hexdigest()[:16]
    handle = open(os.path.join(tempfile.gettempdir(), f"crosswire-precompute-{name}.lock"), "a")  # noqa: SIM115
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _lock_key(db: str) -> str:
    return db if "://" in db else os.path.abspath(db)


def freeze_heap() -> None:
    """Keep what is alive now out of every later garbage collection (after collecting what is garbage now)."""
    gc.collect()
    gc.freeze()


def _known_story(store: Store, story_id: str) -> dict[str, Any]:
    story = store.story(story_id)
    if story is None:
        raise ApiError(404, f"no story {shown(story_id)}")
    return story


def _story_and_stored(store: Store, story_id: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(the story, its stored JSON report when current else None); 404 for an unknown story."""
    story = _known_story(store, story_id)
    return story, store.comparison(story_id, story["version"])


def parse_date(name: str, value: str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, f"{name}: {shown(value)} is not a date like 2025-10-25") from None


def shown(value: str) -> str:
    """`value` as an error message repeats it: quoted, escaped (one line) and cut at SHOWN_CHARS characters."""
    return repr(value) if len(value) <= SHOWN_CHARS else repr(value[:SHOWN_CHARS]) + f" ... ({len(value)} characters)"


JSON_TYPES = ("application/json", "text/json")


async def read_json(request: Request) -> Any:
    """The request's JSON body: 415 when it is declared as something else, 400 when it is not JSON, nests over
    MAX_JSON_DEPTH levels or is not text (a lone UTF-16 surrogate such as "\\ud800", which UTF-8 cannot hold).

    A body with no Content-Type is read as JSON; one declared as a form or as text is refused, so that no
    page of another site can post it as a browser's "simple" cross-site request."""
    declared = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if declared and declared not in JSON_TYPES and not declared.endswith("+json"):
        raise ApiError(415, f"the body must be JSON (Content-Type: application/json), not {shown(declared)}")
    body = await request.body()
    try:
        text = body.decode("utf-8")
        data = json.loads(text)
        if _depth(text) > MAX_JSON_DEPTH:
            raise RecursionError
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # lone surrogates: not text to store, show or send
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"malformed JSON: {exc}") from None
    except RecursionError:
        raise ApiError(400, f"malformed JSON: nested deeper than {MAX_JSON_DEPTH} levels") from None
    except UnicodeEncodeError:
        raise ApiError(400, "malformed JSON: a string holds a lone UTF-16 surrogate (\\ud800 to \\udfff)") from None
    return data


# A JSON string or a bracket: on valid JSON (each string closed) one pass, each string matched once.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _depth(text: str) -> int:
    """How deep the brackets of valid JSON `text` nest (those inside strings left out)."""
    depth = deepest = 0
    for token in _JSON_TOKENS.findall(text):
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def article_dict(article, stories: list[str]) -> dict[str, Any]:
    return {
        "id": article.id,
        "external_id": article.external_id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "authors": list(article.authors),
        "text": article.text,
        "raw_text": article.raw_text,
        "notes": [{"kind": n.kind, "message": n.message} for n in article.notes],
        "stories": stories,
    }


def create_app(db: str, *, token: str | None = None, read_token_required: bool = False, nlp=None,
               max_body: int = MAX_BODY_BYTES, precompute: bool = False,
               allowed_hosts: Iterable[str] | None = None) -> FastAPI:  # fmt: skip
    """The app over the store at `db` (a SQLite path or a postgresql:// URL); it must exist.

    `allowed_hosts`: the Host header names answered (see `HostCheck`; None answers any).

    `token` guards writes (POST /api/articles), and reads too when
    `read_token_required`; with no token writes are refused. `nlp` is a loaded
    spaCy pipeline (loaded on first need when None). With `precompute`, a
    background thread compares the stories not compared yet, so that the
    Stories page can show their counts (`crosswire serve` turns it on).
    """
    from crosswire import __version__
    from crosswire.report.jsonreport import comparison_to_dict

    engine = Engine(str(db), token, read_token_required, nlp)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        stop, worker = threading.Event(), None
        freeze_heap()  # what is loaded by now lives as long as the app
        lock = precompute_lock(engine.db) if precompute else None
        if lock is not None:  # one process of a multi-worker server compares; the others serve
            worker = threading.Thread(target=engine.precompute, args=(stop, engine.wake), daemon=True,
                                      name="crosswire-precompute")  # fmt: skip
            worker.start()
        yield
        stop.set()
        engine.wake.set()
        if worker is not None:
            worker.join(timeout=30)
        if lock is not None:
            lock.close()

    app = FastAPI(title="crosswire", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Compare how news outlets report the same story.")  # fmt: skip
    app.state.engine = engine
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(NoSniff)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=allowed_hosts)  # added last: runs first

    def reader(request: Request) -> None:
        engine.check(request, write=False)

    def writer(request: Request) -> None:
        engine.check(request, write=True)

    # -- errors: always JSON for the API, a page for the pages --------------------
    def _error(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None):
        headers = dict(headers or {})
        if status == 401:  # RFC 9110: a 401 names the scheme it asks for
            headers.setdefault("WWW-Authenticate", 'Bearer realm="crosswire"')
        if not request.url.path.startswith("/api") and request.url.path != "/openapi.json":
            from crosswire.web.pages import error_page

            page = error_page(request, status, message)
            page.headers.update(headers)
            return page
        return JSONResponse({"error": message}, status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _error(request, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail), exc.headers)  # a 405 keeps its Allow

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return _error(request, 422, f"invalid request: {problems}")

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        return _error(request, 422, str(exc))

    @app.exception_handler(CrosswireError)
    async def _crosswire_error(request: Request, exc: CrosswireError):
        return _error(request, 500, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)

    @app.exception_handler(Exception)
    async def _unforeseen(request: Request, exc: Exception):
        log.exception("unforeseen error on %s", request.url.path)
        return _error(request, 500, f"internal error ({type(exc).__name__}); the server log has the details")

    # -- the API ------------------------------------------------------------------
    @app.get("/api/stories", dependencies=[Depends(reader)], summary="Stories, biggest and newest first")
    def api_stories(limit: int = Query(20, ge=1, le=MAX_PAGE_SIZE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
                    since: str | None = None, until: str | None = None,
                    q: str | None = Query(None, max_length=MAX_QUERY_CHARS)):  # fmt: skip
        page, more = engine.story_list(limit=limit, offset=offset, since=parse_date("since", since),
                                        until=parse_date("until", until), q=q)  # fmt: skip
        keys = ("id", "title", "size", "articles", "article_ids", "first_published", "last_published", "counts")
        return {"stories": [{k: s.get(k) for k in keys} for s in page], "limit": limit, "offset": offset,
                "more": more}  # fmt: skip

    @app.get("/api/stories/{story_id}", dependencies=[Depends(reader)],
             summary="A story's comparison (the JSON report, schema comparison-v1)")  # fmt: skip
    async def api_story(story_id: str):
        from starlette.concurrency import run_in_threadpool

        body = engine.kept(engine.reports, story_id) or await run_in_threadpool(engine.report_json, story_id)
        return Response(body, media_type="application/json")

    @app.get("/api/articles/{article_id}", dependencies=[Depends(reader)], summary="One stored article")
    def api_article(article_id: str):
        return article_dict(*engine.article(article_id))

    @app.get("/api/search", dependencies=[Depends(reader)], summary="Full-text search over articles and claims")
    def api_search(q: str = Query(..., min_length=1, max_length=MAX_QUERY_CHARS),
                   limit: int = Query(20, ge=1, le=MAX_PAGE_SIZE)):  # fmt: skip
        with engine.store() as store:
            return {"q": q, "hits": store.search(q, limit=limit)}

    record_body = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "description": "One record, an array of records, or {\"articles\": [...]}; fields as the JSONL reader "
                       "takes them (text, title, url, outlet, published, authors, id)",
        "oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]}}}}}  # fmt: skip

    @app.post("/api/articles", dependencies=[Depends(writer)], openapi_extra=record_body,
              summary="Store one or many articles (needs the token); ids and problems per item")  # fmt: skip
    async def api_add(request: Request):
        from starlette.concurrency import run_in_threadpool

        data = await read_json(request)
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        records = data if isinstance(data, list) else [data]
        if not records:
            raise ApiError(422, "no articles given")
        if len(records) > MAX_ITEMS:
            raise ApiError(422, f"{len(records)} articles in one request; at most {MAX_ITEMS}")
        results = await run_in_threadpool(engine.add_records, records)
        engine.wake.set()
        status = 201 if any(r["status"] == "stored" for r in results) else 200
        return JSONResponse({"results": results}, status_code=status)

    compare_body = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": ["articles"], "properties": {"articles": {
            "type": "array", "minItems": 2, "items": {"oneOf": [{"type": "string"}, {"type": "object"}]},
            "description": "Texts, or records with a text field (title, outlet, published ...)"}}}}}}}  # fmt: skip

    @app.post("/api/compare", dependencies=[Depends(reader)], openapi_extra=compare_body,
              summary="Compare two or more texts; stored only with save=true (needs the token)")  # fmt: skip
    async def api_compare(request: Request, save: bool = Query(False, description=(
            "also store the articles, as POST /api/articles does (needs the token); the answer's \"saved\" "
            "then holds their ids and the stories they are in"))):  # fmt: skip
        from starlette.concurrency import run_in_threadpool

        if save:
            engine.check(request, write=True)
        data = await read_json(request)
        items = data.get("articles") if isinstance(data, dict) else data
        if not isinstance(items, list) or len(items) < 2:
            raise ApiError(422, "give two or more articles: {\"articles\": [text or record, ...]}")
        if len(items) > MAX_ITEMS:
            raise ApiError(422, f"{len(items)} articles in one request; at most {MAX_ITEMS}")
        articles = articles_from_items(items)
        comparison = await run_in_threadpool(engine.compare, articles)
        report = comparison_to_dict(comparison)
        if not save:
            return report
        report["saved"] = await run_in_threadpool(engine.save, comparison.articles)
        stored = any(a["status"] == "stored" for a in report["saved"]["articles"])
        return JSONResponse(report, status_code=201 if stored else 200)

    from crosswire.web.pages import add_pages

    add_pages(app, engine, reader)
    return app


def articles_from_archive(data: bytes, name: str, limit: int = MAX_ITEMS) -> list:
    """The articles of an uploaded web archive (WARC/ARC); 422 naming the file when it holds none, or more
    than `limit` (read no further: a small compressed upload can hold thousands of pages)."""
    import io
    import pathlib

    from crosswire.ingest.archives import iter_archive
    from crosswire.ingest.decode import DEFAULT_MAX_BYTES

    articles, problems = [], []
    try:
        for batch in iter_archive(pathlib.Path(name), source=name, max_bytes=DEFAULT_MAX_BYTES, chunk=16,
                                  stream=io.BytesIO(data)):  # fmt: skip
            articles.extend(batch.articles)
            problems.extend(batch.problems)
            if len(articles) > limit:
                raise ApiError(422, f"{name}: more than {limit} article pages; compare at most {MAX_ITEMS} articles")
    except CrosswireError as exc:
        raise ApiError(422, f"{name}: {getattr(exc, 'reason', None) or exc}") from None
    if not articles:
        reason = problems[0].reason if problems else "no article pages"
        raise ApiError(422, f"{name}: {reason}")
    return articles


def articles_from_items(items: list[Any], names: list[str] | None = None) -> list:
    """Articles from texts or records; 422 naming the item when one cannot be read. An uploaded file (`names`)
    gives all its articles, as a file given to compare does (a JSONL file's records, a feed's entries)."""
    from crosswire.ingest import read_text, read_texts

    articles = []
    for n, item in enumerate(items, start=1):
        name = names[n - 1] if names else f"article {n}"
        if isinstance(item, dict):
            text, fmt = json.dumps(item, ensure_ascii=False), "json"
        elif isinstance(item, str):
            text, fmt = item, "auto"
        else:
            raise ApiError(422, f"{name}: give a text or a JSON object")
        try:
            found = read_texts(text, source=name, fmt=fmt) if names else [read_text(text, source=name, fmt=fmt)]
            articles.extend(found)
        except CrosswireError as exc:
            raise ApiError(422, f"{name}: {getattr(exc, 'reason', None) or exc}") from None
    return articles
