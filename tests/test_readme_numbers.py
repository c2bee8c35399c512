"""README.md quotes the seed's figures as the code produces them today.

The seed pair (corpora/seed/) runs through the CLI with ``--no-models``, in a
fresh process, and benchmarks/readme_numbers.py turns its JSON report into the
line the README quotes (one definition of the format). When a change moves
the seed's verdict, quality or findings, this fails until
``.venv/bin/python benchmarks/readme_numbers.py`` is rerun and its line, date
and CPU are copied into the README. No timings here: they depend on the machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from readme_numbers import figures_line, run_seed, seed_figures  # noqa: E402


def test_the_readme_quotes_the_seeds_figures(tmp_path):
    report, _ = run_seed(models=False, folder=tmp_path)
    line = figures_line(False, seed_figures(report))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert line in readme, f"README.md should quote, as benchmarks/readme_numbers.py prints it:\n{line}"


def test_the_figures_line_format():
    figures = {"verdict": "fail", "quality": 58.94, "findings": 97, "critical": 1, "major": 12, "minor": 84}
    assert figures_line(False, figures) == (
        "seed --no-models: verdict fail, quality 58.9, findings 97 (critical 1, major 12, minor 84)")
    assert figures_line(True, figures).startswith("seed with models: verdict fail")
