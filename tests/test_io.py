"""Tests for mtcheck.read.text: decoding, file checks, pairs files, document grouping."""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.read import text as mtio
from mtcheck.errors import InputError
from mtcheck.read.text import MAX_BYTES, decode, read_text
from mtcheck.read.pairs import PairRecord, group_documents, read_pairs
from mtcheck.types import Text


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def raises(message: str):
    """InputError whose whole message is exactly ``message``."""
    return pytest.raises(InputError, match=f"^{re.escape(message)}$")


# --------------------------------------------------------------------------- decode


@pytest.mark.parametrize(
    "data",
    [
        "Café – “quoted”\n".encode("utf-8"),
        codecs.BOM_UTF8 + "Café – “quoted”\n".encode("utf-8"),
        codecs.BOM_UTF16_LE + "Café – “quoted”\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Café – “quoted”\n".encode("utf-16-be"),
        codecs.BOM_UTF32_LE + "Café – “quoted”\n".encode("utf-32-le"),
        codecs.BOM_UTF32_BE + "Café – “quoted”\n".encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf32be-bom"],
)
def test_decode_unicode_encodings_strip_bom(data):
    assert decode(data) == "Café – “quoted”\n"


def test_decode_cp1252():
    assert decode(b"caf\xe9 \x93quoted\x94 \x96 \x80") == "café “quoted” – €"


def test_decode_bytes_undefined_in_cp1252_fall_back_to_latin1():
    # 0x81 has no cp1252 meaning, so the whole file is read as latin-1.
    assert decode(b"caf\xe9 \x81") == "café \x81"


def test_decode_every_byte_value():
    text = decode(bytes(range(256)))
    assert len(text) == 256  # latin-1: one character per byte
    assert text[13] == "\n"  # the lone \r
    assert "\r" not in text


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\r\nb\n\rc", "a\n\nb\n\nc"),
        (codecs.BOM_UTF16_LE + "a\r\nb\rc".encode("utf-16-le"), "a\nb\nc"),
    ],
)
def test_decode_normalises_newlines(data, expected):
    assert decode(data) == expected


def test_decode_bom_with_bad_bytes_replaces_them():
    assert decode(codecs.BOM_UTF8 + b"ok \xff") == "ok \ufffd"
    assert decode(codecs.BOM_UTF16_LE + b"a\x00b") == "a\ufffd"  # odd length


def test_decode_keeps_inner_feff():
    assert decode(codecs.BOM_UTF8 + "a\ufeffb".encode("utf-8")) == "a\ufeffb"


@given(st.binary(max_size=2000))
def test_decode_never_raises_and_never_returns_cr(data):
    text = decode(data)
    assert isinstance(text, str)
    assert "\r" not in text


@given(st.binary(max_size=500))
def test_decode_never_raises_after_any_bom(data):
    for bom, _ in mtio._BOMS:
        assert "\r" not in decode(bom + data)


@given(st.text(max_size=300).filter(lambda s: not s.startswith("\ufeff")))
def test_decode_round_trips_utf8_and_utf16(text):
    # st.text() yields no lone surrogates, so every text encodes.
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert decode(text.encode("utf-8")) == expected
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == expected


# --------------------------------------------------------------------------- read_text


def test_read_text_returns_text(tmp_path):
    path = write(tmp_path, "a.txt", codecs.BOM_UTF8 + b"Title\r\n\r\nBody.\r\n")
    assert read_text(path) == Text("Title\n\nBody.\n", "en", str(path))
    assert read_text(str(path), lang="de").lang == "de"


def test_read_text_utf16_is_not_binary(tmp_path):
    path = write(tmp_path, "a.txt", codecs.BOM_UTF16_LE + "Hello.\n".encode("utf-16-le"))
    assert read_text(path).text == "Hello.\n"


def test_read_text_cp1252(tmp_path):
    path = write(tmp_path, "a.txt", b"caf\xe9 \x93quoted\x94\r\n")
    assert read_text(path).text == "café “quoted”\n"


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with raises(f"no such file: {path}"):
        read_text(path)


def test_missing_parent_is_a_file(tmp_path):
    parent = write(tmp_path, "a.txt", "text")
    with raises(f"no such file: {parent / 'b.txt'}"):
        read_text(parent / "b.txt")


def test_directory(tmp_path):
    with raises(f"{tmp_path} is a directory, not a text file"):
        read_text(tmp_path)


