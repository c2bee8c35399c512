"""What the judge knows of each target word: the numbers its learned error probability is computed from.

One row per word of every pair with text on both sides. The features are
general, never the word itself, so that what is learned from one newsroom's
vocabulary carries over to another's:

- how the word is linked to the source (analyses.word_links) and how alike
  it is to the word it stands for;
- how common it and that word are (english.frequency: wordfreq's Zipf scale);
- casing and place in the pair;
- the pair's chrF, length ratio and share of unlinked words;
- with the models: the word's surprisal read alone and once the source is
  read, its contrast with the source word it stands for (models.contrast),
  and the pair's embedding similarity;
- which rule checks flagged the word;
- the same few facts of the words on either side, and the length of the
  unlinked run the word is in: a rater marks a mistranslated phrase, not a
  word, so a word's neighbours say much about it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, Mapping, Sequence

from rapidfuzz.distance import Indel

from mtcheck.align.word_links import LinkKind
from mtcheck.english.frequency import zipf
from mtcheck.types import Finding, Surprisals
from mtcheck.views import DocumentView, PairView

LINK_FEATURES = tuple(f"link:{kind.value}" for kind in LinkKind)
TEXT_FEATURES = (
    *LINK_FEATURES,
    "content", "number", "zipf", "counterpart_zipf", "spelling_likeness",
    "capital_inside", "all_caps", "opens", "position", "pair_words",
    "pair_chrf", "length_ratio", "pair_unlinked", "source_unlinked", "neighbour_unlinked",
)
MODEL_FEATURES = ("bits", "max_bits", "bits_given", "bits_saved", "similarity", "contrast", "contrast_against")
# What a word tells of its neighbours (read as "prev:<name>" and "next:<name>").
NEIGHBOUR_TEXT = ("link:none", "link:stands-for", "content", "zipf", "capital_inside", "spelling_likeness")
NEIGHBOUR_MODEL = ("bits", "bits_given", "bits_saved", "contrast_against")


def is_model_feature(name: str) -> bool:
    """Whether a feature comes from the models (a neighbour's included)."""
    return name.rpartition(":")[2] in MODEL_FEATURES


def fired_feature(check: str) -> str:
    return f"fired:{check}"


@dataclass(frozen=True, slots=True)
class WordRow:
    """One target word: where it is (document offsets), what it stands for, and its features."""

    pair: int
    start: int
    end: int
    link: LinkKind
    counterpart: str | None  # the source word it stands for
    features: dict[str, float]


def pair_rows(view: DocumentView, pair_view: PairView, findings: Sequence[Finding]) -> list[WordRow]:
    """The rows of one aligned pair's target words; ``findings`` are the pair's."""
    alignment = view.analyses.get("word_alignments").of(pair_view)
    links = alignment.links
    target, source = alignment.target, alignment.source
    if not target:
        return []
    offset = pair_view.target.start
    scores = pair_view.pair.scores
    document = view.document
    signals = document.signals
    alone = _tokens(signals.target_surprisals, pair_view.pair.target) if signals else None
    given = _tokens(signals.target_given_source, pair_view.pair.target) if signals and signals.target_given_source else None
    contrasts = dict(_tokens(signals.target_contrasts, pair_view.pair.target)) if signals and signals.target_contrasts else {}
    unlinked = [kind is LinkKind.NONE for kind in links.kinds]
    source_content = [i for i, token in enumerate(source) if token.content]
    pair_features = {
        "pair_words": math.log1p(len(target)),
        "pair_chrf": (scores.chrf if scores else 0.0) / 100.0,
        "length_ratio": math.log((len(pair_view.target.text) + 1) / (len(pair_view.source.text) + 1)),
        "pair_unlinked": sum(unlinked) / len(target),
        "source_unlinked": (sum(not links.source_linked[i] for i in source_content) / len(source_content))
        if source_content else 0.0,
    }
    if signals is not None:
        pair_features["similarity"] = (scores.similarity if scores and scores.similarity is not None else 0.0)
    flagged = [(f.target_span.start, f.target_span.end, (f.check, *f.also)) for f in findings if f.target_span]
    rows = []
    for j, token in enumerate(target):
        word = token.word
        start, end = offset + word.start, offset + word.end
        counterpart_index = links.counterpart(j)
        counterpart = source[counterpart_index].word.text if counterpart_index is not None else None
        features = dict(pair_features)
        features[f"link:{links.kinds[j].value}"] = 1.0
        features.update({
            "content": float(token.content),
            "number": float(bool(token.keys) and token.keys[0].startswith("#")),
            "zipf": zipf(word.lower) / 8.0,
            "counterpart_zipf": zipf(counterpart.lower()) / 8.0 if counterpart else 0.0,
            "spelling_likeness": Indel.normalized_similarity(word.lower, counterpart.lower()) if counterpart else 0.0,
            "capital_inside": float(word.capitalised and not word.opens),
            "all_caps": float(len(word.text) > 1 and word.text.isupper()),
            "opens": float(word.opens),
            "position": j / max(len(target) - 1, 1),
            "neighbour_unlinked": float(any(unlinked[max(j - 1, 0) : j + 2]) and not unlinked[j]),
        })
        if alone is not None:
            bits = _word_bits(alone, start, end)
            features["bits"] = sum(bits) / 10.0
            features["max_bits"] = max(bits, default=0.0) / 10.0
            if given is not None:
                given_bits = sum(_word_bits(given, start, end))
                features["bits_given"] = given_bits / 10.0
                features["bits_saved"] = (sum(bits) - given_bits) / 10.0
        if start in contrasts:
            features["contrast"] = contrasts[start] / 10.0
            features["contrast_against"] = max(contrasts[start], 0.0) / 10.0
        for check in _checks_over(flagged, start, end):
            features[fired_feature(check)] = 1.0
        rows.append(WordRow(pair_view.pair.index, start, end, links.kinds[j], counterpart, features))
    with_neighbours([row.features for row in rows], unlinked)
    return rows


def with_neighbours(features: list[dict[str, float]], unlinked: Sequence[bool]) -> None:
    """Add to each word's features its neighbours' (``prev:``/``next:``, ``*:edge`` at the pair's ends) and
    the length of the run of unlinked words it is in. In place: the rows are the pair's, being built."""
    own = [dict(row) for row in features]  # the neighbours' own facts, before any neighbour's were added
    for j, row in enumerate(features):
        for step, side in ((-1, "prev"), (1, "next")):
            k = j + step
            if not 0 <= k < len(own):
                row[f"{side}:edge"] = 1.0
                continue
            row.update({f"{side}:{name}": own[k][name] for name in (*NEIGHBOUR_TEXT, *NEIGHBOUR_MODEL) if name in own[k]})
        row["unlinked_run"] = math.log1p(_run_length(unlinked, j)) if unlinked[j] else 0.0


def _run_length(flags: Sequence[bool], j: int) -> int:
    start, end = j, j + 1
    while start > 0 and flags[start - 1]:
        start -= 1
    while end < len(flags) and flags[end]:
        end += 1
    return end - start


def document_rows(view: DocumentView, findings: Mapping[int | None, Sequence[Finding]]) -> Iterator[list[WordRow]]:
    """Each aligned pair's rows, pair by pair (a big article's rows are never all held at once); ``findings``
    by pair (``merging.by_pair``), read as each pair's rows are made."""
    for pair_view in view.aligned:
        yield pair_rows(view, pair_view, findings.get(pair_view.pair.index, ()))


def _tokens(per_segment: Sequence[tuple], segments: Sequence[int]) -> list[tuple]:
    return [token for index in segments for token in per_segment[index]]


def _word_bits(tokens: list[tuple[int, int, float]], start: int, end: int) -> list[float]:
    """Bits of the tokens that overlap a word's characters (a token carries its leading space)."""
    return [bits for a, b, bits in tokens if a < end and b > start]


def _checks_over(flagged, start: int, end: int) -> set[str]:
    return {check for a, b, checks in flagged if a < end and b > start for check in checks}
