"""The contract every check implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar, Iterable, Mapping

from mtcheck.params import Params
from mtcheck.types import Finding, Severity, Span
from mtcheck.views import DocumentView, PairView


class Check(ABC):
    """One small detector. Subclasses set the class attributes and ``run``.

    The docstring of a subclass is shown by ``mtcheck checks``: its first line
    says what it finds, and it carries one real example. Its thresholds are
    the fields of its ``Params`` dataclass (mtcheck.params), which the config
    fills; a check is built once per run and reads them as ``self.params``.
    """

    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    Params: ClassVar[type[Params]] = Params
    # The analyses (mtcheck.analyses) this check reads from ``doc.analyses``.
    needs: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, params: Params | None = None):
        if params is not None and not isinstance(params, self.Params):
            raise TypeError(f"{self.name} takes {self.Params.__name__}, not {type(params).__name__}")
        self.params = params if params is not None else self.Params()
        # Evidence items whose value is a word or a count ("rule": "glued") recur across a big article's
        # 100,000 findings: this check's share one tuple each (``evidence``). A check lives for one run.
        self._items: dict[tuple[str, type, Any], tuple[str, Any]] = {}

    @classmethod
    def summary(cls) -> str:
        """What the check finds: its docstring's first line (``mtcheck checks``, SARIF rules)."""
        lines = (cls.__doc__ or "").strip().splitlines()
        return lines[0] if lines else ""

    @abstractmethod
    def run(self, doc: DocumentView) -> Iterable[Finding]:
        """Yield the findings of this check on one document."""

    def finding(
        self,
        view: PairView,
        message: str,
        target_span: Span | None = None,
        source_span: Span | None = None,
        *,
        severity: Severity | None = None,
        category: str | None = None,
        confidence: float = 1.0,
        evidence: Mapping[str, Any] | None = None,
    ) -> Finding:
        return Finding(
            check=self.name,
            category=category or self.category,
            severity=severity or self.severity,
            pair=view.pair.index,
            target_span=target_span,
            source_span=source_span,
            message=message,
            confidence=confidence,
            evidence=self.evidence(evidence),
        )

    def evidence(self, values: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
        """``evidence_of(values)``, each recurring word or count one shared tuple (bounded: the words come
        from the article). Keyed by the value's type too: True == 1 == 1.0, and the report must say which."""
        items = self._items
        if len(items) >= SHARED_ITEMS:
            items.clear()
        return tuple(
            items.setdefault((name, type(value), value), (name, value)) if type(value) in (str, int, bool)
            else (name, value)
            for name, value in evidence_of(values)
        )


SHARED_ITEMS = 4096  # evidence items a check shares at most, then starts afresh


def evidence_of(values: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """Evidence as a Finding keeps it: (name, value) pairs, lists made tuples."""
    if not values:
        return ()
    return tuple((name, tuple(value) if isinstance(value, list) else value) for name, value in values.items())
