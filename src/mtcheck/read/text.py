"""Read article files into mtcheck's types; pairs files live in ``mtcheck.read.pairs``.

Everything a user can get wrong about an input file (missing, a directory,
too big, empty, binary, unreadable, malformed) becomes an ``InputError`` with
a one-line message naming the file, which the CLI prints and exits 2 on. The
path ``"-"`` (the string) means standard input, named ``<stdin>`` in messages.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys

from mtcheck.errors import InputError
from mtcheck.types import Decoding, Text

MAX_BYTES = 50 * 1024 * 1024
_MIB = 1024 * 1024
STDIN = "-"

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
# return, plus DEL. C1 controls are left out on purpose: the latin-1 fallback
# turns cp1252-style curly quotes into them, and that is text, not binary.
# U+FFFD that decoding inserted is counted separately (see read_decoded).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


# --------------------------------------------------------------------------- decoding


def decode(data: bytes) -> str:
    """Decode file bytes to text with ``\\n`` newlines and no BOM; never raises.

    A BOM decides the encoding (UTF-8, UTF-16 or UTF-32); bytes not valid in
    it become U+FFFD. Without a BOM: UTF-8 if the bytes are valid UTF-8.
    Otherwise, if the file is mostly UTF-8 (``_mostly_utf8``: at least as
    many valid multi-byte sequences as invalid stretches), UTF-8 with each
    invalid stretch replaced by one U+FFFD, as Python's ``errors="replace"``
    does: one stray byte must not turn every curly quote into mojibake.
    Else cp1252, then latin-1, which accepts any byte.
    """
    return decode_bytes(data)[0]


def decode_bytes(data: bytes) -> tuple[str, Decoding]:
    """``decode``, plus the encoding used and where U+FFFD replaced bytes."""
    encoding, bom_length = _bom(data)
    if encoding is None:
        try:
            return _normalise_newlines(data.decode("utf-8")), Decoding("utf-8")
        except UnicodeDecodeError:
            encoding = "utf-8" if _mostly_utf8(data) else None
    if encoding is None:
        try:
            return _normalise_newlines(data.decode("cp1252")), Decoding("cp1252")
        except UnicodeDecodeError:
            return _normalise_newlines(data.decode("latin-1")), Decoding("latin-1")
    # A BOM is a deliberate statement of encoding, and mostly valid UTF-8 is
    # as good as one: a few bad bytes become U+FFFD, not a file of mojibake.
    return _decode_replacing(memoryview(data)[bom_length:], encoding)


def _bom(data: bytes) -> tuple[str | None, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def _mostly_utf8(data: bytes) -> bool:
    """At least one valid multi-byte UTF-8 sequence, and no fewer of them than invalid stretches.

    A stretch is what ``errors="replace"`` turns into one U+FFFD: a stray
    byte, or a sequence cut short. A cp1252 file has no valid multi-byte
    sequences; a UTF-8 file with a cut curly quote has others intact.
    """
    # surrogateescape turns each invalid byte into one lone surrogate, which
    # "ignore" then drops; counting by lengths keeps memory flat on 50 MB.
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid_bytes = len(data) - len(escaped.encode("utf-8", errors="ignore"))
    multi_byte = len(escaped) - len(escaped.encode("ascii", errors="ignore")) - invalid_bytes
    # U+FFFD the file spells in valid UTF-8 is in both decodings.
    stretches = data.decode("utf-8", errors="replace").count("\ufffd") - escaped.count("\ufffd")
    return multi_byte >= stretches > 0


def _decode_replacing(data: memoryview, encoding: str) -> tuple[str, Decoding]:
    """Decode like ``errors="replace"``, recording each U+FFFD's offset and byte count."""
    # Decoders never output surrogates, so the marks _mark_undecodable leaves
    # are unambiguous; a ``\r\n`` never straddles one, so newlines can be
    # normalised first and the offsets found are those of the final text.
    marked = _normalise_newlines(str(data, encoding, _MARK_ERRORS))
    replaced = []
    shrunk = 0  # each earlier mark of n characters became one U+FFFD
    for match in _MARK.finditer(marked):
        size = match.end() - match.start()
        replaced.append((match.start() - shrunk, size))
        shrunk += size - 1
    return _MARK.sub("\ufffd", marked), Decoding(encoding, tuple(replaced))


def _mark_undecodable(error: UnicodeDecodeError) -> tuple[str, int]:
    """An error handler: n undecodable bytes become one high and n - 1 low surrogates."""
    return "\ud800" + "\udc00" * (error.end - error.start - 1), error.end


_MARK_ERRORS = "mtcheck-mark-undecodable"
_MARK = re.compile("\ud800\udc00*")
codecs.register_error(_MARK_ERRORS, _mark_undecodable)


def _normalise_newlines(text: str) -> str:
    # Every offset in mtcheck refers to the decoded string, so newlines are
    # fixed once here rather than tolerated by each stage.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def replaced_characters(text: str) -> list[int]:
    """Offsets of every U+FFFD in ``text``, whether decoding or the file put it there."""
    return [match.start() for match in re.finditer("\ufffd", text)]


