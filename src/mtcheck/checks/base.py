"""The contract every check implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar, Iterable, Mapping

from mtcheck.params import Params
from mtcheck.types import Finding, Severity, Span
from mtcheck.views import DocumentView, PairView, PairViews, Side, pair_view_of  # noqa: F401  (re-exported)


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
            evidence=evidence_of(evidence),
        )


def evidence_of(values: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """Evidence as a Finding keeps it: (name, value) pairs, lists made tuples."""
    if not values:
        return ()
    return tuple(evidence_item(name, tuple(value) if isinstance(value, list) else value) for name, value in values.items())


# Items whose value is a word or a count ("rule": "glued", "kind": "sentence") recur across a big article's
# 100,000 findings; they share one tuple each. Keyed by the value's type too: True == 1 == 1.0, and the
# JSON report must say which it was. Bounded, as the words come from the article.
_ITEMS: dict[tuple[str, type, Any], tuple[str, Any]] = {}
_SHARED_ITEMS = 4096


def evidence_item(name: str, value: Any) -> tuple[str, Any]:
    """``(name, value)``, one shared tuple for each recurring word or count."""
    if type(value) not in (str, int, bool):
        return (name, value)
    key = (name, type(value), value)
    item = _ITEMS.get(key)
    if item is None:
        if len(_ITEMS) >= _SHARED_ITEMS:
            _ITEMS.clear()
        item = _ITEMS[key] = (name, value)
    return item
