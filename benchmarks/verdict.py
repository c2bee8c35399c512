"""The article verdict measured: human MQM bands, DEMETR errors inside clean articles, synthetic wrecks.

    .venv/bin/python benchmarks/verdict.py [--variant rules|models] [--demetr-articles N] [--skip-demetr]

1. **WMT21 news, held-back documents.** The readings of every (system, document) article of the judge's
   ``test`` documents (``python -m mtcheck.training.train_verdict read``, kept in
   ``src/mtcheck/training/data/verdict-readings-VARIANT.jsonl``; never fitted on): the document-level Kendall tau
   of the verdict's estimate, quality v3 and chrF against the raters' penalty per 100 words, the confusion
   table of verdict against human band (training.verdict_fit), the share of worst-band articles that pass
   and of best-band articles that fail (targets: at most 5% each).
2. **DEMETR critical errors inside clean articles.** For each critical perturbation, articles of
   ``ARTICLE_SENTENCES`` consecutive items (their English references as the source), once with the middle
   item's perturbed translation and once with its clean one: the share of perturbed articles that get
   review or fail (target: at least 90%) and of clean ones that pass. The other sentences are either
   copies of their sources (the article is clean but for one translated sentence) or DEMETR's clean
   machine translations (paraphrases of their references throughout, as a real translation is).
3. **Synthetic wrecks** of the test fixture article and of the seed (tests/wrecks.py): each verdict, the
   seconds it took (whole pipeline, in this process) and its first reason (target: every wreck fails, with
   a critical finding naming it).

DEMETR from ``MTCHECK_DATA`` (benchmarks/data_sets.py), read only by part 2. Output: markdown on stdout.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from mtcheck.config import Config  # noqa: E402
from mtcheck.gate.article import ArticleFacts, decide, verdict_cuts  # noqa: E402
from mtcheck.training.article_data import ArticleReading, load_readings  # noqa: E402
from mtcheck.grade.judge.model import ESTIMATE_INPUTS  # noqa: E402
from mtcheck.training.train_verdict import readings_path  # noqa: E402
from mtcheck.training.verdict_fit import band  # noqa: E402

ARTICLE_SENTENCES = 7
BANDS = ("best", "middle", "worst")
VERDICTS = ("pass", "review", "fail")


def reading_verdict(reading: ArticleReading, config: Config, models: bool) -> str:
    facts = ArticleFacts({name: getattr(reading, name) for name in ESTIMATE_INPUTS}, reading.source_coverage,
                         reading.target_coverage, ("a critical finding",) * reading.critical,
                         ("a major finding",) * reading.major)
    return decide(facts, config, verdict_cuts(config, models)).verdict.value


def wmt_section(variant: str) -> list[str]:
    from scipy.stats import kendalltau

    from mtcheck.grade.judge.model import VerdictCuts

    config = Config()
    models = variant == "models"
    cuts: VerdictCuts = verdict_cuts(config, models)
    readings = [r for r in load_readings(readings_path(variant)) if r.split == "test"]
    human = [-r.human_per_100_words for r in readings]
    lines = [f"## WMT21 news, test documents ({variant}): {len(readings)} articles "
             f"({len({r.doc for r in readings})} documents x {len({r.system for r in readings})} systems)", ""]
    lines += ["| article score | document Kendall tau vs human MQM per 100 words |", "|---|---:|"]
    estimate = [-cuts.estimate({name: getattr(r, name) for name in ESTIMATE_INPUTS}) for r in readings]
    for name, values in (("verdict estimate (penalty per 100 words)", estimate),
                         ("quality v3", [r.quality for r in readings]), ("chrF", [r.chrf for r in readings]),
                         ("expected penalty", [-r.expected_penalty for r in readings])):
        lines.append(f"| {name} | {kendalltau(values, human)[0]:.3f} |")
    table = Counter((band(r.human_per_100_words), reading_verdict(r, config, models)) for r in readings)
    lines += ["", "| human band \\ verdict | " + " | ".join(VERDICTS) + " | articles |",
              "|---|" + "---:|" * (len(VERDICTS) + 1)]
    for name in BANDS:
        total = sum(table[(name, v)] for v in VERDICTS)
        lines.append(f"| {name} | " + " | ".join(str(table[(name, v)]) for v in VERDICTS) + f" | {total} |")
    worst = sum(table[("worst", v)] for v in VERDICTS)
    best = sum(table[("best", v)] for v in VERDICTS)
    lines += ["", f"- worst-band articles that pass: {table[('worst', 'pass')]}/{worst} "
              f"= {_share(table[('worst', 'pass')], worst)} (target <= 5%)",
              f"- best-band articles that fail: {table[('best', 'fail')]}/{best} "
              f"= {_share(table[('best', 'fail')], best)} (target <= 5%)",
              f"- cut points: review above {cuts.review_penalty:g}, fail above {cuts.fail_penalty:g} "
              f"estimated penalty points per 100 words", ""]
    return lines


def demetr_section(config: Config, per_type: int, context: str) -> list[str]:
    """``context``: what the other sentences of an article are: ``copies`` (each its source sentence, so the
    article is clean but for the one translated sentence) or ``mt`` (DEMETR's clean machine translations,
    paraphrases of their references)."""
    import demetr

    from mtcheck.pipeline import compare_texts

    from mtcheck.report.build import build_report
    from mtcheck.types import Text

    items = demetr.load_demetr(per_type=None)  # DEMETR's folder under MTCHECK_DATA
    by_type: dict[str, list] = {}
    for item in items:
        if item.severity == "critical" and item.injection is not None:
            by_type.setdefault(item.perturbation, []).append(item)
    lines = [f"## DEMETR critical errors inside clean articles ({'models' if config.models else 'rules'}, "
             f"the other sentences: {'their sources copied' if context == 'copies' else 'clean MT'})", "",
             "| perturbation | articles | perturbed: review or fail | clean: pass |", "|---|---:|---:|---:|"]
    caught_all = clean_all = total_all = 0
    middle = ARTICLE_SENTENCES // 2
    for name, group in sorted(by_type.items()):
        caught = clean_pass = articles = 0
        for start in range(0, min(len(group), per_type * ARTICLE_SENTENCES) - ARTICLE_SENTENCES + 1,
                           ARTICLE_SENTENCES):
            members = group[start:start + ARTICLE_SENTENCES]
            source = "\n\n".join(item.source for item in members)
            verdicts = []
            for perturbed in (True, False):
                target = "\n\n".join(
                    (item.perturbed if perturbed else item.clean) if k == middle
                    else (item.source if context == "copies" else item.clean) for k, item in enumerate(members))
                document = compare_texts(Text(source), Text(target), config, doc_id="article")
                verdicts.append(build_report([document], config).gate.verdict.value)
            articles += 1
            caught += verdicts[0] != "pass"
            clean_pass += verdicts[1] == "pass"
        caught_all, clean_all, total_all = caught_all + caught, clean_all + clean_pass, total_all + articles
        lines.append(f"| {name} | {articles} | {_share(caught, articles)} | {_share(clean_pass, articles)} |")
    lines.append(f"| **all** | {total_all} | **{_share(caught_all, total_all)}** | **{_share(clean_all, total_all)}** |")
    return lines + [""]


def wrecks_section(config: Config, name: str, source_path: Path, target_path: Path) -> list[str]:
    import wrecks

    from mtcheck.pipeline import compare_texts

    from mtcheck.report.build import build_report
    from mtcheck.types import Text

    source = source_path.read_text(encoding="utf-8")
    target = target_path.read_text(encoding="utf-8")
    lines = [f"## Synthetic wrecks of {name} ({'models' if config.models else 'rules'})", "",
             "| wreck | verdict | seconds | first reason |", "|---|---|---:|---|"]
    made = {"reversed": wrecks.reversed_order(target), "shuffled": wrecks.shuffled(target),
            "every sentence doubled": wrecks.duplicated_each(target),
            "one sentence x 200,000": wrecks.one_sentence_repeated(target, 200_000),
            "truncated to half": wrecks.truncated_half(target), "another article": wrecks.other_article(),
            "identical (not a wreck)": source}
    for wreck, wrecked in made.items():
        started = time.perf_counter()
        document = compare_texts(Text(source), Text(wrecked), config, doc_id=wreck)
        gate = build_report([document], config).gate
        seconds = time.perf_counter() - started
        reason = gate.reasons[0].replace("|", "\\|")[:110] if gate.reasons else ""
        lines.append(f"| {wreck} | {gate.verdict.value} | {seconds:.1f} | {reason} |")
    return lines + [""]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=("rules", "models"), default="rules")
    parser.add_argument("--demetr-articles", type=int, default=10, help="articles per perturbation (default 10)")
    parser.add_argument("--skip-demetr", action="store_true")
    parser.add_argument("--context", choices=("copies", "mt", "both"), default="both",
                        help="the DEMETR articles' other sentences: their sources copied, clean MT, or both tables")
    parser.add_argument("--skip-wrecks", action="store_true")
    args = parser.parse_args()
    config = Config(models=args.variant == "models")
    lines = wmt_section(args.variant)
    if not args.skip_wrecks:
        for name, folder, source, target in (("the test fixture", "tests/fixtures", "article.source.txt",
                                              "article.target.txt"),
                                             ("the seed", "corpora/seed", "source.en.txt", "target.txt")):
            lines += wrecks_section(config, name, ROOT / folder / source, ROOT / folder / target)
    if not args.skip_demetr:
        for context in ("copies", "mt") if args.context == "both" else (args.context,):
            lines += demetr_section(config, args.demetr_articles, context)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
