"""Read pre-aligned pairs files (JSONL or TSV) into ``PairRecord``s.

Errors are ``InputError``s naming the file and line, like ``mtcheck.read.text``'s;
``mtcheck.read.text`` re-exports ``read_pairs``, ``PairRecord`` and ``group_documents``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from typing import Iterable

from mtcheck.errors import InputError
from mtcheck.read.text import decode_warning, read_decoded, shown
from mtcheck.types import Text

PAIRS_FORMATS = ("jsonl", "tsv")
_EXTENSIONS = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".tsv": "tsv", ".tab": "tsv", ".txt": "tsv"}
_KEYS = ("id", "source", "target", "doc")

# A TSV header is a first line naming its columns with these words (any case).
_HEADER_ID = {"id"}
_HEADER_SOURCE = {"source", "src"}
_HEADER_TARGET = {"target", "tgt", "translation", "mt"}

# Every boundary str.splitlines knows: a pair's segment must stay on one line
# however a later stage or a terminal decides to split it.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# JSON escapes can spell lone surrogates, which no file or terminal can
# encode: they are undecodable text, like bytes that are not UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class PairRecord:
    """One line of a pairs file; ``id`` and ``doc`` are echoed as strings."""

    id: str | None
    source: str
    target: str
    doc: str | None


def read_pairs(path: str | os.PathLike, *, format: str | None = None) -> tuple[PairRecord, ...]:
    """Read pre-aligned pairs; ``read_pairs_file`` says how, and also gives the decoding warning."""
    return read_pairs_file(path, format=format)[0]


def read_pairs_file(
    path: str | os.PathLike, *, format: str | None = None
) -> tuple[tuple[PairRecord, ...], str | None]:
    """Read pre-aligned pairs from a JSONL or TSV file (``"-"``: stdin).

    The format is ``format`` if given (one of ``PAIRS_FORMATS``), else the
    extension's (.jsonl, .json, .ndjson: JSONL; .tsv, .tab, .txt: TSV), else
    JSONL when the first non-blank line parses as a JSON object (or starts
    with ``{`` and holds no tab, so its JSON error is the one reported), else TSV.

    JSONL: one object per line with string ``source`` and ``target`` and
    optional ``id`` and ``doc`` (a string or an integer of any length); any
    other key is an error naming it. TSV: ``source<TAB>target`` or
    ``id<TAB>source<TAB>target``; a first line of column names
    (``source``/``src``, ``target``/``tgt``/``translation``/``mt``, after
    ``id`` for three columns, any case) is a header and skipped.

    Ids name pairs in the report, so they must be unique within a document
    (the lines sharing one ``doc``, or all lines without one); the same id
    may recur in different documents. Blank lines are skipped; line numbers
    in messages count every line, from 1.
    """
    if format is not None and format not in PAIRS_FORMATS:
        raise InputError(f"unknown pairs format {format!r}; expected one of {', '.join(PAIRS_FORMATS)}")
    name = shown(path)
    text, decoding = read_decoded(path)
    warning = decode_warning(Text(text, path=os.fsdecode(path), decoding=decoding))
    if not text:  # only a BOM
        raise InputError(f"{name} is empty")
    lines = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if not lines:
        raise InputError(f"{name} holds no pairs")
    explicit = format is not None
    format = format or _format_of(path, lines[0][1])
    if format == "tsv" and _is_header(lines[0][1]):
        lines = lines[1:]
        if not lines:
            raise InputError(f"{name} holds no pairs, only a header line")
    if format == "jsonl":
        records = tuple(_parse_json_line(line, f"{name} line {number}") for number, line in lines)
    else:
        records = tuple(_parse_tsv_line(line, f"{name} line {number}", explicit) for number, line in lines)
    _check_unique_ids(records, [number for number, _ in lines], name)
    return records, warning


def _format_of(path: str | os.PathLike, first_line: str) -> str:
    extension = os.path.splitext(os.fsdecode(path))[1].lower()
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    try:
        if isinstance(_loads(first_line), dict):
            return "jsonl"
    except (ValueError, RecursionError, _DuplicateKey):
        pass
    return "jsonl" if first_line.lstrip().startswith("{") and "\t" not in first_line else "tsv"


def _is_header(line: str) -> bool:
    names = [field.strip().lower() for field in line.split("\t")]
    if len(names) == 3 and names[0] in _HEADER_ID:
        names = names[1:]
    return len(names) == 2 and names[0] in _HEADER_SOURCE and names[1] in _HEADER_TARGET


def _check_unique_ids(records: tuple[PairRecord, ...], numbers: list[int], name: str) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for record, number in zip(records, numbers):
        if record.id is None:
            continue
        first = seen.setdefault((record.doc, record.id), number)
        if first != number:
            where = f" in doc {record.doc!r}" if record.doc is not None else ""
            raise InputError(f"{name} line {number}: duplicate id {record.id!r}{where} (first on line {first})")


# --------------------------------------------------------------------------- JSONL


class _Integer:
    """A JSON integer kept as its digits: ``int()`` refuses over 4,300 of them."""

    def __init__(self, literal: str) -> None:
        self.literal = literal


class _DuplicateKey(Exception):
    pass


def _unique_keys(items: list[tuple[str, object]]) -> dict[str, object]:
    value = dict(items)
    if len(value) < len(items):
        keys = [key for key, _ in items]
        raise _DuplicateKey(next(key for key in keys if keys.count(key) > 1))
    return value


def _loads(line: str) -> object:
    return json.loads(line, parse_int=_Integer, object_pairs_hook=_unique_keys)


def _parse_json_line(line: str, where: str) -> PairRecord:
    try:
        value = _loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    except _DuplicateKey as error:
        raise InputError(f"{where}: the key {error.args[0]!r} appears twice") from None
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object, got {_json_type(value)}")
    unknown = [key for key in value if key not in _KEYS]
    if unknown:
        raise InputError(f"{where}: {_unknown_keys(unknown)}")
    segments = []
    for key in ("source", "target"):
        if key not in value:
            raise InputError(f"{where}: missing {key!r}")
        if not isinstance(value[key], str):
            raise InputError(f"{where}: {key!r} must be a string, not {_json_type(value[key])}")
        segments.append(_clean(value[key]))
    return PairRecord(_label(value, "id", where), segments[0], segments[1], _label(value, "doc", where))


def _unknown_keys(unknown: list[str]) -> str:
    listed = ", ".join(repr(key) for key in unknown)
    message = f"unknown key{'s' if len(unknown) > 1 else ''} {listed} (a pair has {', '.join(_KEYS)})"
    guess = difflib.get_close_matches(unknown[0], _KEYS, n=1)
    return message + (f"; did you mean {guess[0]!r}?" if guess else "")


def _label(value: dict, key: str, where: str) -> str | None:
    """An optional id or doc: a string or integer, echoed as a string."""
    label = value.get(key)
    # bool is no _Integer, and `"id": true` is a mistake, not the id "True".
    if isinstance(label, _Integer):
        return label.literal
    if label is None or isinstance(label, str):
        # An empty label cannot name anything in a report; treat it as absent.
        return _clean(label) or None
    raise InputError(f"{where}: {key!r} must be a string or an integer, not {_json_type(label)}")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", float: "a number"}
    if value is None:
        return "null"
    return "a number" if isinstance(value, _Integer) else names.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------- TSV


def _parse_tsv_line(line: str, where: str, explicit: bool = False) -> PairRecord:
    fields = line.split("\t")
    if len(fields) == 2:
        pair_id, source, target = None, *fields
    elif len(fields) == 3:
        pair_id, source, target = fields
    else:
        looks_like_json = line.lstrip().startswith("{") and not explicit
        hint = "; for JSONL, name the file .jsonl or give the format" if looks_like_json else ""
        raise InputError(
            f"{where}: expected 2 tab-separated fields (source, target) "
            f"or 3 (id, source, target), found {len(fields)}{hint}"
        )
    return PairRecord(_clean(pair_id) or None, _clean(source), _clean(target), None)


def _clean(value: str | None) -> str | None:
    """One line of encodable text."""
    if value is None:
        return None
    return _LONE_SURROGATE.sub("\ufffd", _LINE_BREAK.sub(" ", value))


def group_documents(records: Iterable[PairRecord], default_id: str) -> list[tuple[str, list[PairRecord]]]:
    """Group records into documents by ``doc``, in order of first appearance.

    Records without ``doc`` share one document called ``default_id`` (a
    record whose ``doc`` equals it joins that document too). Input order is
    kept within each document, since it is the order of the segments.
    """
    documents: dict[str, list[PairRecord]] = {}
    for record in records:
        doc_id = record.doc if record.doc is not None else default_id
        documents.setdefault(doc_id, []).append(record)
    return list(documents.items())
