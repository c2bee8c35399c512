"""The markdown of benchmarks/results.md, rendered from the results dict that checks_eval.py measures.

``render(results)`` reads ``results["args"]`` (the parsed command line),
``"parts"``, ``"date"`` and whichever of ``"demetr"``, ``"ted"`` and
``"speed"`` were measured; it computes nothing itself.
"""

from __future__ import annotations

import sys

import demetr
from span_metrics import ALL_FLAGS, BASELINES, EVERYTHING, markdown_table, percent
from ted import TEST_DOCS

BASELINE_LABELS = dict(zip(BASELINES, ("word absent", "capitalised")))


def render(results: dict) -> str:
    lines = _header(results)
    if "demetr" in results:
        d = results["demetr"]
        lines += demetr.markdown(d["rows"], {BASELINE_LABELS[name]: rows for name, rows in d["baselines"].items()})
    if "demetr" in results or "ted" in results:
        lines += _targets(results)
    if "ted" in results:
        lines += _ted_section(results["ted"])
    if "demetr" in results or "ted" in results:
        lines += _check_section(results)
    if "speed" in results:
        lines += _speed_section(results["speed"])
    return "\n".join(lines).rstrip() + "\n"


def _header(results: dict) -> list[str]:
    args = results["args"]
    command = " ".join([".venv/bin/python", "benchmarks/checks_eval.py", *sys.argv[1:]])
    lines = ["# mtcheck checks: measured results", "",
             f"Written by `{command}` on {results['date']} (UTC); rerun it to regenerate this file.",
             f"Models: {'on' if args.models else 'off (--no-models)'}. Parts: {', '.join(results['parts'])}.", ""]
    signatures = dict.fromkeys(results[part]["signature"] for part in ("demetr", "ted") if part in results)
    lines += [f"- mtcheck signature: `{signature}`" for signature in signatures]
    if "demetr" in results:
        d = results["demetr"]
        lines.append(f"- DEMETR: the first {args.per_type} `pert_check` items of each of {len(d['rows'])} perturbation "
                     f"files ({sum(r.n + r.unchanged for r in d['rows'])} items), {d['clean']} distinct clean pairs; "
                     f"{d['pairs']} distinct pairs through mtcheck, each its own document.")
    if "ted" in results:
        t = results["ted"]
        lines.append(f"- TED: test split (talks {', '.join(sorted(TEST_DOCS))}): {t['items']} items, {t['segments']} "
                     f"segments{' (--limit)' if args.limit else ''}; one document per system and talk.")
    return lines


def _targets(results: dict) -> list[str]:
    lines = ["", "## Targets", ""]
    if "demetr" in results:
        d = results["demetr"]
        totals = {severity: (n, caught) for severity, n, caught, _ in demetr.class_totals(d["rows"])}
        for severity, goal in (("critical", 0.9), ("major", 0.7)):
            n, caught = totals.get(severity, (0, 0))
            met = "met" if n and caught / n >= goal else "not met"
            shown = percent(caught, n)
            lines.append(f"- DEMETR detection on {severity} perturbations ≥ {goal:.0%}: {shown} — **{met}**")
        rate = d["clean_flagged"] / d["clean"] if d["clean"] else 1.0
        baselines = ", ".join(f"{BASELINE_LABELS[name]} {percent(count, d['clean'])}"
                              for name, count in d["baseline_clean_flagged"].items())
        lines.append(f"- False positives on clean `mt_sent` ≤ 5%: {percent(d['clean_flagged'], d['clean'])} of "
                     f"{d['clean']} distinct clean pairs (baselines: {baselines}) — "
                     f"**{'met' if rate <= 0.05 else 'not met'}**")
    if "ted" in results:
        systems = results["ted"]["scores"].systems
        ours, best = systems[ALL_FLAGS].mcc, max(systems[name].mcc for name in BASELINES)
        met = ours >= 2 * best and ours >= best + 0.05
        lines.append(f"- TED span MCC well above the naive rules (here: at least twice the better baseline and "
                     f"0.05 above it): {ours:.3f} against {best:.3f} — **{'met' if met else 'not met'}**")
        shares = "; ".join(f"{who} {percent(flagged, total)} of {total}"
                           for who, (flagged, total) in results["ted"]["error_free"].items())
        lines.append(f"- For comparison, TED test segments the raters found error-free that get a finding: {shares}")
    return lines


