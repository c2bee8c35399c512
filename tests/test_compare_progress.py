"""`compare` shows the stage it is in on a terminal's stderr, and nothing on a pipe or a file."""

import io
from pathlib import Path

from mtcheck.cli import main
from mtcheck.cli.compare import stage_progress
from mtcheck.config import Config
from mtcheck.pipeline import compare_texts
from mtcheck.types import Text

SOURCE = Path(__file__).parent / "fixtures" / "article.source.txt"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_stages_are_told_in_order():
    stages = []
    text = Text(SOURCE.read_text(encoding="utf-8"))
    compare_texts(text, text, Config(models=False), progress=stages.append)
    assert stages == ["segmenting", "aligning", "checking"]


def test_a_terminal_gets_a_status_line_that_is_cleared_and_a_pipe_gets_nothing():
    terminal = _Terminal()
    with stage_progress(terminal) as progress:
        progress("reading 12 pairs with the language model")
    assert terminal.getvalue() != ""
    pipe = io.StringIO()
    with stage_progress(pipe) as progress:
        assert progress is None
    assert pipe.getvalue() == ""


def test_compare_to_a_pipe_writes_nothing_but_the_report_to_stderr(capsys):
    assert main(["compare", "--no-models", str(SOURCE), str(SOURCE)]) == 0
    assert capsys.readouterr().err == ""
