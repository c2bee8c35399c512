"""The whole document's verdict: is the translation in English at all?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from mtcheck.checks.base import Check
from mtcheck.views import DocumentView
from mtcheck.segment.language import LanguageIdParams, LanguageProfile, identify
from mtcheck.params import param
from mtcheck.types import Finding, Severity, Span


@dataclass(frozen=True)
class TargetLanguageParams(LanguageIdParams):
    # The judgement's own thresholds come first (language.LanguageIdParams).
    # A quarter of the article left in another language is no publishable
    # translation, however good the rest; fewer foreign sentences are the
    # `untranslated` check's, one by one. On English articles (DEMETR, TED, WMT21
    # news, the seed) the share stays at 0% (benchmarks/language_id.py).
    foreign_share: float = param(
        0.25, "share of the translation in another language, beyond the source's, that is reported"
    )
    # Above it the message names the language of the whole translation, below it
    # the share and the passages.
    whole_language_share: float = param(0.5, "foreign share above which the message calls the translation foreign")
    passages_named: int = param(4, "foreign passages whose line ranges the message lists")
    source_share_named: float = param(0.05, "foreign share of the source from which the message mentions it")


class TargetLanguageCheck(Check):
    """The translation, or a quarter or more of it, is not in English.

    Example: a "translation" that is the German text itself ("Die Milizen
    sind tief in der irakischen Gesellschaft verwurzelt. …"), a Chinese
    article, or an English article with four of its ten paragraphs left in
    German. One critical finding per document. Its span is the first foreign
    passage (all of the target when all of it is foreign; in a text too long
    to read whole, the first sampled window): contiguous, so it slices the
    text, and where an editor starts; the message says how much is foreign and
    on which lines the other passages lie. Foreign passages the English source
    has too (a quoted poem) do not count.
    """

    name = "target-language"
    # Untranslated, not Mistranslation (docs/report-format.md, Findings): the
    # text was not translated into English, not translated wrongly.
    category = "Accuracy/Untranslated"
    severity = Severity.CRITICAL
    Params = TargetLanguageParams

    def run(self, doc: DocumentView) -> Iterator[Finding]:
        p = self.params
        document = doc.document
        if document.target.text == document.source.text:
            return  # a copy explains itself, whatever its language
        target = identify(document.target.text, document.target_segments, ignore_below=p.foreign_share, params=p)
        share = target.foreign_share
        if share < p.foreign_share or target.main_foreign is None:
            return
        baseline = 0.0
        if document.source.lang == "en":
            # Only what the source explains is subtracted: a German source
            # (--allow-non-english-source) explains no German in the target.
            source = identify(
                document.source.text, document.source_segments, ignore_below=share - p.foreign_share, params=p
            )
            baseline = source.foreign_share
        if share - baseline < p.foreign_share:
            return
        passages = target.passages()
        start, end = passages[0]
        language, code = target.main_foreign
        yield Finding(
            check=self.name,
            category=self.category,
            severity=self.severity,
            pair=None,  # a verdict on the document, not on one pair
            target_span=Span.of(document.target.text, start, end),
            source_span=None,
            message=_message(document.target.text, target, passages, baseline, p),
            confidence=0.95,
            evidence=self.evidence({
                "language": language, "language_code": code, "foreign_share": round(float(share), 4),
                "source_foreign_share": round(float(baseline), 4), "passages": len(passages), "sampled": target.sampled,
            }),  # fmt: skip
        )


def _message(
    text: str, profile: LanguageProfile, passages: list[tuple[int, int]], baseline: float, p: TargetLanguageParams
) -> str:
    language = profile.main_foreign[0]
    share = profile.foreign_share
    of = "the sampled text" if profile.sampled else "its text"
    if share > p.whole_language_share:
        message = f"the translation is in {language}, not English ({share:.0%} of {of})"
    else:
        message = f"{share:.0%} of the translation is in {language}, not English"
        lines = [_line_range(text, start, end) for start, end in passages[: p.passages_named]]
        more = len(passages) - p.passages_named
        where = ", ".join(lines) + (f" and {more} more" if more > 0 else "")
        message += f", in {len(passages)} passage{'s' if len(passages) > 1 else ''} ({where}); the first is marked"
    if baseline >= p.source_share_named:
        message += f"; the source has {baseline:.0%} foreign text"
    return message


def _line_range(text: str, start: int, end: int) -> str:
    first = text.count("\n", 0, start) + 1
    last = first + text.count("\n", start, end)
    return f"line {first}" if first == last else f"lines {first}-{last}"
