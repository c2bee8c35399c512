"""Building the report: finished documents (stable ids, fingerprints, the models' signature), editors' verdicts
marked, each article and the run gated, and the signature that says how the report was made."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from mtcheck import __version__
from mtcheck.align import AlignParams
from mtcheck.config import Config
from mtcheck.gate.article import combined, document_gate, verdict_signature
from mtcheck.grade.judge import judge_model, learned_selected, selected_checks
from mtcheck.grade.judge.judging import CHECK as LEARNED_CHECK
from mtcheck.grade.judge.judging import DEFAULT_CATEGORY as LEARNED_CATEGORY
from mtcheck.grade.judge.judging import SUMMARY as LEARNED_SUMMARY
from mtcheck.handover import Handover
from mtcheck.metrics import sacrebleu_signature
from mtcheck.params import changed, shown_value
from mtcheck.report.finding_ids import stable_ids
from mtcheck.report.verdicts import Verdict, fingerprint, latest_verdicts, with_verdicts
from mtcheck.segment import SEGMENTER_VERSION
from mtcheck.types import CheckInfo, Document, Finding, Report, Severity

ALIGN_PARAMS = AlignParams()
ALIGN_PARAMS_WITH_EMBEDDINGS = AlignParams(embedding_weight=1.0)


def build_report(documents: Sequence[Document] | Handover[list[Document]], config: Config, *,
                 pre_aligned: bool = False, verdicts: Sequence[Verdict] = ()) -> Report:
    """The report of graded documents; their raw model signals stay behind, their signature goes in.
    ``verdicts``: editors' (mtcheck.report.verdicts), marked on the findings they name before the gate counts.
    A ``Handover`` of the list is emptied as each document is finished, so that a big article's graded
    findings go as their finished copies are made (17 MB at 10 MB)."""
    if isinstance(documents, Handover):
        given = documents.take()
        given.reverse()  # popped from the end, in order: no name here holds one while it is finished
        done = [finished(given.pop()) for _ in range(len(given))]
    else:
        done = [finished(d) for d in documents]
    return report_of(done, config, pre_aligned=pre_aligned, verdicts=verdicts)


def finished(document: Document) -> Document:
    """A graded document as reports keep it (and a batch stores it): stable finding ids and fingerprints,
    the models' signature instead of their raw outputs. Verdicts and gates are not in it: they change
    without the article being checked again."""
    findings = list(document.findings)
    models = document.signals.models if document.signals is not None else document.models
    # This frame lets the graded document go before the copies are made: where the caller handed over
    # its only reference (build_report, a batch worker), each graded finding goes as its copy is made.
    document = replace(document, findings=(), signals=None, models=models)
    return replace(document, findings=identified(document, findings))


def identified(document: Document, findings: list[Finding] | None = None) -> tuple[Finding, ...]:
    """The document's findings (or ``findings``, a list of them given up to this function) with their
    stable ids and fingerprints, each copied once (a big article's findings are some 100,000: a copy per
    field held three generations of them at the memory peak). ``findings`` is rewritten in place, so
    each finding the list alone held goes as its copy is made."""
    findings = list(document.findings) if findings is None else findings
    for k, id in enumerate(stable_ids(document.id, findings)):  # reads finding k before it is replaced
        findings[k] = replace(findings[k], id=id, fingerprint=fingerprint(findings[k], document))
    return tuple(findings)


def report_of(documents: Sequence[Document], config: Config, *, pre_aligned: bool = False,
              verdicts: Sequence[Verdict] = ()) -> Report:
    """The report of ``finished`` documents: editors' verdicts marked, each document gated and all of them."""
    standing = latest_verdicts(verdicts)
    documents = tuple(replace(d, findings=with_verdicts(d.findings, standing)) for d in documents)
    models = next((d.models for d in documents if d.models is not None), None)
    gates = tuple(document_gate(d, config) for d in documents)
    return Report(documents, signature(pre_aligned, models, config), combined(documents, gates), gates,
                  checks=check_infos(config))


def expected_signature(config: Config) -> str:
    """The signature a report of articles checked under ``config`` will have, known before any model loads."""
    from mtcheck.models.signals import models_signature

    return signature(False, models_signature(config.model_engine()) if config.models else None, config)


def check_infos(config: Config) -> tuple[CheckInfo, ...]:
    """The checks ``config`` runs, described (the learned layer's own findings last, when it lists any)."""
    infos = [CheckInfo(check.name, check.category, check.severity, check.summary())
             for check in selected_checks(config)]
    if judge_model(config) is not None and learned_selected(config):
        infos.append(CheckInfo(LEARNED_CHECK, LEARNED_CATEGORY, Severity.MINOR, LEARNED_SUMMARY))
    return tuple(infos)


def signature(pre_aligned: bool = False, models: str | None = None, config: Config | None = None) -> str:
    seg = "given" if pre_aligned else SEGMENTER_VERSION
    params = ALIGN_PARAMS_WITH_EMBEDDINGS if models else ALIGN_PARAMS
    aligner = "given" if pre_aligned else params.signature()
    return (
        f"mtcheck:{__version__}|seg:{seg}|align:{aligner}|{models or 'lm:none|emb:none'}"
        f"|chrf:{sacrebleu_signature()}{_judge_signature(config)}"
        f"{verdict_signature(config, models is not None) if config else ''}{_params_signature(config)}"
    )


def _judge_signature(config: Config | None) -> str:
    """``|judge:NAME@HASH|op:POINT`` (or ``|min-conf:X``): which learned layer, and what it lists."""
    model = judge_model(config) if config else None
    if model is None:
        return ""
    listing = f"min-conf:{config.min_confidence:g}" if config.min_confidence is not None else f"op:{config.operating_point}"
    return f"|{model.signature}|{listing}"


def _params_signature(config: Config | None) -> str:
    """``|params:NAME.param=VALUE,...`` for every parameter off its default; nothing when none is."""
    changes = [
        f"{name}.{param}={shown_value(value)}"
        for name, params in (config.check_params if config else ())
        for param, value in changed(params).items()
    ]
    return f"|params:{','.join(changes)}" if changes else ""
