"""The inline engine: the analysis in this process, one batch at a time (what ingest always did)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from newsledger.engines.core import AnalysisResult, analyse_documents
from newsledger.model import Document
from newsledger.pipeline import Pipeline


class InlineEngine:
    """`Pipeline.analyse_many` over each batch, in the calling process.

    The documents come back as they are analysed, with their spaCy parse still
    attached (`Document.parse`); the other engines return documents rebuilt from
    their serialised form, without it.
    """

    kind = "inline"
    workers = 1

    def __init__(self, *, stages: list[str], config: dict[str, Any], pipeline: Pipeline | None = None) -> None:
        self.pipeline = pipeline if pipeline is not None else Pipeline(stages, config)

    def analyse(self, batches: Iterable[list[Document]]) -> Iterator[list[AnalysisResult]]:
        for batch in batches:
            yield analyse_documents(self.pipeline, list(batch))

    def close(self) -> None:
        pass

    def __enter__(self) -> InlineEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
