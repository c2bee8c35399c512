"""The rich report renders into any console; tests read it as plain text."""

from io import StringIO
from pathlib import Path

from rich.console import Console

from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report
from mtcheck.report.terminal import render_terminal
from mtcheck.types import ArticleVerdict

FIXTURES = Path(__file__).parent / "fixtures"


def render(report, width=100, color=False):
    buffer = StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None)
    console.print(render_terminal(report))
    return buffer.getvalue()


def fixture_report(config=Config()):
    source = read_text(FIXTURES / "article.source.txt")
    target = read_text(FIXTURES / "article.target.txt")
    return build_report([compare_texts(source, target, config, doc_id="article")], config)


def test_verdict_then_summary_then_findings_then_pairs():
    report = fixture_report()
    text = render(report)
    lines = text.splitlines()
    word = report.gate.verdict.value.upper()
    assert lines[0].startswith("╭─ verdict ") and lines[1].startswith(f"│  {word}  ")
    verdict, summary, findings = text.index(word), text.index("quality"), text.index("Findings, worst first")
    assert verdict < summary < findings < text.index("Findings by check") < text.index("Weakest of")
    assert lines[-1].startswith(f"verdict  {word} ")  # again at the end, where a scrolled terminal stops
    assert "chrF · BLEU · TER" in text
    assert "critical ·" in text and "major ·" in text and "minor" in text
    assert "PASSED" not in text and "FAILED" not in text
    assert "similarity · fluency" in text and "Weakest of" in text
    assert "read after source" in text and "bits|src" in text


def test_rules_only_report_has_no_model_scores():
    text = render(fixture_report(Config(models=False)))
    assert "similarity · fluency" not in text and "read after source" not in text
    assert "—" in text  # per-pair model scores shown as absent


def test_each_finding_shows_translation_and_source_side_by_side():
    text = render(fixture_report())
    line = next(l for l in text.splitlines() if "noun-capitalisation" in l and l.startswith("F"))
    assert line.split()[0].startswith("F") and "'Politics' is capitalised" in text
    header = next(l for l in text.splitlines() if l.split() == ["translation", "source"])
    assert header.index("translation") < header.index("source")
    assert any("Politics" in l and "politics" in l for l in text.splitlines())  # both sides on one line


def test_span_is_highlighted():
    text = render(fixture_report(), color=True)
    # The highlight style wraps exactly the span text.
    assert "\x1b[1;30;43mPolitics\x1b[0m" in text


def test_a_failing_gate_says_fail_and_its_reasons_on_the_first_screen():
    report = fixture_report(Config(max_major=0))
    assert report.gate.verdict is ArticleVerdict.FAIL and report.gate.reasons
    first_screen = "\n".join(render(report).splitlines()[:24])
    assert "FAIL   do not publish: retranslate" in first_screen
    for reason in report.gate.reasons:
        assert reason[:60] in " ".join(first_screen.replace("│", " ").split())


def test_clean_report_has_no_findings_section():
    source = read_text(FIXTURES / "article.source.txt")
    report = build_report([compare_texts(source, source, Config(), doc_id="same")], Config())
    text = render(report)
    assert "Findings" not in text and "100.0 / 100" in text


def test_the_summary_shows_each_sides_coverage():
    report = fixture_report(Config(models=False))
    scores = report.documents[0].scores
    line = next(line for line in render(report, width=120).splitlines() if "coverage" in line)
    assert (f"coverage            {scores.target_coverage:.0%} of the target has a source · "
            f"{scores.source_coverage:.0%} of the source reaches the target") in line


def test_each_finding_shows_its_confidence_and_evidence_inert():
    from dataclasses import replace

    report = fixture_report(Config(models=False))
    document = report.documents[0]
    finding = document.findings[0]
    hostile = replace(finding, confidence=0.625, evidence=(("rule", "odd\x1b]0;owned\x07"), ("source_words", ("a", "b")),
                                                           ("repeats_article", False), ("bits", None)))
    text = render(replace(report, documents=(replace(document, findings=(hostile,)),)), width=200)
    line = next(line for line in text.splitlines() if line.strip().startswith("confidence "))
    assert line.strip() == "confidence 0.62 · rule odd\\x1b]0;owned\\x07 · source words a, b · repeats article no"
    assert "\x1b" not in text
