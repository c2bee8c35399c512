"""The judge step of grading: every finding's confidence measured, and the words only the learned layer finds.

After detect, for each aligned pair:

1. each target word gets the probability that a rater marks it as part of an
   error (judge.word_features, judge.model);
2. each finding of a check the training data measured gets, as its
   confidence, the probability that a rater marks an error where it is: a
   function of its check and of the word probabilities under its span. A
   check the data never saw often enough keeps its own confidence, and its
   evidence says so;
3. runs of words whose probability reaches the lowest operating point, and
   that no finding covers, become ``word-error`` findings: a word that stands
   for a different source word is a mistranslation, one with nothing opposite
   an addition.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Iterable, Iterator, Sequence

from mtcheck.align.word_links import LinkKind
from mtcheck.grade.judge.model import PRIOR_SEGMENTS, CheckRate, JudgeModel, Variant, logit, newsroom_features, sigmoid
from mtcheck.grade.quality_v3 import PairWordStats, WordStats
from mtcheck.grade.judge.word_features import WordRow, document_rows
from mtcheck.grade.merging import by_pair
from mtcheck.types import Finding, Severity, Span
from mtcheck.views import DocumentView

CHECK = "word-error"
SUMMARY = ("The learned layer: words a model fitted on human MQM spans calls errors, where no surer finding "
           "covers them (\"colossal information\" for *big data*).")
NEEDS = frozenset({"word_alignments"})
CATEGORIES = {
    LinkKind.STANDS_FOR: "Accuracy/Mistranslation",
    LinkKind.NONE: "Accuracy/Addition",
}
DEFAULT_CATEGORY = "Fluency/Grammar"


def finding_features(finding: Finding, probabilities: Sequence[float]) -> dict[str, float]:
    """What the finding model reads: the checks that found it, the rule that fired, its severity, and the word
    probabilities under it."""
    features = {f"check:{check}": 1.0 for check in (finding.check, *finding.also)}
    features[f"severity:{finding.severity.value}"] = 1.0
    rule = dict(finding.evidence).get("rule")
    if isinstance(rule, str):  # which of its rules fired: a check's rules differ in precision
        features[f"rule:{finding.check}:{rule}"] = 1.0
    if finding.target_span is None:
        features["no_target_span"] = 1.0
    if probabilities:
        features["word_logit_max"] = logit(max(probabilities))
        features["word_logit_mean"] = logit(sum(probabilities) / len(probabilities))
        features["span_words"] = math.log1p(len(probabilities))
    return features


def under(finding: Finding, rows: Sequence[WordRow], probabilities: Sequence[float]) -> list[float]:
    """The probabilities of the words a finding's target span covers; all the pair's for one without."""
    span = finding.target_span
    if span is None:
        return list(probabilities)
    return [p for row, p in zip(rows, probabilities) if row.start < span.end and row.end > span.start]


# Word rows held at once (about 2.5 MB of features); the forest reads them in its own chunks, so a pass
# this big costs no more time than a bigger one.
WORDS_PER_PASS = 512


def _in_batches(pairs: Iterable[list[WordRow]], words: int) -> Iterator[list[list[WordRow]]]:
    """Non-empty pairs' rows, grouped in order until a group holds at least ``words`` rows."""
    batch: list[list[WordRow]] = []
    size = 0
    for rows in pairs:
        if rows:
            batch.append(rows)
            size += len(rows)
        if size >= words:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def judged(view: DocumentView, findings: Iterable[Finding], model: JudgeModel, *,
           learned: bool = True) -> tuple[list[Finding], PairWordStats]:
    """``findings`` with measured confidences, plus the learned layer's own, in pair order; and
    each aligned pair's word probabilities, summed up for quality v3.

    ``findings`` is read once. Each pair's are let go as their measured copies are made, so a caller
    that hands over its only reference (an iterator) never holds two copies of a big article's findings:
    on a 10 MB article they are some 100,000."""
    models = view.document.signals is not None
    variant = model.variant(models)
    floor = min(variant.operating_points.values())
    pending = by_pair(findings)
    del findings
    out: list[Finding] = list(pending.pop(None, ()))
    stats = PairWordStats(len(view.document.pairs))
    # A pair whose target is its source word for word has nothing mistranslated for the word layer to find.
    copies = {pair_view.pair.index for pair_view in view.aligned if pair_view.target.text == pair_view.source.text}

    # Pairs go through the forest some 500 words at a time: one pass per pair costs a walk of the
    # trees each, and all of a big article's rows at once would hold every word's features in memory.
    # A pair's rows are made (reading its findings) before its findings are taken from ``pending``.
    for batch in _in_batches(document_rows(view, pending), WORDS_PER_PASS):
        every = variant.word_probabilities([row.features for rows in batch for row in rows])
        offset = 0
        for rows in batch:
            pair = rows[0].pair
            probabilities, offset = every[offset : offset + len(rows)], offset + len(rows)
            stats[pair] = WordStats.of(probabilities)
            mine = [with_word_evidence(measured(f, variant, under(f, rows, probabilities)), rows)
                    for f in pending.pop(pair, [])]
            out.extend(mine)
            if learned and pair not in copies:
                out.extend(word_findings(view.document.target.text, rows, probabilities, mine, floor))
    for rest in pending.values():  # pairs with an empty side: nothing to measure against
        out.extend(rest)
    return out, stats