def test_too_big_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(51 * 1024 * 1024)

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(mtio, "open", no_open, raising=False)
    with raises(f"{path} is 51 MB; mtcheck refuses files over 50 MB"):
        read_text(path)
    with raises(f"{path} is 51 MB; mtcheck refuses files over 50 MB"):
        read_pairs(path)


def test_exactly_max_bytes_is_not_too_big(tmp_path):
    path = tmp_path / "edge.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES)
    # Accepted by the size check, then refused as binary (all NULs).
    with raises(f"{path} looks binary, not text"):
        read_text(path)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n"])
def test_empty(tmp_path, data):
    path = write(tmp_path, "a.txt", data)
    with raises(f"{path} is empty"):
        read_text(path)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",  # zip header
        b"text at first\x00then binary",
        codecs.BOM_UTF8 + b"abc\x00def",
        b"\x01\x02\x03\x04 abc",  # no NUL, but mostly control characters
        codecs.BOM_UTF8 + b"\xff\xfe\xfd\xfc\xfb abc",  # undecodable under a BOM
    ],
)
def test_binary(tmp_path, data):
    path = write(tmp_path, "a.bin", data)
    with raises(f"{path} looks binary, not text"):
        read_text(path)


def test_utf16_without_bom_gets_a_hint(tmp_path):
    path = write(tmp_path, "a.txt", "Hello, world.\n".encode("utf-16-le"))
    with pytest.raises(InputError, match=r"looks binary, not text \(UTF-16 without a byte-order mark"):
        read_text(path)


def test_a_few_control_characters_are_fine(tmp_path):
    path = write(tmp_path, "a.txt", "A long enough line of text with one \x1b escape.\n")
    assert "\x1b" in read_text(path).text


def test_permission_denied(tmp_path, monkeypatch):
    # Tests may run as root, where chmod cannot deny a read; simulate it.
    path = write(tmp_path, "a.txt", "text")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(mtio, "open", denied, raising=False)
    with raises(f"cannot read {path}: permission denied"):
        read_text(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_permission_denied_for_real(tmp_path):
    path = write(tmp_path, "a.txt", "text")
    path.chmod(0)
    with raises(f"cannot read {path}: permission denied"):
        read_text(path)


def test_messages_stay_on_one_line(tmp_path):
    path = tmp_path / "bad\nname.txt"
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("no such file: ")


# --------------------------------------------------------------------------- read_pairs


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def test_jsonl_with_ids_and_docs(tmp_path):
    path = write(
        tmp_path,
        "pairs.jsonl",
        jsonl(
            {"id": "a1", "source": "One.", "target": "Eins.", "doc": "d1"},
            {"id": 2, "source": "Two.", "target": "Zwei.", "doc": 7},
            {"source": "Three.", "target": "Drei."},
        ),
    )
    assert read_pairs(path) == (
        PairRecord("a1", "One.", "Eins.", "d1"),
        PairRecord("2", "Two.", "Zwei.", "7"),
        PairRecord(None, "Three.", "Drei.", None),
    )


def test_jsonl_blank_lines_crlf_and_bom(tmp_path):
    body = "\n" + jsonl({"source": "a", "target": "b"}) + "\n   \n" + jsonl({"source": "c", "target": ""})
    path = write(tmp_path, "p.jsonl", codecs.BOM_UTF8 + body.replace("\n", "\r\n").encode())
    assert read_pairs(path) == (PairRecord(None, "a", "b", None), PairRecord(None, "c", "", None))


def test_jsonl_newlines_inside_strings_become_spaces(tmp_path):
    path = write(tmp_path, "p.jsonl", jsonl({"source": "a\nb\r\nc\rd\u2028e", "target": "x\n"}))
    (record,) = read_pairs(path)
    assert record.source == "a b c d e"
    assert record.target == "x "


def test_jsonl_null_and_empty_labels_are_absent(tmp_path):
    path = write(tmp_path, "p.jsonl", jsonl({"id": None, "doc": "", "source": "a", "target": "b"}))
    assert read_pairs(path) == (PairRecord(None, "a", "b", None),)


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"source": "a", "target": }', "not valid JSON (Expecting value at column 27)"),
        ('{"source": "a"', "not valid JSON ("),
        ('{"source": "a", "target": "b"} {}', "not valid JSON (Extra data"),
        ("a\tb", "not valid JSON ("),
        ('["a", "b"]', "expected a JSON object, got an array"),
        ('{"target": "b"}', "missing 'source'"),
        ('{"source": "a"}', "missing 'target'"),
        ('{"source": 1, "target": "b"}', "'source' must be a string, not a number"),
        ('{"source": "a", "target": null}', "'target' must be a string, not null"),
        ('{"id": 1.5, "source": "a", "target": "b"}', "'id' must be a string or an integer"),
        ('{"id": true, "source": "a", "target": "b"}', "'id' must be a string or an integer"),
        ('{"doc": ["x"], "source": "a", "target": "b"}', "'doc' must be a string or an integer"),
        ("[" * 100_000, "not valid JSON ("),
    ],
)
def test_jsonl_malformed_line_names_its_number(tmp_path, line, reason):
    good = jsonl({"source": "a", "target": "b"})
    path = write(tmp_path, "p.jsonl", good + "\n" + good + line + "\n" + good)
    with pytest.raises(InputError) as caught:
        read_pairs(path)
    message = str(caught.value)
    assert message.startswith(f"{path} line 4: {reason}")
    assert "\n" not in message


