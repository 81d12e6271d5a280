"""Language identification with the model that ships inside py3langid (no download)."""

from __future__ import annotations

from functools import cache
from typing import Any

# Enough text to decide; identification cost grows with length.
_SAMPLE = 3000


@cache
def _identifier() -> Any:
    from py3langid import langid

    return langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability, or (None, None) for text with no letters."""
    sample = text[:_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return None, None
    code, prob = _identifier().classify(sample)
    return str(code), round(float(prob), 3)
