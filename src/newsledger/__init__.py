"""newsledger: a sourced ledger of who did what to whom, read from news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from newsledger.ledger import IngestReport, Ledger
    from newsledger.model import Article, Document

__all__ = ["Ledger", "IngestReport", "Article", "Document", "__version__"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `import newsledger.dates` does not load the whole package.
    if name in ("Ledger", "IngestReport"):
        from newsledger import ledger

        return getattr(ledger, name)
    if name in ("Article", "Document"):
        from newsledger import model

        return getattr(model, name)
    raise AttributeError(name)
