"""mtcheck.segment.language: whole-document language identification, and the source's check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.segment import _tally, language
from mtcheck.segment import sampling
from mtcheck.segment.documents import join_segments
from mtcheck.errors import InputError
from mtcheck.segment.language import LanguageProfile, checked_source, identify
from mtcheck.segment.sentences import segment
from mtcheck.types import Text

FIXTURES = Path(__file__).parent / "fixtures"
LANGUAGE = FIXTURES / "language"
SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed"

INDONESIAN = (
    "Pemerintah Indonesia mengumumkan bahwa harga bahan bakar minyak akan naik mulai bulan depan karena subsidi "
    "yang terus membengkak. Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada hari Senin, yang "
    "diharapkan dapat mengurangi kemacetan selama musim mudik Lebaran. Para pengemudi menyambut baik keputusan itu."
)
VIETNAMESE = (
    "Chính phủ thông báo vào thứ Ba rằng thuế xăng sẽ tăng vào năm tới, điều này bị phe đối lập chỉ trích gay gắt. "
    "Mưa lớn đã gây ra lũ lụt nghiêm trọng ở nhiều tỉnh miền Trung, buộc hàng nghìn người phải rời khỏi nhà của họ."
)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def profile_of(path: Path, *, by_segments: bool = True) -> tuple[str, LanguageProfile]:
    text = read(path)
    return text, identify(text, segment(text) if by_segments else None)


@pytest.fixture
def no_lingua(monkeypatch):
    """lingua must not load: the word count alone decides."""

    def refuse():
        raise AssertionError("lingua was loaded")

    monkeypatch.setattr(language, "_detector", refuse)


# --- whole documents ----------------------------------------------------------


@pytest.mark.parametrize(
    "name, language_name, code",
    [("german", "German", "de"), ("french", "French", "fr"), ("chinese", "Chinese", "zh"), ("arabic", "Arabic", "ar")],
)
@pytest.mark.parametrize("by_segments", [True, False])
def test_a_foreign_article_is_foreign_and_named(name, language_name, code, by_segments):
    text, profile = profile_of(LANGUAGE / f"{name}.txt", by_segments=by_segments)
    assert profile.enough and not profile.sampled
    assert profile.foreign_share == 1.0
    assert profile.main_foreign == (language_name, code)
    assert profile.passages() == [(0, len(text.rstrip()))]


@pytest.mark.parametrize(
    "path",
    [
        LANGUAGE / "english.txt",
        LANGUAGE / "english_naming_german.txt",  # "Willkommen, Nachbarn", "Berlin kann das", Straße des 17. Juni
        FIXTURES / "article.source.txt",
        FIXTURES / "article.target.txt",
        SEED / "source.en.txt",
        SEED / "target.txt",  # English with German MT artifacts ("society, Politics and government")
    ],
    ids=lambda path: path.name,
)
def test_english_articles_have_no_foreign_share(path):
    # Asked about every unclear chunk (ignore_below=0), lingua still finds no foreign text.
    _, profile = profile_of(path)
    assert profile.enough
    assert profile.foreign_share == 0.0
    assert profile.passages() == []


@pytest.mark.parametrize("path", [LANGUAGE / "english.txt", SEED / "target.txt"], ids=lambda path: path.name)
def test_english_costs_no_lingua_when_the_share_does_not_matter(path, no_lingua):
    text = read(path)
    assert identify(text, segment(text), ignore_below=0.25).foreign_share == 0.0


def test_german_paragraphs_in_an_english_article_are_found_where_they_are():
    text, profile = profile_of(LANGUAGE / "english_with_german.txt")
    paragraphs = text.split("\n\n")
    german = [paragraphs[2], paragraphs[4]]  # 39% of the letters
    assert 0.33 <= profile.foreign_share <= 0.45
    assert profile.main_foreign == ("German", "de")
    assert [text[start:end] for start, end in profile.passages()] == german


@pytest.mark.parametrize("text", [INDONESIAN, VIETNAMESE], ids=["indonesian", "vietnamese"])
def test_latin_languages_lingua_does_not_know_are_still_not_english(text):
    # lingua, given neither, reads both as English chunk by chunk; without a
    # single English function word in 20+ words the text is not English.
    profile = identify(text)
    assert profile.foreign_share == 1.0


def test_styled_latin_letters_are_read_as_latin():
    # Mathematical bold italic, as social media and hypothesis write English.
    line = "𝑻𝒉𝒆 𝒒𝒖𝒊𝒄𝒌 𝒃𝒓𝒐𝒘𝒏 𝒇𝒐𝒙 𝒋𝒖𝒎𝒑𝒔 𝒐𝒗𝒆𝒓 𝒕𝒉𝒆 𝒍𝒂𝒛𝒚 𝒅𝒐𝒈"
    profile = identify("\n".join([line] * 4))
    assert profile.enough and profile.foreign_share == 0.0


# --- evidence -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hochwasser in Süddeutschland",
        "Die Lage ist weiterhin sehr ernst, sagte der Minister.",
        "德国南部洪水",
        "Die Lage ist ernst.\nDer Minister sagte das.\nEr kam am Sonntag.",
    ],
)
def test_a_headline_or_a_few_words_are_never_judged(text, no_lingua):
    profile = identify(text)
    assert not profile.enough
    assert profile.foreign_share == 0.0


SHORT_CHINESE = "部长周一表示谈判将继续进行\n政府本周宣布了新的抗通胀措施主要是为了减轻家庭负担\n批评者认为这些计划是不够的并呼吁全面改革税收制度\n"


def test_a_short_chinese_article_is_judged():
    # 63 characters, about 40 English words: under 100 letters, but Han
    # characters each carry about what three Latin letters do.
    profile = identify(SHORT_CHINESE)
    assert profile.enough
    assert profile.foreign_share == 1.0


def test_short_segments_are_judged_together():
    # A pairs file's document: no segment has the 8 words a chunk needs alone.
    segments = [
        "Die Lage ist weiterhin sehr ernst.",
        "Das sagte der Minister.",
        "Die Pegel steigen über Nacht.",
        "Die Bundeswehr hilft beim Füllen.",
        "Zwei Menschen sind gestorben.",
        "Ein Feuerwehrmann wird vermisst.",
    ]
    text, units = join_segments(segments)
    profile = identify(text.text, units)
    assert profile.enough
    assert profile.main_foreign == ("German", "de") and profile.foreign_share == 1.0


# --- cost -------------------------------------------------------------------------


def test_a_long_text_is_sampled_in_spread_windows(monkeypatch):
    english = read(LANGUAGE / "english.txt")
    german = read(LANGUAGE / "german.txt")
    text = "\n".join([english] * 150 + [german] * 150)  # ~440,000 characters, the second half German
    read_chars = []
    original = _tally._Tally.add

    def counting(self, text, start, end):
        read_chars.append(end - start)
        return original(self, text, start, end)

    monkeypatch.setattr(_tally._Tally, "add", counting)
    profile = identify(text)
    assert profile.sampled
    assert sum(read_chars) <= sampling.SAMPLE_CHARS + sampling.WINDOWS * sampling.UNIT_CHARS
    assert 0.4 <= profile.foreign_share <= 0.6
    assert min(start for start, _ in profile.passages()) >= len("\n".join([english] * 150)) - sampling.UNIT_CHARS


def test_naming_a_long_foreign_text_asks_lingua_about_a_bounded_number_of_chunks(monkeypatch):
    calls = []
    monkeypatch.setattr(language, "_lingua", lambda text, english_allowed: calls.append(text) or ("German", "de"))
    text = "\n".join([read(LANGUAGE / "german.txt")] * 300)
    profile = identify(text)
    assert profile.foreign_share == 1.0
    assert len(calls) <= language.NAMED_CHUNKS


def test_a_one_line_text_is_sampled_too():
    text = read(LANGUAGE / "chinese.txt").replace("\n", "") * 400  # ~150,000 characters, one line
    profile = identify(text)
    assert profile.sampled and profile.main_foreign == ("Chinese", "zh")


# --- the source ------------------------------------------------------------------


def source(path: Path) -> tuple[Text, tuple]:
    text = Text(read(path), path=str(path))
    return text, segment(text.text)


def test_a_german_source_is_refused_in_one_line():
    text, segments = source(LANGUAGE / "german.txt")
    with pytest.raises(InputError) as error:
        checked_source(text, segments, allowed=False, name="source.txt")
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("source.txt looks German, not English (100% of its text)")
    assert "--allow-non-english-source" in message


def test_an_allowed_foreign_source_carries_its_language():
    text, segments = source(LANGUAGE / "chinese.txt")
    assert checked_source(text, segments, allowed=True, name="source.txt").lang == "zh"


@pytest.mark.parametrize("path", [LANGUAGE / "english.txt", LANGUAGE / "english_with_german.txt", SEED / "source.en.txt"])
def test_an_english_source_passes_unchanged(path):
    # 39% German is a strange source, but a mostly English one.
    text, segments = source(path)
    assert checked_source(text, segments, allowed=False, name="source.txt") is text


def test_a_short_foreign_source_is_not_judged():
    text = Text("Hochwasser in Süddeutschland: Tausende verlassen ihre Häuser")
    assert checked_source(text, segment(text.text), allowed=False, name="source.txt") is text


# --- properties ---------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["the", "Die", "und", "of", "Regierung", "字", "。", "؟", "الأمطار", "and", "\n", "\n\n", " ", ". ", "x" * 50]
)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=200).map(" ".join)))
def test_profiles_are_well_formed_for_any_text(text):
    for units in (None, segment(text)):
        profile = identify(text, units)
        shares = [share for _, share in profile.shares()]
        assert all(0 < share <= 1 for share in shares) and (not shares or abs(sum(shares) - 1) < 1e-9)
        assert 0 <= profile.foreign_share <= 1
        previous = 0
        for start, end in profile.passages():
            assert previous <= start < end <= len(text)
            previous = end
