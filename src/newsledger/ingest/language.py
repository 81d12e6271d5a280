"""Language identification with the model that ships inside py3langid (no download)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Enough text to decide; identification cost grows with length.
_SAMPLE = 3000
_UNSURE = 0.5
_WORDS = re.compile(r"\w+")


# The languages news is written in. py3langid knows 97, some rare (Aragonese, Volapük) that it
# confuses with English on short or all-capitals wire copy; restricting it removes those mistakes.
NEWS_LANGUAGES = (
    "af ar az be bg bn bs ca cs cy da de el en es et eu fa fi fr ga gl he hi hr hu hy id is it ja ka kk km ko "
    "ku ky lt lv mk ml mn mr ms mt ne nl no pa pl ps pt ro ru si sk sl sq sr sv sw ta te th tl tr uk ur uz vi zh"
).split()


@cache
def _identifier() -> Any:
    from py3langid import langid

    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in NEWS_LANGUAGES if code in identifier.nb_classes])
    return identifier


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability; (None, probability) when the identifier is not sure
    (a sentence or two of names: "Putin met Modi in Moscow." reads as Italian at 0.23), which
    the pipeline reads as English rather than skip; (None, None) for text with no letters."""
    sample = text[:_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return None, None
    code, prob = _identifier().classify(sample)
    if prob < _UNSURE:
        # in a short text the names weigh more than the language around them ("Erdogan welcomed
        # Azerbaijani President Ilham Aliyev to Ankara" reads as Kurdish): ask again without them
        common = " ".join(w for w in _WORDS.findall(sample) if not w[0].isupper())
        if common:
            code2, prob2 = _identifier().classify(common)
            if prob2 >= _UNSURE:
                code, prob = code2, prob2
    if prob < _UNSURE:
        return None, round(float(prob), 3)
    return str(code), round(float(prob), 3)