def test_tsv_two_and_three_columns(tmp_path):
    path = write(tmp_path, "p.tsv", "One.\tEins.\n\n7\tTwo.\tZwei.\r\nThree.\t\n")
    assert read_pairs(path) == (
        PairRecord(None, "One.", "Eins.", None),
        PairRecord("7", "Two.", "Zwei.", None),
        PairRecord(None, "Three.", "", None),
    )


def test_tsv_cp1252(tmp_path):
    path = write(tmp_path, "p.tsv", b"caf\xe9\t\x93caf\xe9\x94\n")
    assert read_pairs(path) == (PairRecord(None, "café", "“café”", None),)


@pytest.mark.parametrize("line, count", [("a\tb\tc\td", 4), ("no tab here", 1)])
def test_tsv_wrong_field_count_names_its_line(tmp_path, line, count):
    path = write(tmp_path, "p.tsv", f"a\tb\n\n{line}\nc\td\n")
    with raises(
        f"{path} line 3: expected 2 tab-separated fields (source, target) "
        f"or 3 (id, source, target), found {count}"
    ):
        read_pairs(path)


@pytest.mark.parametrize("data", [b"\n\n  \n", b"\r\n\t\r\n"])
def test_pairs_file_with_no_pairs(tmp_path, data):
    path = write(tmp_path, "p.tsv", data)
    with raises(f"{path} holds no pairs"):
        read_pairs(path)


def test_pairs_file_errors_match_read_text(tmp_path):
    with raises(f"no such file: {tmp_path / 'x.tsv'}"):
        read_pairs(tmp_path / "x.tsv")
    with raises(f"{tmp_path} is a directory, not a text file"):
        read_pairs(tmp_path)
    empty = write(tmp_path, "e.tsv", b"")
    with raises(f"{empty} is empty"):
        read_pairs(empty)
    binary = write(tmp_path, "b.tsv", b"a\tb\x00\n")
    with raises(f"{binary} looks binary, not text"):
        read_pairs(binary)


# --------------------------------------------------------------------------- group_documents


def test_group_documents_order():
    records = [
        PairRecord("1", "a", "A", "d2"),
        PairRecord("2", "b", "B", None),
        PairRecord("3", "c", "C", "d1"),
        PairRecord("4", "d", "D", "d2"),
        PairRecord("5", "e", "E", None),
        PairRecord("6", "f", "F", "d1"),
    ]
    grouped = group_documents(records, "pairs")
    assert [doc_id for doc_id, _ in grouped] == ["d2", "pairs", "d1"]
    assert [[r.id for r in members] for _, members in grouped] == [["1", "4"], ["2", "5"], ["3", "6"]]


def test_group_documents_without_docs_is_one_document():
    records = (PairRecord(None, "a", "A", None), PairRecord(None, "b", "B", None))
    assert group_documents(records, "file") == [("file", list(records))]
    assert group_documents((), "file") == []


def test_read_then_group(tmp_path):
    path = write(
        tmp_path,
        "news.jsonl",
        jsonl(
            {"source": "a", "target": "A", "doc": 1},
            {"source": "b", "target": "B"},
            {"source": "c", "target": "C", "doc": 1},
        ),
    )
    grouped = group_documents(read_pairs(path), path.stem)
    assert [(doc_id, [r.source for r in members]) for doc_id, members in grouped] == [
        ("1", ["a", "c"]),
        ("news", ["b"]),
    ]
