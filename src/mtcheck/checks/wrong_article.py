"""A target that translates another article: next to nothing on either side has a counterpart on the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from mtcheck.views import DocumentView
from mtcheck.checks.structural import MatchParams, StructuralCheck, matched, mutual, segment_bounds, share
from mtcheck.segment.folding import folds
from mtcheck.segment.language import LanguageIdParams, identify
from mtcheck.params import param
from mtcheck.types import Finding


@dataclass(frozen=True)
class WrongArticleParams(MatchParams):
    # "Coverage near zero on both sides": another article's text aligns with nothing (0% on all of
    # tests/wrecks.py's other articles); the least covered WMT21 news translation has 10.5%.
    aligned_coverage: float = param(0.05, "aligned coverage of each side under which the target may be another text")
    # Reversed and shuffled targets align with nothing either, but their sentences match in any order.
    # On the WMT21 news articles at least 33% of the target's sentences match a source sentence both
    # ways; another article's, at most 20%.
    matched_share: float = param(
        0.25, "share of each side's sentences with a counterpart in any order under which the target is another text"
    )
    min_sentences: int = param(3, "sentences of at least min_chars each side needs to be judged")
    # Foreign text matches no English source either: that is the target-language check's finding.
    foreign_share: float = param(
        0.5, "share of the target in another language from which it is left to target-language"
    )
    distinct_share: float = param(
        0.5, "share of the target left once looped copies are folded under which it is left to mass-duplication"
    )


class WrongArticleCheck(StructuralCheck):
    """The target is another article's text: almost nothing of it aligns with the source, in order or out of it.

    Example: the seed article's source (corpora/seed) against a report on a
    harbour town's new library (tests/wrecks.py's other article): nothing
    aligns (0% of either side), and no target sentence and source sentence
    are each other's best match. A target in another language is
    target-language's; a loose translation still aligns some and matches most.
    """

    name = "wrong-article"
    category = "Accuracy/Mistranslation"
    Params = WrongArticleParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        structure = self.matched_structure(doc)
        p = self.params
        if structure is None or max(structure.target_coverage, structure.source_coverage) >= p.aligned_coverage:
            return
        document = doc.document
        folded = sum(fold.end - fold.start for fold in folds(document.target.text, document.target_segments))
        if structure.target_chars.sum() < p.distinct_share * (structure.target_chars.sum() + folded):
            return  # mostly copies folded away (mtcheck.segment.folding): a loop, mass-duplication's finding
        targets, sources = structure.target_matches, structure.source_matches
        pairs = int((matched(targets, structure.target_chars, p) & mutual(structure)).sum())
        target_long = int((structure.target_chars[targets.rows] >= p.min_chars).sum())
        source_long = int((structure.source_chars >= p.min_chars).sum())
        if min(target_long, source_long) < p.min_sentences:
            return
        target_share = share(pairs, target_long)
        # A big article's source is not matched back (analyses.structure): its target's sample speaks for both.
        scored = len(sources.rows) > 0
        source_share = share(pairs, int((structure.source_chars[sources.rows] >= p.min_chars).sum())) if scored \
            else target_share
        if max(target_share, source_share) >= p.matched_share:
            return
        foreign = identify(document.target.text, document.target_segments, ignore_below=p.foreign_share,
                           params=LanguageIdParams()).foreign_share
        if foreign >= p.foreign_share:
            return
        yield self.document_finding(
            doc,
            f"the target is another text, not a translation of this source: nothing aligns "
            f"({structure.target_coverage:.0%} of the target, {structure.source_coverage:.0%} of the source), "
            f"and {target_share:.0%} of the target's sentences match a source sentence in any order",
            segment_bounds(document.target_segments, 0),
            segment_bounds(document.source_segments, 0),
            {
                "aligned_target_coverage": round(structure.target_coverage, 4),
                "aligned_source_coverage": round(structure.source_coverage, 4),
                "coverage_threshold": p.aligned_coverage,
                "target_matched_share": round(target_share, 4), "source_matched_share": round(source_share, 4),
                "matched_threshold": p.matched_share, "foreign_share": round(float(foreign), 4),
            },
        )
