"""crosswire: compare how news outlets report the same story.

    >>> import crosswire
    >>> comparison = crosswire.compare(["a.txt", "b.html"])
    >>> print(crosswire.render(comparison, "md"))
"""

from crosswire.errors import CrosswireError, InputError, ModelError
from crosswire.model import (
    Analysis,
    Article,
    Claim,
    Comparison,
    Entity,
    Evidence,
    Finding,
    Note,
    Problem,
    Quantity,
    Quote,
    Span,
    TimeExpr,
)

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "Comparison",
    "CrosswireError",
    "Entity",
    "Evidence",
    "Finding",
    "InputError",
    "ModelError",
    "Note",
    "Problem",
    "Quantity",
    "Quote",
    "Span",
    "TimeExpr",
    "__version__",
    "compare",
    "extract",
    "render",
]


def compare(sources, **options) -> Comparison:
    """Compare articles (paths, "-", or `Article` objects); see `crosswire.pipeline.compare`."""
    from crosswire.pipeline import compare as _compare

    return _compare(sources, **options)


def extract(text: str, *, published=None) -> dict:
    """The analysis of one text as JSON-ready data (offsets into `text` as given)."""
    from crosswire.extract import extract_text

    return extract_text(text, published=published)


def render(comparison: Comparison, fmt: str = "terminal") -> str:
    """Render a comparison as "terminal", "md", "html" or "json"."""
    from crosswire.report import render as _render

    return _render(comparison, fmt)
