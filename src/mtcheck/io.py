"""Read article files and pre-aligned pair files into mtcheck's types.

Everything a user can get wrong about an input file (missing, a directory,
too big, empty, binary, unreadable, malformed) becomes an ``InputError`` with
a one-line message naming the file, which the CLI prints and exits 2 on.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from dataclasses import dataclass
from typing import Iterable

from mtcheck.errors import InputError
from mtcheck.types import Text

MAX_BYTES = 50 * 1024 * 1024
_MIB = 1024 * 1024

# How much of a file the binary sniffing looks at: enough to see past a short
# header, small enough to cost nothing on a 50 MB file.
_SNIFF_BYTES = 8 * 1024
_SNIFF_CHARS = 8 * 1024
# Share of control characters above which decoded "text" is taken for binary.
# Real articles have next to none; ANSI-coloured logs are not articles either.
_MAX_CONTROL_SHARE = 0.10

# UTF-32 LE must be tried before UTF-16 LE: its BOM starts with FF FE too.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_ENCODINGS = {"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}

# C0 controls other than tab, newline, vertical tab, form feed and carriage
# return, plus DEL and the replacement character (what undecodable bytes under
# a BOM turn into). C1 controls are left out on purpose: the latin-1 fallback
# turns cp1252-style curly quotes into them, and that is text, not binary.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")

# Every boundary str.splitlines knows: a pair's segment must stay on one line
# however a later stage or a terminal decides to split it.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


@dataclass(frozen=True)
class PairRecord:
    """One line of a pairs file; ``id`` and ``doc`` are echoed as strings."""

    id: str | None
    source: str
    target: str
    doc: str | None


# --------------------------------------------------------------------------- decoding


def decode(data: bytes) -> str:
    """Decode file bytes to text with ``\\n`` newlines and no BOM.

    A BOM decides the encoding (UTF-8, UTF-16 or UTF-32); without one, UTF-8
    is tried, then cp1252, then latin-1, which accepts any byte, so this never
    raises.
    """
    encoding, bom_length = _bom(data)
    if encoding is not None:
        # A BOM is a deliberate statement of encoding: a few bad bytes after it
        # should become U+FFFD, not turn the whole file into mojibake.
        text = data[bom_length:].decode(encoding, errors="replace")
    else:
        text = _decode_legacy(data)
    # Every offset in mtcheck refers to this string, so newlines are fixed
    # once here rather than tolerated by each stage.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom(data: bytes) -> tuple[str | None, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def _decode_legacy(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# --------------------------------------------------------------------------- files


def read_text(path: str | os.PathLike, *, lang: str = "en") -> Text:
    """Read an article file into a ``Text`` whose ``path`` is ``str(path)``."""
    text = _read_decoded(path)
    if not text.strip():
        raise InputError(f"{_shown(path)} is empty")
    return Text(text, lang, str(path))


def _read_decoded(path: str | os.PathLike) -> str:
    """The decoded text of a file, after every check that applies to any input."""
    data = _read_bytes(path)
    if not data:
        raise InputError(f"{_shown(path)} is empty")
    encoding, _ = _bom(data)
    if encoding not in _WIDE_ENCODINGS and b"\0" in data[:_SNIFF_BYTES]:
        raise InputError(_binary_message(path, data[:_SNIFF_BYTES]))
    text = decode(data)
    sample = text[:_SNIFF_CHARS]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(_binary_message(path, b""))
    return text


def _read_bytes(path: str | os.PathLike) -> bytes:
    try:
        info = os.stat(path)
    except OSError as error:
        raise _os_error(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{_shown(path)} is a directory, not a text file")
    # Refuse before reading, so a huge file costs neither time nor memory.
    if info.st_size > MAX_BYTES:
        raise InputError(_too_big(path, f"{-(-info.st_size // _MIB)} MB"))
    try:
        with open(path, "rb") as handle:
            # Bounded read: pipes report size 0 and files can grow after stat.
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise _os_error(path, error) from None
    if len(data) > MAX_BYTES:
        raise InputError(_too_big(path, "more than 50 MB"))
    return data


def _os_error(path: str | os.PathLike, error: OSError) -> InputError:
    shown = _shown(path)
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return InputError(f"no such file: {shown}")
    if isinstance(error, IsADirectoryError):
        return InputError(f"{shown} is a directory, not a text file")
    if isinstance(error, PermissionError):
        return InputError(f"cannot read {shown}: permission denied")
    reason = error.strerror or str(error)
    return InputError(f"cannot read {shown}: {reason}")


def _too_big(path: str | os.PathLike, size: str) -> str:
    return f"{_shown(path)} is {size}; mtcheck refuses files over {MAX_BYTES // _MIB} MB"


def _binary_message(path: str | os.PathLike, head: bytes) -> str:
    message = f"{_shown(path)} looks binary, not text"
    # UTF-16 saved without a BOM is the one "binary" file users mean as text:
    # most bytes on one side are NUL, almost none on the other. A few bytes
    # cannot show that pattern, hence the minimum.
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if half >= 8 and max(even, odd) > 0.5 * half and min(even, odd) < 0.05 * half:
        message += " (UTF-16 without a byte-order mark? save it as UTF-8)"
    return message


def _shown(path: str | os.PathLike) -> str:
    # Messages must stay on one line even for a file name with a newline in it.
    name = os.fsdecode(path)
    return name if name.isprintable() else repr(name)


# --------------------------------------------------------------------------- pairs


def read_pairs(path: str | os.PathLike) -> tuple[PairRecord, ...]:
    """Read pre-aligned pairs from a JSONL or TSV file, told apart by content.

    JSONL when the first non-blank line starts with ``{``: one object per
    line with string ``source`` and ``target``, optional ``id`` and ``doc``
    (string or integer). Otherwise TSV: ``source<TAB>target`` or
    ``id<TAB>source<TAB>target``. Blank lines are skipped; line numbers in
    messages count every line, from 1.
    """
    text = _read_decoded(path)
    if not text:  # only a BOM
        raise InputError(f"{_shown(path)} is empty")
    lines = [
        (number, line)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    ]
    if not lines:
        raise InputError(f"{_shown(path)} holds no pairs")
    parse = _parse_json_line if lines[0][1].lstrip().startswith("{") else _parse_tsv_line
    return tuple(parse(line, f"{_shown(path)} line {number}") for number, line in lines)


def _parse_json_line(line: str, where: str) -> PairRecord:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object, got {_json_type(value)}")
    segments = []
    for key in ("source", "target"):
        if key not in value:
            raise InputError(f"{where}: missing {key!r}")
        if not isinstance(value[key], str):
            raise InputError(f"{where}: {key!r} must be a string, not {_json_type(value[key])}")
        segments.append(_one_line(value[key]))
    return PairRecord(_label(value, "id", where), segments[0], segments[1], _label(value, "doc", where))


def _label(value: dict, key: str, where: str) -> str | None:
    """An optional id or doc: a string or integer, echoed as a string."""
    label = value.get(key)
    # bool is an int subclass, but `"id": true` is a mistake, not the id "True".
    if isinstance(label, int) and not isinstance(label, bool):
        return str(label)
    if label is None or isinstance(label, str):
        # An empty label cannot name anything in a report; treat it as absent.
        return _one_line(label) or None
    raise InputError(f"{where}: {key!r} must be a string or an integer, not {_json_type(label)}")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", float: "a number"}
    if value is None:
        return "null"
    if isinstance(value, int) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _parse_tsv_line(line: str, where: str) -> PairRecord:
    fields = line.split("\t")
    if len(fields) == 2:
        pair_id, source, target = None, *fields
    elif len(fields) == 3:
        pair_id, source, target = fields
    else:
        raise InputError(
            f"{where}: expected 2 tab-separated fields (source, target) "
            f"or 3 (id, source, target), found {len(fields)}"
        )
    return PairRecord(_one_line(pair_id) or None, _one_line(source), _one_line(target), None)


def _one_line(value: str | None) -> str | None:
    return None if value is None else _LINE_BREAK.sub(" ", value)


def group_documents(
    records: Iterable[PairRecord], default_id: str
) -> list[tuple[str, list[PairRecord]]]:
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
