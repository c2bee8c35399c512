"""mtcheck.read.text decoding: bad bytes in UTF-8, where they were replaced, and the warning about them."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.read import text as mtio
from mtcheck.errors import InputError
from mtcheck.read.text import decode, decode_bytes, decode_warning, read_text, replaced_characters
from mtcheck.types import Decoding, Text

HEADLINE = "“Endangering internal peace”: US attack in Baghdad puts Iraqi government under pressure\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- which encoding


def test_one_bad_byte_in_utf8_keeps_every_curly_quote():
    data = HEADLINE.encode("utf-8").replace(b"US", b"U\x96S")  # a cp1252 en dash pasted in
    assert decode(data) == HEADLINE.replace("US", "U\ufffdS")


def test_a_cut_sequence_is_one_replacement_character():
    # The seed sentence with the third byte of its opening quote lost.
    data = "The Americans “blame Iran, and they talk about Iran,” said".encode("utf-8")
    cut = data.index(b"\xe2\x80\x9c") + 2
    text, decoding = decode_bytes(data[:cut] + data[cut + 1 :])
    assert text == "The Americans \ufffdblame Iran, and they talk about Iran,” said"
    assert decoding == Decoding("utf-8", ((14, 2),))


def test_cp1252_stays_cp1252():
    # Not one valid multi-byte sequence: every high byte is a cp1252 character.
    assert decode_bytes(b"\x93Caf\xe9\x94 \x96 the caf\xe9 is open") == (
        "“Café” – the café is open",
        Decoding("cp1252"),
    )
    # Plain ASCII with one high byte is more likely cp1252 than broken UTF-8.
    assert decode_bytes(b"The caf\xe9 is open") == ("The café is open", Decoding("cp1252"))


def test_more_bad_stretches_than_good_sequences_is_legacy():
    # One valid sequence (“), two stray bytes: cp1252 explains more of the file.
    assert decode_bytes("“a".encode("utf-8") + b" \xe9 \xe8") == ("â€œa é è", Decoding("cp1252"))
    assert decode_bytes("“a".encode("utf-8") + b" \xe9 \x81") == ("â\x80\x9ca é \x81", Decoding("latin-1"))


def test_replacement_offsets_index_the_newline_normalised_text():
    text, decoding = decode_bytes("a\r\nb".encode() + b"\xff" + "\r\nc “x”\r\n\xe9".encode() + b"\xe2\x82")
    assert text == "a\nb\ufffd\nc “x”\né\ufffd"
    assert decoding == Decoding("utf-8", ((3, 1), (12, 2)))
    assert [text[offset] for offset, _ in decoding.replaced] == ["\ufffd", "\ufffd"]


def test_a_bom_records_its_replacements_too():
    assert decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\r\x00\n\x00b") == ("a\n\ufffd", Decoding("utf-16-le", ((2, 1),)))
    assert decode_bytes(codecs.BOM_UTF8 + b"ok \xff") == ("ok \ufffd", Decoding("utf-8", ((3, 1),)))
    assert decode_bytes(codecs.BOM_UTF8 + b"ok") == ("ok", Decoding("utf-8"))


def test_replacement_characters_the_file_spells_are_not_replacements():
    text, decoding = decode_bytes("caf\ufffd “x” ".encode("utf-8") + b"\xff")
    assert text == "caf\ufffd “x” \ufffd"
    assert decoding.replaced == ((9, 1),)
    assert replaced_characters(text) == [3, 9]


NON_ASCII_TEXT = st.text(min_size=1, max_size=200).filter(lambda s: any(ord(ch) > 127 for ch in s))


@settings(max_examples=300)
@given(NON_ASCII_TEXT, st.data())
def test_a_stray_byte_in_utf8_text_becomes_one_replacement_where_it_was(text, data):
    # 0xFF is never valid UTF-8; at a character boundary it cannot join a neighbour.
    at = data.draw(st.integers(0, len(text)))
    decoded, decoding = decode_bytes(text[:at].encode("utf-8") + b"\xff" + text[at:].encode("utf-8"))
    expected_offset = len(normalised(text[:at]))
    if text.startswith("\ufeff") and at > 0:
        return  # then the file starts with a UTF-8 BOM, which is read as one
    assert decoded == normalised(text[:at]) + "\ufffd" + normalised(text[at:])
    assert decoding == Decoding("utf-8", ((expected_offset, 1),))


@settings(max_examples=300)
@given(st.text(max_size=100), st.lists(st.tuples(st.integers(0, 100), st.binary(min_size=1, max_size=3)), max_size=5))
def test_any_bytes_in_utf8_decode_consistently(text, insertions):
    data = text.encode("utf-8")
    for at, junk in insertions:
        data = data[:at] + junk + data[at:]
    decoded, decoding = decode_bytes(data)
    assert "\r" not in decoded
    offsets = [offset for offset, _ in decoding.replaced]
    assert offsets == sorted(set(offsets))
    assert all(decoded[offset] == "\ufffd" for offset in offsets)
    assert set(offsets) <= set(replaced_characters(decoded))
    if decoding.encoding == "utf-8" and not data.startswith(codecs.BOM_UTF8):
        # Exactly what Python's errors="replace" gives, and every bad byte is counted.
        assert decoded == normalised(data.decode("utf-8", errors="replace"))
        escaped = data.decode("utf-8", errors="surrogateescape")
        assert sum(size for _, size in decoding.replaced) == len(re.findall("[\udc80-\udcff]", escaped))
    else:
        assert decoding.replaced == () or data.startswith(codecs.BOM_UTF8)


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_after_a_bom_decoding_is_errors_replace_with_each_replacement_recorded(data):
    for bom, encoding in mtio._BOMS:
        if mtio._bom(bom + data)[0] != encoding:
            continue  # FF FE 00 00 is UTF-32's BOM, not UTF-16's
        text, decoding = decode_bytes(bom + data)
        assert text == normalised(data.decode(encoding, errors="replace"))
        assert decoding.encoding == encoding
        assert all(text[offset] == "\ufffd" for offset, _ in decoding.replaced)
        assert sum(size for _, size in decoding.replaced) <= len(data)


# --------------------------------------------------------------------------- binary or text


def test_a_short_mostly_utf8_file_with_a_bad_byte_is_text_not_binary(tmp_path):
    path = write(tmp_path, "a.txt", "“Hi” ".encode("utf-8") + b"\xff")
    assert read_text(path).text == "“Hi” \ufffd"


def test_replacement_characters_spelled_in_a_utf8_file_are_text(tmp_path):
    path = write(tmp_path, "a.txt", "\ufffd\ufffd abc".encode("utf-8"))
    assert read_text(path).text == "\ufffd\ufffd abc"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + b"\xff\xfe\xfd\xfc\xfb abc",  # undecodable under a BOM
        bytes(range(1, 256)) * 4,  # no NUL, but control characters throughout
        b"\xc3\xa9" + b"\x01\x02\x03" * 20,  # "mostly UTF-8", still binary by its controls
    ],
)
def test_binary_is_still_binary(tmp_path, data):
    path = write(tmp_path, "a.bin", data)
    with pytest.raises(InputError, match=f"^{re.escape(str(path))} looks binary, not text$"):
        read_text(path)


# --------------------------------------------------------------------------- the warning


def test_warning_counts_bytes_and_places_the_first(tmp_path):
    data = "Title\r\n\r\nIt’s “body” text: ".encode("utf-8") + b"\x96\xe2\x80 and \xff.\r\n"
    path = write(tmp_path, "target.txt", data)
    text = read_text(path)
    assert text.text == "Title\n\nIt’s “body” text: \ufffd\ufffd and \ufffd.\n"
    # Three stretches (0x96; E2 80 cut short; 0xFF) of four bytes, against three good quotes.
    assert decode_warning(text) == (
        f"{path}: 4 bytes were not valid UTF-8 and were replaced with U+FFFD (first at line 3, column 19)"
    )


def test_warning_for_one_byte_at_the_start(tmp_path):
    path = write(tmp_path, "t.txt", b"\xff" + "“ok”".encode("utf-8"))
    assert decode_warning(read_text(path)) == (
        f"{path}: 1 byte was not valid UTF-8 and was replaced with U+FFFD (first at line 1, column 1)"
    )


def test_warning_names_the_bom_encoding(tmp_path):
    text = "A UTF-16 file whose last byte is missing.\n"
    path = write(tmp_path, "t.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be") + b"\x00")
    assert decode_warning(read_text(path)) == (
        f"{path}: 1 byte was not valid UTF-16 and was replaced with U+FFFD (first at line 2, column 1)"
    )


def test_no_warning_for_clean_legacy_or_spelled_replacement_characters(tmp_path):
    for data in ["“clean”".encode("utf-8"), b"caf\xe9", "caf\ufffd".encode("utf-8")]:
        assert decode_warning(read_text(write(tmp_path, "t.txt", data))) is None
    assert decode_warning(Text("caf\ufffd")) is None  # no decoding known: nothing to say


def test_decoding_takes_no_part_in_equality(tmp_path):
    path = write(tmp_path, "t.txt", b"\xff" + "“ok”".encode("utf-8"))
    text = read_text(path)
    assert text.decoding == Decoding("utf-8", ((0, 1),))
    assert text == Text("\ufffd“ok”", "en", str(path))
