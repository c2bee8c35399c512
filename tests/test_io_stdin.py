"""``-`` reads an article or a pairs file from standard input."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from mtcheck.errors import InputError
from mtcheck.read.text import MAX_BYTES, decode_warning, read_text
from mtcheck.read.pairs import PairRecord, read_pairs
from mtcheck.types import Text


def stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def raises(message: str):
    return pytest.raises(InputError, match=f"^{re.escape(message)}$")


def test_read_text_from_stdin(monkeypatch):
    stdin(monkeypatch, b"Title\r\n\r\nBody \x93quoted\x94.\r\n")  # cp1252
    assert read_text("-", lang="de") == Text("Title\n\nBody “quoted”.\n", "de", "-")


def test_read_pairs_from_stdin_guesses_the_format(monkeypatch):
    stdin(monkeypatch, b'{"id": 1, "source": "a", "target": "b"}\n')
    assert read_pairs("-") == (PairRecord("1", "a", "b", None),)
    stdin(monkeypatch, b"source\ttarget\n{a}\tb\n")
    assert read_pairs("-") == (PairRecord(None, "{a}", "b", None),)
    stdin(monkeypatch, b"a\tb\n")
    assert read_pairs("-", format="tsv") == (PairRecord(None, "a", "b", None),)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "<stdin> is empty"),
        (b" \n\t\n", "<stdin> is empty"),
        (b"text\x00binary", "<stdin> looks binary, not text"),
    ],
)
def test_stdin_gets_the_same_checks_as_a_file(monkeypatch, data, message):
    stdin(monkeypatch, data)
    with raises(message):
        read_text("-")


def test_pairs_errors_name_stdin(monkeypatch):
    stdin(monkeypatch, b'{"source": "a", "target": "b"}\n{"sorce": "a", "target": "b"}\n')
    with pytest.raises(InputError, match=r"^<stdin> line 2: unknown key 'sorce'"):
        read_pairs("-")


class CountingStream:
    """A stdin buffer that never ends; records how much was asked of it."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "an unbounded read of stdin"
        self.asked.append(size)
        return b"a" * size


def test_stdin_read_is_bounded(monkeypatch):
    stream = CountingStream()
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": stream})())
    with raises("<stdin> is more than 50 MB; mtcheck refuses files over 50 MB"):
        read_text("-")
    assert stream.asked == [MAX_BYTES + 1]


def test_no_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    with raises("cannot read <stdin>: there is no standard input"):
        read_text("-")


def test_closed_stdin(monkeypatch):
    wrapper = io.TextIOWrapper(io.BytesIO(b"text"))
    wrapper.close()
    monkeypatch.setattr(sys, "stdin", wrapper)
    with pytest.raises(InputError, match="^cannot read <stdin>"):
        read_text("-")


def test_stdin_read_error(monkeypatch):
    class Failing:
        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output\nerror")

    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": Failing()})())
    with raises("cannot read <stdin>: Input/output error"):
        read_text("-")


def test_a_file_called_dash_is_read_through_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("from the file", encoding="utf-8")
    stdin(monkeypatch, b"from stdin")
    assert read_text(Path("-")).text == "from the file"
    assert read_text("./-").text == "from the file"
    assert read_text("-").text == "from stdin"


def test_decode_warning_names_stdin(monkeypatch):
    stdin(monkeypatch, "It’s “quoted” ".encode("utf-8") + b"\xff")
    assert decode_warning(read_text("-")) == (
        "<stdin>: 1 byte was not valid UTF-8 and was replaced with U+FFFD (first at line 1, column 15)"
    )
