"""Pairs files: telling JSONL from TSV, header rows, unknown keys, duplicate ids, ids of any size."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.errors import InputError
from mtcheck.read.pairs import PAIRS_FORMATS, PairRecord, group_documents, read_pairs

_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def raises(message: str):
    return pytest.raises(InputError, match=f"^{re.escape(message)}$")


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- which format


def test_formats():
    assert PAIRS_FORMATS == ("jsonl", "tsv")


def test_a_tsv_whose_first_cell_starts_with_a_brace_is_tsv(tmp_path):
    text = '{"lang": "de"} is a setting\t{"lang": "de"} ist eine Einstellung\n'
    for name in ("p.tsv", "p.TAB", "p.txt", "p"):  # by extension, or by the whole first line
        assert read_pairs(write(tmp_path, name, text)) == (
            PairRecord(None, '{"lang": "de"} is a setting', '{"lang": "de"} ist eine Einstellung', None),
        )


@pytest.mark.parametrize("name", ["p.jsonl", "p.JSON", "p.ndjson", "p", "p.pairs"])
def test_jsonl_by_extension_or_by_first_line(tmp_path, name):
    path = write(tmp_path, name, line(source="a", target="b"))
    assert read_pairs(path) == (PairRecord(None, "a", "b", None),)


def test_an_explicit_format_beats_the_extension(tmp_path):
    path = write(tmp_path, "p.txt", line(source="a", target="b"))
    assert read_pairs(path, format="jsonl") == (PairRecord(None, "a", "b", None),)
    tsv = write(tmp_path, "p.jsonl", "a\tb\n")
    assert read_pairs(tsv, format="tsv") == (PairRecord(None, "a", "b", None),)


def test_an_unknown_format_is_an_input_error(tmp_path):
    with raises("unknown pairs format 'csv'; expected one of jsonl, tsv"):
        read_pairs(write(tmp_path, "p.tsv", "a\tb\n"), format="csv")


def test_broken_json_without_an_extension_reports_its_json_error(tmp_path):
    path = write(tmp_path, "pairs", '{"source": "a", "target": }\n')
    with raises(f"{path} line 1: not valid JSON (Expecting value at column 27)"):
        read_pairs(path)


def test_jsonl_named_txt_gets_a_hint(tmp_path):
    path = write(tmp_path, "p.txt", line(source="a", target="b"))
    with raises(
        f"{path} line 1: expected 2 tab-separated fields (source, target) or 3 (id, source, target), "
        "found 1; for JSONL, name the file .jsonl or give the format"
    ):
        read_pairs(path)


# --------------------------------------------------------------------------- TSV headers


@pytest.mark.parametrize(
    "header", ["source\ttarget", "Source\tTarget", "SRC\tTGT", "src\ttranslation", "id\tsource\tmt", " ID \t src\tMT "]
)
def test_a_tsv_header_row_is_skipped(tmp_path, header):
    path = write(tmp_path, "p.tsv", f"\n{header}\r\n7\tOne.\tEins.\n" if header.count("\t") == 2 else f"{header}\nOne.\tEins.\n")
    (record,) = read_pairs(path)
    assert record.source == "One."


@pytest.mark.parametrize("first", ["Source\tSource", "target\tsource", "id\tsource", "source\ttarget\tid", "src\tQuelle"])
def test_lines_that_are_not_headers_are_pairs(tmp_path, first):
    path = write(tmp_path, "p.tsv", f"{first}\nOne.\tEins.\n")
    assert len(read_pairs(path)) == 2


def test_only_the_first_line_can_be_a_header(tmp_path):
    path = write(tmp_path, "p.tsv", "One.\tEins.\nsource\ttarget\n")
    assert read_pairs(path)[1] == PairRecord(None, "source", "target", None)


def test_a_header_alone_holds_no_pairs(tmp_path):
    path = write(tmp_path, "p.tsv", "source\ttarget\n\n")
    with raises(f"{path} holds no pairs, only a header line"):
        read_pairs(path)


def test_jsonl_has_no_header(tmp_path):
    path = write(tmp_path, "p.jsonl", "source\ttarget\n")
    with pytest.raises(InputError, match="line 1: not valid JSON"):
        read_pairs(path)


# --------------------------------------------------------------------------- keys


def test_a_misspelled_key_is_named(tmp_path):
    path = write(tmp_path, "p.jsonl", line(source="a", target="b") + line(sorce="a", target="b"))
    with raises(f"{path} line 2: unknown key 'sorce' (a pair has id, source, target, doc); did you mean 'source'?"):
        read_pairs(path)


def test_every_unknown_key_is_named(tmp_path):
    path = write(tmp_path, "p.jsonl", line(source="a", target="b", quality=3, lang="de"))
    with raises(f"{path} line 1: unknown keys 'quality', 'lang' (a pair has id, source, target, doc)"):
        read_pairs(path)


def test_a_key_given_twice_is_an_error(tmp_path):
    path = write(tmp_path, "p.jsonl", '{"source": "a", "target": "b", "source": "c"}\n')
    with raises(f"{path} line 1: the key 'source' appears twice"):
        read_pairs(path)


# --------------------------------------------------------------------------- duplicate ids


def test_a_duplicate_id_names_both_lines(tmp_path):
    path = write(tmp_path, "p.jsonl", line(id=7, source="a", target="b") + "\n" + line(id="7", source="c", target="d"))
    with raises(f"{path} line 3: duplicate id '7' (first on line 1)"):
        read_pairs(path)


def test_a_duplicate_id_within_one_doc_names_the_doc(tmp_path):
    body = line(id="s1", doc="d", source="a", target="b") + line(id="s1", doc="d", source="c", target="d")
    path = write(tmp_path, "p.jsonl", body)
    with raises(f"{path} line 2: duplicate id 's1' in doc 'd' (first on line 1)"):
        read_pairs(path)


def test_the_same_id_in_different_documents_is_fine(tmp_path):
    body = line(id=1, doc="a", source="x", target="X") + line(id=1, doc="b", source="y", target="Y")
    body += line(id=1, source="z", target="Z")
    records = read_pairs(write(tmp_path, "p.jsonl", body))
    assert [(r.doc, r.id) for r in records] == [("a", "1"), ("b", "1"), (None, "1")]
    assert [doc for doc, _ in group_documents(records, "p")] == ["a", "b", "p"]


def test_pairs_without_ids_are_not_duplicates(tmp_path):
    path = write(tmp_path, "p.tsv", "a\tb\na\tb\n")
    assert len(read_pairs(path)) == 2


def test_duplicate_tsv_ids(tmp_path):
    path = write(tmp_path, "p.tsv", "id\tsource\ttarget\n1\ta\tb\n2\tc\td\n1\te\tf\n")
    with raises(f"{path} line 4: duplicate id '1' (first on line 2)"):
        read_pairs(path)


# --------------------------------------------------------------------------- ids of any size


def test_a_5000_digit_id_is_its_digits(tmp_path):
    digits = "9" * 5000
    path = write(tmp_path, "p.jsonl", f'{{"id": {digits}, "doc": -{digits}, "source": "a", "target": "b"}}\n')
    assert read_pairs(path) == (PairRecord(digits, "a", "b", "-" + digits),)


@pytest.mark.parametrize(
    "value, kind",
    [("1.5", "a number"), ("1e400", "a number"), ("-1e400", "a number"), ("NaN", "a number"),
     ("Infinity", "a number"), ("1" * 5000 + ".0", "a number"), ("true", "a boolean"), ("{}", "an object")],
)  # fmt: skip
def test_ids_that_are_not_strings_or_integers_are_errors(tmp_path, value, kind):
    path = write(tmp_path, "p.jsonl", f'{{"id": {value}, "source": "a", "target": "b"}}\n')
    with raises(f"{path} line 1: 'id' must be a string or an integer, not {kind}"):
        read_pairs(path)


def test_a_huge_integer_where_text_belongs_is_an_error(tmp_path):
    path = write(tmp_path, "p.jsonl", f'{{"source": {"1" * 6000}, "target": "b"}}\n')
    with raises(f"{path} line 1: 'source' must be a string, not a number"):
        read_pairs(path)


def test_lone_surrogates_become_replacement_characters(tmp_path):
    path = write(tmp_path, "p.jsonl", '{"id": "a\\ud800", "source": "x\\udfff", "target": "\\ud83d\\ude00"}\n')
    assert read_pairs(path) == (PairRecord("a\ufffd", "x\ufffd", "😀", None),)


_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers().map(str),
    # Around Python's 4,300-digit int->str limit.
    st.tuples(st.sampled_from(["", "-"]), st.integers(4290, 4400)).map(lambda sd: sd[0] + "7" * sd[1]),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: json.dumps(f)),
    st.text().map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.text().map(json.dumps),
    st.just('"\\ud800x\\u2028y"'),
)
JSON_VALUES = st.recursive(
    _JSON_SCALARS.map(lambda literal: literal if isinstance(literal, str) else json.dumps(literal)),
    lambda inner: st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]")
    | st.lists(st.tuples(st.text(max_size=5), inner), max_size=3).map(
        lambda items: "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in items) + "}"
    ),
    max_leaves=5,
)


@settings(max_examples=200, deadline=None)
@given(id_literal=JSON_VALUES, doc_literal=JSON_VALUES)
def test_any_id_or_doc_is_a_one_line_string_or_an_input_error(tmp_path_factory, id_literal, doc_literal):
    path = tmp_path_factory.getbasetemp() / "ids.jsonl"  # one file, rewritten per example
    path.write_text(f'{{"id": {id_literal}, "doc": {doc_literal}, "source": "a", "target": "b"}}\n', encoding="utf-8")
    try:
        (record,) = read_pairs(path)
    except InputError as error:
        assert "\n" not in str(error)
        return
    for label in (record.id, record.doc):
        assert label is None or (isinstance(label, str) and label and not _LINE_BREAKS.search(label))
        assert label is None or label.encode("utf-8")  # no lone surrogates


def test_no_hint_when_the_format_was_given(tmp_path):
    path = write(tmp_path, "p.data", line(source="a", target="b"))
    with raises(
        f"{path} line 1: expected 2 tab-separated fields (source, target) or 3 (id, source, target), found 1"
    ):
        read_pairs(path, format="tsv")
