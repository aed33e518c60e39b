"""web: the web app and HTTP API over the store (`crosswire serve`).

    create_app(db, *, token=None, read_token_required=False, nlp=None) -> FastAPI

FastAPI, Starlette and Jinja2 are imported here and nowhere else. Pages are
server-rendered (templates/, autoescape on); the story page reuses the HTML
report's pieces, which escape every piece of article text where it is inserted.
"""

from crosswire.web.app import MAX_BODY_BYTES, MAX_PAGE_SIZE, create_app

__all__ = ["MAX_BODY_BYTES", "MAX_PAGE_SIZE", "create_app", "serve"]


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          read_token_required: bool = False, log_level: str = "warning") -> None:  # fmt: skip
    """Serve the app with uvicorn until interrupted (what `crosswire serve` runs)."""
    import uvicorn

    app = create_app(db, token=token, read_token_required=read_token_required, precompute=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