def measured(finding: Finding, variant: Variant, probabilities: Sequence[float]) -> Finding:
    """The finding with its measured confidence, or its own where the data never saw its check often enough;
    then, where the judge file has one, a newsroom's recalibration of either."""
    checks = (finding.check, *finding.also)
    rates = [variant.checks.get(check) for check in checks]
    confidence, basis = finding.confidence, "asserted"
    if any(rate is not None and rate.measured for rate in rates):
        confidence, basis = variant.finding_probability(finding_features(finding, probabilities)), "measured"
    elif seen := [rate for rate in rates if rate is not None and rate.segments > 0]:
        confidence, basis = shrunk(confidence, seen), "asserted+shrunk"
    if variant.newsroom is not None:
        confidence, basis = sigmoid(variant.newsroom.logit(newsroom_features(checks, confidence))), f"{basis}+newsroom"
    # One shared item per basis: a big article has 100,000 findings and a handful of bases.
    basis_item = _BASIS_ITEMS.get(basis) or ("confidence_basis", basis)
    return replace(finding, confidence=round(confidence, 4), evidence=(*finding.evidence, basis_item))


_BASIS_ITEMS = {  # a constant table, not a cache: the bases are these six
    basis: ("confidence_basis", basis)
    for own in ("asserted", "measured", "asserted+shrunk") for basis in (own, f"{own}+newsroom")
}


def shrunk(asserted: float, rates: Sequence[CheckRate]) -> float:
    """A check's own confidence moved toward the rate at which raters confirmed it in the few segments it
    fired in, as if the asserted value were ``PRIOR_SEGMENTS`` segments' worth of evidence. Counted in
    segments, not findings: on the fit documents, 13 of pronouns' 20 gender changes came from one segment
    whose reference itself had the wrong pronoun (the 14 translations had the right one), and counted as
    findings they made a rate of 0.09 that the calibrate documents (0.52) and DEMETR's swapped pronouns
    (14 of 15) contradict."""
    seen = sum(rate.segments for rate in rates)
    confirmed = sum(rate.segments * rate.confirmed for rate in rates)
    return (confirmed + PRIOR_SEGMENTS * asserted) / (seen + PRIOR_SEGMENTS)


def with_word_evidence(finding: Finding, rows: Sequence[WordRow]) -> Finding:
    """A finding on words that stand for other source words, with those words and their contrast in bits."""
    span = finding.target_span
    if span is None:
        return finding
    inside = [row for row in rows if row.start < span.end and row.end > span.start and row.link is LinkKind.STANDS_FOR]
    evidence = dict(finding.evidence)
    added = []
    counterparts = tuple(row.counterpart for row in inside if row.counterpart)
    if counterparts and "source_words" not in evidence:
        added.append(("source_words", counterparts))
    contrasts = [row.features["contrast"] * 10.0 for row in inside if "contrast" in row.features]
    if contrasts and "contrast_bits" not in evidence:
        added.append(("contrast_bits", round(max(contrasts), 2)))
    return replace(finding, evidence=(*finding.evidence, *added)) if added else finding


def word_findings(text: str, rows: Sequence[WordRow], probabilities: Sequence[float], findings: Iterable[Finding],
                  floor: float) -> list[Finding]:
    """The learned layer's findings on one pair: runs of words at or above ``floor`` that no surer finding covers."""
    # A word a finding at least as sure already covers needs no second finding: so a
    # character is flagged at a threshold exactly when the larger of the two reaches it.
    covered = [(f.target_span.start, f.target_span.end, f.confidence) for f in findings if f.target_span is not None]
    runs: list[list[int]] = []
    for k, (row, p) in enumerate(zip(rows, probabilities)):
        # A word spelt as its source word is flagged too: raters mark phrases, and the phrase a
        # mistranslation spoils often keeps a word of the source's ("the" in "the Ministry" for *the
        # Pentagon*). Its probability is what the operating points were chosen on; leaving such words
        # out cost 0.03 of character MCC on the held-back news documents (0.261 -> 0.233).
        if p < floor or any(a < row.end and b > row.start and c >= p for a, b, c in covered):
            continue
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return [_word_finding(text, [rows[k] for k in run], [probabilities[k] for k in run]) for run in runs]


def _word_finding(text: str, rows: Sequence[WordRow], probabilities: Sequence[float]) -> Finding:
    strongest = max(range(len(rows)), key=lambda k: probabilities[k])
    row = rows[strongest]
    span = Span.of(text, rows[0].start, rows[-1].end)
    counterparts = tuple(r.counterpart for r in rows if r.counterpart and r.link is LinkKind.STANDS_FOR)
    category = CATEGORIES.get(row.link, DEFAULT_CATEGORY)
    if row.link is LinkKind.STANDS_FOR and counterparts:
        message = f"'{span.text}' may not mean '{' '.join(counterparts)}' in the source"
    elif row.link is LinkKind.NONE:
        message = f"'{span.text}' has nothing opposite in the source"
    else:
        message = f"'{span.text}' reads like an error here"
    evidence = {"word_probability": round(probabilities[strongest], 4), "link": row.link.value}
    if counterparts:
        evidence["source_words"] = counterparts
    for name, key in (("bits", "bits"), ("bits_given", "bits_given_source"), ("contrast", "contrast_bits")):
        if name in row.features:
            evidence[key] = round(row.features[name] * 10.0, 2)
    return Finding(
        check=CHECK, category=category, severity=Severity.MINOR, pair=row.pair, target_span=span,
        source_span=None, message=message, confidence=round(max(probabilities), 4),
        evidence=tuple((key, value) for key, value in evidence.items()),
    )