def _ted_section(t: dict) -> list[str]:
    scores = t["scores"]
    gold = scores.systems[EVERYTHING]
    lines = ["", "## TED zh-en MQM: character spans against the raters'", "",
             "Gold: the union of every rater's error spans; predicted: the union of the findings' target spans. "
             "Counted over non-space characters, pooled across items (long items weigh more). "
             f"Gold covers {percent(gold.gold, gold.tp + gold.fp)} of the {gold.tp + gold.fp} counted characters, "
             "so flagging everything already scores a fair F1; MCC is 0 for it and for random flags."]

    def row(label: str, c) -> list:
        precision = f"{c.precision:.3f}" if c.predicted else "—"
        return [label, c.predicted, precision, f"{c.recall:.3f}", f"{c.f1:.3f}", f"{c.mcc:.3f}"]

    rows = [row(name, scores.systems[name]) for name in (ALL_FLAGS, *BASELINES, EVERYTHING)]
    rows += [row(f"check: {name}", c) for name, c in scores.checks.items()]
    lines += markdown_table(["predictor", "flagged chars", "precision", "recall", "F1", "MCC"], rows)
    lines += ["### Per MQM category", "", "Gold restricted to the category's spans, predictions to the findings "
              "whose category starts with it."]
    rows = [[name, c.gold, *row(name, c)[1:]] for name, c in scores.categories.items()]
    lines += markdown_table(["category", "gold chars", "flagged chars", "precision", "recall", "F1", "MCC"], rows)
    lines += ["### Segments the raters found error-free", "",
              "Share of test items with no rater span at all that get any finding: a false-positive rate on "
              "translations people checked, unlike DEMETR's clean `mt_sent`, which still carry real errors."]
    rows = [[who, total, flagged, percent(flagged, total)] for who, (flagged, total) in t["error_free"].items()]
    return lines + markdown_table(["items", "error-free", "with a finding", "share"], rows)


def _check_section(results: dict) -> list[str]:
    from mtcheck.checks import all_checks

    tallies = results.get("demetr", {}).get("tallies", {})
    scores = results["ted"]["scores"] if "ted" in results else None
    rows = []
    for name, cls in sorted(all_checks().items()):
        row = [name, cls.category, cls.severity.value]
        tally = tallies.get(name)
        fp = percent(tally.clean_flagged, tally.clean_items) if tally else "—"
        row += [tally.findings, tally.catching, fp] if tally else ["—"] * 3
        if scores is None:
            row += ["—", "—"]
        else:
            on_ted = scores.checks[name]
            row += [scores.finding_counts[name], f"{on_ted.precision:.3f}" if on_ted.predicted else "—"]
        rows.append(row)
    headers = ["check", "category", "severity", "DEMETR findings (perturbed)", "catching the injection",
               "fires on clean mt_sent", "TED findings", "TED char precision"]
    return ["", "## Per check", "", "Every registered check, whether it fired or not."] + markdown_table(headers, rows)


def _speed_section(speeds: list[dict]) -> list[str]:
    rows = [["with models" if s["models"] else "without models (--no-models)", s["pairs"], f"{s['seconds']:.1f}",
             f"{s['pairs'] / s['seconds']:.1f}", f"{s['cpu']:.1f}", "{:.1f} / {:.1f}".format(*s["load"]),
             f"{s['loading']:.1f}"] for s in speeds]
    return ["", "## Speed", "",
            f"The whole check suite (scores, model signals, every check) through `compare_records` on the first "
            f"{speeds[0]['first']} perturbed DEMETR pairs interleaved by id, as one document. Models were loaded and "
            f"warmed up on 4 pairs before the clock started; that time is shown apart. On a shared 2-core machine "
            f"the wall clock depends on what else runs: CPU seconds (all threads of this process) and the 1-minute "
            f"load average before / after say how much."
            ] + markdown_table(["mode", "pairs", "seconds", "pairs/s", "CPU s", "load avg", "load + warm-up s"], rows)
