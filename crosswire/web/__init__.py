"""web: the web app and HTTP API over the store (`crosswire serve`).

    create_app(db, *, token=None, read_token_required=False, nlp=None) -> FastAPI

FastAPI, Starlette and Jinja2 are imported here and nowhere else. Pages are
server-rendered (templates/, autoescape on); the story page reuses the HTML
report's pieces, which escape every piece of article text where it is inserted.
"""

import os

from crosswire.web.app import MAX_BODY_BYTES, MAX_PAGE_SIZE, allowed_hosts_for, create_app

__all__ = ["MAX_BODY_BYTES", "MAX_PAGE_SIZE", "app_from_environment", "create_app", "serve"]

# What `serve` hands to worker processes, which uvicorn starts by import string.
_DB, _READ_TOKEN, _HOSTS = "CROSSWIRE_SERVE_DB", "CROSSWIRE_SERVE_READ_TOKEN", "CROSSWIRE_SERVE_HOSTS"


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          read_token_required: bool = False, log_level: str = "warning", workers: int = 1,
          allow_hosts: tuple[str, ...] = ()) -> None:  # fmt: skip
    """Serve the app with uvicorn until interrupted (what `crosswire serve` runs).

    With `workers` > 1 uvicorn runs that many processes, each with the app of
    `app_from_environment` (the token travels in CROSSWIRE_TOKEN, as it came);
    one of them compares the stories in the background. Listening on the loopback
    address, only requests naming it (or `allow_hosts`) in their Host header are
    answered (`allowed_hosts_for`).
    """
    import uvicorn

    hosts = allowed_hosts_for(host, allow_hosts)
    if workers <= 1:
        app = create_app(db, token=token, read_token_required=read_token_required, precompute=True,
                         allowed_hosts=hosts)  # fmt: skip
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    os.environ[_DB], os.environ[_READ_TOKEN] = db, "1" if read_token_required else ""
    os.environ[_HOSTS] = "" if hosts is None else "\n".join(hosts)
    if token:
        os.environ["CROSSWIRE_TOKEN"] = token
    uvicorn.run("crosswire.web:app_from_environment", factory=True, host=host, port=port, log_level=log_level,
                workers=workers)  # fmt: skip


def app_from_environment():
    """The app of one `serve` worker process, from what `serve` put in the environment."""
    hosts = os.environ.get(_HOSTS)
    return create_app(os.environ[_DB], token=os.environ.get("CROSSWIRE_TOKEN") or None,
                      read_token_required=bool(os.environ.get(_READ_TOKEN)), precompute=True,
                      allowed_hosts=hosts.split("\n") if hosts else None)  # fmt: skip
