"""Named, versioned pipeline stages and the pipeline that runs them.

A stage is a callable `Document -> Document` made by a factory registered
under a versioned name (`newsledger.clean.v1`). A `.v1` never changes meaning;
a changed behaviour is registered as `.v2`. Each stage declares which document
attributes it needs and which it assigns, so a pipeline with a missing stage
fails when it is built, not halfway through a corpus.

    @stage("newsledger.language.v1", requires=("text",), assigns=("language",))
    def make_language(config):
        def language(doc): ...
        return language
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from newsledger.errors import Messages, UsageError
from newsledger.model import Article, Document

StageFn = Callable[[Document], Document]
Factory = Callable[[dict[str, Any]], StageFn]

# What a Document has before any stage runs.
BASE_ATTRS = frozenset({"article"})


@dataclass(frozen=True, slots=True)
class StageInfo:
    name: str
    factory: Factory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_REGISTRY: dict[str, StageInfo] = {}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[Factory], Factory]:
    """Register a stage factory under `name`."""

    def register(factory: Factory) -> Factory:
        _REGISTRY[name] = StageInfo(name, factory, tuple(requires), tuple(assigns))
        return factory

    return register


def registered() -> dict[str, StageInfo]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the modules registers their stages.
    from newsledger import stages  # noqa: F401


class Pipeline:
    """An ordered list of stages; the first one must turn an Article into a Document."""

    def __init__(self, names: Iterable[str], config: dict[str, dict[str, Any]] | None = None) -> None:
        _load_builtin_stages()
        config = config or {}
        self.names = list(names)
        self._stages: list[tuple[str, StageFn]] = []
        have = set(BASE_ATTRS)
        for name in self.names:
            info = _REGISTRY.get(name)
            if info is None:
                raise UsageError(Messages.UNKNOWN_STAGE.format(name=name, known=", ".join(sorted(_REGISTRY))))
            for attr in info.requires:
                if attr not in have:
                    raise UsageError(Messages.STAGE_NEEDS.format(name=name, attr=attr))
            have.update(info.assigns)
            self._stages.append((name, info.factory(config.get(name, {}))))
        self.assigns = frozenset(have)

    def make_doc(self, article: Article) -> Document:
        """Run the first stage only: the cheap one that yields the cleaned text and its hash.

        Ingest calls this first to learn whether the article is new before paying
        for the rest of the pipeline.
        """
        return self._run(self._stages[:1], article)  # type: ignore[arg-type]

    def analyse(self, doc: Document) -> Document:
        """Run every stage after the first on a document made by `make_doc`."""
        return self._run(self._stages[1:], doc)

    def analyse_many(self, docs: list[Document]) -> list[Document]:
        """`analyse` over a batch: stages that can (the parser) work on all documents at once.

        When a batched stage fails, the batch is retried one document at a time so
        that the failure is pinned on the document that caused it.
        """
        for name, fn in self._stages[1:]:
            pipe = getattr(fn, "pipe", None)
            if pipe is None:
                docs = [self._run([(name, fn)], doc) for doc in docs]
                continue
            done = pipe(docs)
            for doc in done:
                if not isinstance(doc, Document):
                    raise UsageError(Messages.STAGE_RETURNED.format(name=name, kind=type(doc).__name__))
                doc.stages.append(name)
            docs = done
        return docs

    def __call__(self, article: Article) -> Document:
        return self.analyse(self.make_doc(article))

    def config_of(self, name: str) -> StageFn | None:
        """The stage function registered as `name` in this pipeline, if it has one."""
        return dict(self._stages).get(name)

    @staticmethod
    def _run(stages: list[tuple[str, StageFn]], doc: Any) -> Document:
        for name, fn in stages:
            doc = fn(doc)
            if not isinstance(doc, Document):
                raise UsageError(Messages.STAGE_RETURNED.format(name=name, kind=type(doc).__name__))
            doc.stages.append(name)
        return doc
