"""Conflict alerts for `crosswire watch`: a story that gains a conflicting finding is reported once.

    new_conflicts(store, article_ids, *, nlp=None, settings=None) -> list[Alert]
    post_webhook(url, alert, *, settings=None, client=None) -> int   (raises FetchError)
    report_conflicts(store, article_ids, *, nlp, settings, client, echo) -> list[Alert]

After a round has stored articles, every story holding one of them is compared
(`store.reports.story_comparison`, which reuses a stored comparison while the
story is unchanged). Each conflicting finding gets a stable key (its slot,
topic and the distinct values the sources give); keys already in the
`reported_conflicts` table (migration 0004) for that story are not reported
again. A new conflict is one console line; with the `webhook_url` setting the
story's new conflicts are also POSTed as JSON
``{"story": id, "title": ..., "conflicts": [findings as in the JSON report]}``.

The webhook is `fetch.post_json`: the same safety as fetching, `netguard.check_url`
(http/https, public addresses only unless `allow_network` allows the range),
the connection pinned to the checked address, `fetch_timeout`, the per-host
rate limit, no proxies from the environment. It is one attempt with no
redirects followed and no retries, so a failing receiver costs one request
per story per round; a failure is one line and the watch goes on. Conflicts
are marked reported once shown on the console, whether or not the webhook
took them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from crosswire.errors import CrosswireError


@dataclasses.dataclass
class Alert:
    """A story's conflicting findings not reported before (findings in the comparison JSON form)."""

    story_id: str
    title: str
    conflicts: list[dict[str, Any]]
    keys: list[str]

    def payload(self) -> dict[str, Any]:
        return {"story": self.story_id, "title": self.title, "conflicts": self.conflicts}

    def lines(self) -> list[str]:
        return [f'conflict in story {self.story_id} "{self.title}": {describe(f)}' for f in self.conflicts]


def finding_key(finding: Mapping[str, Any]) -> str:
    """Stable over recomputation: the slot, topic and the distinct values given (not ids or offsets)."""
    values = sorted({_value(e) for e in finding.get("evidence", [])})
    basis = json.dumps([finding.get("slot"), finding.get("topic"), values], ensure_ascii=False)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


def _value(evidence: Mapping[str, Any]) -> str:
    value = evidence.get("value")
    return json.dumps(value, sort_keys=True, ensure_ascii=False) if value is not None else evidence.get("display") or ""


def describe(finding: Mapping[str, Any]) -> str:
    """'amount: 7.5 million euros (Valley Courier) vs 9 million euros (Hill Gazette)'."""
    by_value: dict[str, list[str]] = {}
    for evidence in finding.get("evidence", []):
        shown = evidence.get("display") or (str(evidence.get("value")) if evidence.get("value") is not None else "")
        shown = shown or " ".join(str(evidence.get("text", "")).split())[:80]
        outlet = evidence.get("outlet") or evidence.get("article", "")[:12]
        outlets = by_value.setdefault(shown, [])
        if outlet not in outlets:
            outlets.append(outlet)
    what = finding.get("slot") or finding.get("topic") or finding.get("statement", "")
    return f"{what}: " + " vs ".join(f"{value} ({', '.join(outlets)})" for value, outlets in by_value.items())


def new_conflicts(store, article_ids: Iterable[str], *, nlp=None,
                  settings: Mapping[str, Any] | None = None) -> list[Alert]:  # fmt: skip
    """Alerts for the stories of these articles: their conflicting findings not reported before."""
    from crosswire.report.jsonreport import comparison_to_dict
    from crosswire.store import alerts as alert_store
    from crosswire.store.reports import story_comparison

    from crosswire.settings import SETTINGS

    full = {**{s.name: s.default for s in SETTINGS}, **settings} if settings else None
    alerts = []
    for story_id in sorted(store.story_of(list(dict.fromkeys(article_ids)))):
        story = store.story(story_id)
        if story is None or story["size"] < 2:
            continue  # one article cannot conflict with another
        comparison, _ = story_comparison(store, story_id, nlp=nlp, settings=full)
        done = alert_store.reported(store, story_id)
        fresh: dict[str, dict[str, Any]] = {}
        for finding in comparison_to_dict(comparison)["findings"]:
            if finding["verdict"] != "conflicting":
                continue
            key = finding_key(finding)
            if key not in done and key not in fresh:
                fresh[key] = finding
        if fresh:
            alerts.append(Alert(story_id, story["title"], list(fresh.values()), list(fresh)))
    return alerts


def post_webhook(url: str, alert: Alert, *, settings: Mapping[str, Any] | None = None, client=None) -> int:
    """POST the alert as JSON to `url` under fetch's safety rules; the HTTP status, or FetchError/UnsafeURL."""
    from crosswire.ingest import fetch

    return fetch.post_json(url, alert.payload(), settings=settings, client=client)


def report_conflicts(store, article_ids: Iterable[str], *, nlp=None, settings: Mapping[str, Any] | None = None,
                     client=None, echo: Callable[[str], None] = print) -> list[Alert]:  # fmt: skip
    """Show each new conflict (one line each), POST it when `webhook_url` is set, and remember it."""
    from crosswire.store import alerts as alert_store

    alerts = new_conflicts(store, article_ids, nlp=nlp, settings=settings)
    webhook = str((settings or {}).get("webhook_url") or "").strip()
    for alert in alerts:
        for line in alert.lines():
            echo(line)
        alert_store.mark_reported(store, alert.story_id, alert.keys)
        if webhook:
            try:
                post_webhook(webhook, alert, settings=settings, client=client)
            except CrosswireError as exc:
                echo(f"webhook failed for story {alert.story_id}: {str(exc).splitlines()[0]}")
    return alerts
