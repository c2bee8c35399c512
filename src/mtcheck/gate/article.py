"""Gate: each article's verdict (pass, review, fail) with its reasons in plain words, and the run's.

An article **fails** (do not publish: retranslate) when a critical finding is counted (the structural
checks' whole-article damage among them: sentences out of order, mass duplication, truncation, another
article's text, the wrong language), when the judge's estimate of the penalty human raters would give
it is in the fail band, or when too little of either side has a counterpart. It goes to **review**
(route to an editor) when that estimate or a coverage is in the review band. Otherwise it **passes**
(publish as is).

The estimate and its bands are fitted on human document MQM (training.verdict_fit) and shipped in the
judge file (``VerdictCuts``, per variant: with and without the models); the coverage bands are set by
rule there, as the human data has no text without a counterpart. Settings add or override thresholds:
``min_quality``, ``review_quality``, ``min_coverage``, ``max_critical``, ``max_major``. ``fail_on`` says
which verdict fails the gate (``passed`` False, exit 1): ``fail`` only, or ``review`` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from mtcheck.config import Config
from mtcheck.grade.judge import gate_threshold, judge_model
from mtcheck.grade.judge.model import ESTIMATE_INPUTS, VerdictCuts
from mtcheck.types import ArticleVerdict, Document, Gate, Severity

# Without a judge (``judge = "off"``) quality is v2, on another scale: only the coverage bands apply.
# 15% of an article without counterpart is more than a byline and a photo credit; half of it is
# another text. The same numbers are written into the shipped judge file.
RULE_COVERAGE = (0.5, 0.85)
# Critical findings named in a verdict's reasons; the rest are counted.
NAMED_FINDINGS = 3


def gate_articles(documents: Sequence[Document], config: Config) -> Gate:
    """The run's gate over ``documents``: each one's verdict, then the worst of them."""
    return combined(documents, [document_gate(document, config) for document in documents])


@dataclass(frozen=True)
class ArticleFacts:
    """What an article's verdict reads of it: its scores, both coverages, and its counted findings."""

    scores: dict[str, float | None]  # quality, chrf, expected_penalty (None where not computed)
    source_coverage: float
    target_coverage: float
    # What the counted critical and major findings say, surest first: at or above the gate's confidence,
    # not dismissed by an editor.
    critical: tuple[str, ...]
    major: tuple[str, ...]

    @classmethod
    def of(cls, document: Document, config: Config) -> ArticleFacts:
        floor = gate_threshold(config, models=document.models is not None)
        # Only findings at or above the gate's operating point count; an editor's false alarm never does.
        counted = [f for f in document.findings if f.confidence >= floor and f.verdict != "false-alarm"]
        scores = document.scores
        counted.sort(key=lambda f: -f.confidence)
        return cls({name: getattr(scores, name) if scores else None for name in ESTIMATE_INPUTS},
                   _share(scores, "source"), _share(scores, "target"),
                   tuple(f.message for f in counted if f.severity is Severity.CRITICAL),
                   tuple(f.message for f in counted if f.severity is Severity.MAJOR))


def document_gate(document: Document, config: Config) -> Gate:
    """One article's verdict and its reasons."""
    return decide(ArticleFacts.of(document, config), config, verdict_cuts(config, document.models is not None))


def decide(facts: ArticleFacts, config: Config, cuts: VerdictCuts | None) -> Gate:
    """The verdict of an article's facts under ``config`` and the judge's ``cuts``: the fail reasons, then
    the review ones; what was met when it passes."""
    fail: list[str] = []
    review: list[str] = []
    met: list[str] = []
    _findings(facts, config, fail, review, met)
    _estimate(facts, cuts, fail, review, met)
    _quality(facts.scores["quality"], config, fail, review, met)
    _coverage(facts, *coverage_cuts(config, cuts), fail, review, met)
    verdict = ArticleVerdict.FAIL if fail else ArticleVerdict.REVIEW if review else ArticleVerdict.PASS
    return Gate(passed=_passes(verdict, config), reasons=tuple(fail + review or met), verdict=verdict)


def _estimate(facts: ArticleFacts, cuts: VerdictCuts | None, fail: list[str], review: list[str],
              met: list[str]) -> None:
    """The judge's estimate of the penalty human raters would give, against the fitted bands."""
    estimate = cuts.estimate(facts.scores) if cuts else None
    if estimate is None:
        return
    said = f"estimated {estimate:.1f} MQM penalty points per 100 words"
    if estimate > cuts.fail_penalty:
        fail.append(f"{said}: the fail band (above {cuts.fail_penalty:g})")
    elif estimate > cuts.review_penalty:
        review.append(f"{said}: the review band (above {cuts.review_penalty:g})")
    else:
        met.append(f"{said} (review above {cuts.review_penalty:g})")


def _quality(quality: float | None, config: Config, fail: list[str], review: list[str], met: list[str]) -> None:
    """The settings' own quality thresholds (``min_quality``, ``review_quality``), where set."""
    if quality is None or (config.min_quality is None and config.review_quality is None):
        return
    if config.min_quality is not None and quality < config.min_quality:
        fail.append(f"quality {quality:.1f} < min {config.min_quality:g}")
    elif config.review_quality is not None and quality < config.review_quality:
        review.append(f"quality {quality:.1f} < review {config.review_quality:g}")
    else:
        met.append(f"quality {quality:.1f} (min {max(filter(None, (config.min_quality, config.review_quality))):g})")