def decode_warning(text: Text) -> str | None:
    """One line saying how many bytes decoding replaced and where the first is, or None.

    Only replacements made while reading count (``Text.decoding``); a U+FFFD
    the file itself holds is left to the ``encoding`` check.
    """
    replaced = text.decoding.replaced if text.decoding else ()
    if not replaced:
        return None
    count = sum(size for _, size in replaced)
    offset = replaced[0][0]
    line = text.text.count("\n", 0, offset) + 1
    column = offset - (text.text.rfind("\n", 0, offset) + 1) + 1
    name = shown(text.path) if text.path is not None else "the text"
    encoding = text.decoding.encoding.upper().removesuffix("-LE").removesuffix("-BE")
    verb = "was" if count == 1 else "were"
    return (
        f"{name}: {count} byte{'' if count == 1 else 's'} {verb} not valid {encoding} and {verb} "
        f"replaced with U+FFFD (first at line {line}, column {column})"
    )


# --------------------------------------------------------------------------- files


def read_text(path: str | os.PathLike, *, lang: str = "en") -> Text:
    """Read an article file (or stdin for ``"-"``) into a ``Text`` whose ``path`` is ``str(path)``."""
    return text_from_bytes(_read_bytes(path), path, lang=lang)


def text_from_bytes(data: bytes, path: str | os.PathLike, *, lang: str = "en") -> Text:
    """``read_text`` of bytes already read from ``path`` (a batch keys an article by the bytes it checks)."""
    text, decoding = decoded(data, path)
    if not text.strip():
        raise InputError(f"{shown(path)} is empty")
    return Text(text, lang, str(path), decoding)


def read_decoded(path: str | os.PathLike) -> tuple[str, Decoding]:
    """The decoded text of a file, after every check that applies to any input."""
    return decoded(_read_bytes(path), path)


def decoded(data: bytes, path: str | os.PathLike) -> tuple[str, Decoding]:
    """``read_decoded`` of bytes read from ``path``: refused when empty or binary, named by ``path``."""
    if not data:
        raise InputError(f"{shown(path)} is empty")
    bom_encoding, _ = _bom(data)
    if bom_encoding not in _WIDE_ENCODINGS and b"\0" in data[:_SNIFF_BYTES]:
        raise InputError(_binary_message(path, data[:_SNIFF_BYTES]))
    text, decoding = decode_bytes(data)
    sample = text[:_SNIFF_CHARS]
    suspicious = len(_CONTROL.findall(sample))
    if bom_encoding is not None:
        # Bytes a BOM's encoding cannot read hint at binary. Without a BOM,
        # UTF-8 with replacements was only chosen because valid multi-byte
        # sequences are at least as many as bad stretches: binary never is.
        suspicious += sum(1 for offset, _ in decoding.replaced if offset < len(sample))
    if sample and suspicious > _MAX_CONTROL_SHARE * len(sample):
        raise InputError(_binary_message(path, b""))
    return text, decoding


def _read_bytes(path: str | os.PathLike) -> bytes:
    if is_stdin(path):
        return _read_stdin()
    try:
        info = os.stat(path)
    except OSError as error:
        raise _os_error(path, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{shown(path)} is a directory, not a text file")
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


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("cannot read <stdin>: there is no standard input")
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise _os_error(STDIN, error) from None
    except ValueError:  # read from a closed file
        raise InputError("cannot read <stdin>: it is closed") from None
    if len(data) > MAX_BYTES:
        raise InputError(_too_big(STDIN, "more than 50 MB"))
    return data


def is_stdin(path: str | os.PathLike) -> bool:
    # Only the string "-": a file really called "-" is still Path("-") or "./-".
    return isinstance(path, str) and path == STDIN


def _os_error(path: str | os.PathLike, error: OSError) -> InputError:
    name = shown(path)
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return InputError(f"no such file: {name}")
    if isinstance(error, IsADirectoryError):
        return InputError(f"{name} is a directory, not a text file")
    if isinstance(error, PermissionError):
        return InputError(f"cannot read {name}: permission denied")
    reason = error.strerror or str(error)
    return InputError(f"cannot read {name}: {' '.join(reason.split())}")


def _too_big(path: str | os.PathLike, size: str) -> str:
    return f"{shown(path)} is {size}; mtcheck refuses files over {MAX_BYTES // _MIB} MB"


def _binary_message(path: str | os.PathLike, head: bytes) -> str:
    message = f"{shown(path)} looks binary, not text"
    # UTF-16 saved without a BOM is the one "binary" file users mean as text:
    # most bytes on one side are NUL, almost none on the other. A few bytes
    # cannot show that pattern, hence the minimum.
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if half >= 8 and max(even, odd) > 0.5 * half and min(even, odd) < 0.05 * half:
        message += " (UTF-16 without a byte-order mark? save it as UTF-8)"
    return message


def shown(path: str | os.PathLike) -> str:
    """The name messages give ``path``: ``<stdin>`` for ``"-"``, always one line."""
    if is_stdin(path):
        return "<stdin>"
    name = os.fsdecode(path)
    return name if name.isprintable() else repr(name)