def combined(documents: Sequence[Document], gates: Sequence[Gate]) -> Gate:
    """The worst document's verdict; one article's reasons as they are, several articles' named by id."""
    if not gates:
        return Gate(passed=True, reasons=("no article to check",), verdict=ArticleVerdict.PASS)
    verdict = max((gate.verdict for gate in gates), key=lambda v: v.rank)
    if len(gates) == 1:
        reasons = gates[0].reasons
    else:
        worst_first = sorted(zip(documents, gates), key=lambda row: -row[1].verdict.rank)
        reasons = tuple(f"{document.id}: {gate.verdict.value}: {reason}" for document, gate in worst_first
                        if gate.verdict is not ArticleVerdict.PASS for reason in gate.reasons)
        counts = {v: sum(gate.verdict is v for gate in gates) for v in ArticleVerdict}
        summary = ", ".join(f"{counts[v]} {v.value}" for v in reversed(ArticleVerdict))
        reasons = (f"{len(gates)} articles: {summary}", *reasons)
    return Gate(passed=all(gate.passed for gate in gates), reasons=reasons, verdict=verdict)


def verdict_cuts(config: Config, models: bool) -> VerdictCuts | None:
    """The judge file's cut points for this run's variant; None without a judge or in an older judge file."""
    model = judge_model(config)
    return model.variant(models).verdict if model is not None else None


def coverage_cuts(config: Config, cuts: VerdictCuts | None) -> tuple[float, float]:
    """(fail below, review below) for each side's coverage: ``min_coverage`` over the judge file's fail cut,
    the rule's without a judge; the review cut never below the fail one."""
    fail = config.min_coverage if config.min_coverage is not None else (cuts.fail_coverage if cuts else RULE_COVERAGE[0])
    return fail, max(fail, cuts.review_coverage if cuts else RULE_COVERAGE[1])


def verdict_signature(config: Config, models: bool) -> str:
    """``|verdict:est>R/F,cov<F/R,on:fail`` (and ``q<F/R`` where the settings set quality thresholds): the cut
    points in force, and which verdict fails the gate."""
    cuts = verdict_cuts(config, models)
    fail_c, review_c = coverage_cuts(config, cuts)
    parts = [f"est>{cuts.review_penalty:g}/{cuts.fail_penalty:g}"] if cuts else []
    if config.min_quality is not None or config.review_quality is not None:
        parts.append(f"q<{_g(config.min_quality)}/{_g(config.review_quality)}")
    parts += [f"cov<{fail_c:g}/{review_c:g}", f"on:{config.fail_on}"]
    return "|verdict:" + ",".join(parts)


def _findings(facts: ArticleFacts, config: Config, fail: list[str], review: list[str], met: list[str]) -> None:
    """The counted findings' reasons: critical ones over ``max_critical`` fail; major ones over ``max_major``
    fail where it is set, and otherwise any goes to review: at the gate's confidence a major finding is
    an error more often than not, which an editor should see before the article is published."""
    for severity, limit in ((Severity.CRITICAL, config.max_critical), (Severity.MAJOR, config.max_major)):
        found = facts.critical if severity is Severity.CRITICAL else facts.major
        line = f"{len(found)} {severity.value} finding{'s' if len(found) != 1 else ''}"
        if limit is not None and len(found) > limit:
            fail.append(f"{line}: {_named(found)}" if severity is Severity.CRITICAL else f"{line} (max {limit})")
        elif severity is Severity.MAJOR and limit is None and found:
            review.append(f"{line} at the gate's confidence: {_named(found)}")
        elif limit is not None:
            met.append(f"{line} (max {limit})")


def _named(messages: Sequence[str]) -> str:
    """What the surest findings say: "sentences out of order: …; target in German; and 2 more"."""
    named = "; ".join(messages[:NAMED_FINDINGS])
    rest = len(messages) - NAMED_FINDINGS
    return named + (f"; and {rest} more" if rest > 0 else "")


def _coverage(facts: ArticleFacts, fail_at: float, review_at: float, fail: list[str], review: list[str],
              met: list[str]) -> None:
    shares = {"source": facts.source_coverage, "target": facts.target_coverage}
    for side, share in shares.items():
        uncovered = 1.0 - share
        if side == "source":
            what = f"{uncovered:.0%} of the source has no translation"
        else:
            what = f"{uncovered:.0%} of the target has no counterpart in the source"
        if share < fail_at:
            fail.append(f"{what} (fail below {fail_at:.0%} covered)")
        elif share < review_at:
            review.append(f"{what} (review below {review_at:.0%} covered)")
    if all(share >= review_at for share in shares.values()):
        met.append(f"coverage: source {shares['source']:.0%}, target {shares['target']:.0%}")


def _share(scores, side: str) -> float:
    share = getattr(scores, f"{side}_coverage") if scores else None
    return 1.0 if share is None else share  # a side without text has nothing to miss


def _passes(verdict: ArticleVerdict, config: Config) -> bool:
    worst_allowed = ArticleVerdict.PASS if config.fail_on == "review" else ArticleVerdict.REVIEW
    return verdict.rank <= worst_allowed.rank


def _g(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
