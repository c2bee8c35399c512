"""Speed of the language identification behind the ``untranslated`` check.

Prints lingua's detector build time (once per process), then lines/s and
words/s on the seed article's target lines and on German sentences, each
text identified afresh (no cache), and the whole check on the seed pair.

    .venv/bin/python benchmarks/langid_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from mtcheck.views import DocumentView
from mtcheck.checks.untranslated import LANGUAGES, UntranslatedCheck, identify_language, language_detector
from mtcheck.english.words import LETTER_WORD as WORD
from mtcheck.config import Config
from mtcheck.pipeline import compare_texts
from mtcheck.types import Text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed"
GERMAN = [
    "Die Milizen sind tief in der irakischen Gesellschaft verwurzelt.",
    "Vergeltung für getötete Soldaten – US-Angriffe verärgern wichtige Verbündete im Irak.",
    "Der irakische Ministerpräsident steht zunehmend unter Druck, sich gegen die USA zu stellen.",
    "Viele sehen darin den jüngsten Angriff auf die Unabhängigkeit des Irak.",
    "Für die Regierung von Joe Biden zeigt die Reaktion, wie schwierig eine Sicherheitspartnerschaft ist.",
    "Die Vereinigten Staaten hatten beschlossen, den Iran nicht direkt anzugreifen.",
    "Bisher wurden in Spanien mehr als 272.000 Infektionen registriert.",
    "Drei Menschen wurden verletzt, als ein Mitglied der Gruppe am Samstag einen Schuss abgab.",
]


def rate(texts: list[str], repeat: int) -> tuple[float, float]:
    """Texts/s and words/s, calling lingua directly so that no cache answers."""
    identify = identify_language.__wrapped__
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            identify(text)
    elapsed = time.perf_counter() - start
    words = sum(len(WORD.findall(text)) for text in texts) * repeat
    return len(texts) * repeat / elapsed, words / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over each set of texts")
    args = parser.parse_args()

    start = time.perf_counter()
    language_detector()
    print(f"lingua detector over {len(LANGUAGES)} languages: built in {time.perf_counter() - start:.2f} s")

    seed_target = (SEED / "target.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in seed_target.splitlines() if line.strip()]
    words = sorted({w for line in lines for w in WORD.findall(line)})
    for label, texts in (("seed target lines", lines), ("German sentences", GERMAN), ("seed target words", words)):
        per_text, per_word = rate(texts, args.repeat)
        print(f"{label:>18}: {len(texts):4d} texts, {per_text:9.0f} texts/s, {per_word:9.0f} words/s")

    source = Text((SEED / "source.en.txt").read_text(encoding="utf-8"))
    document = compare_texts(source, Text(seed_target), Config(models=False, checks=()))
    identify_language.cache_clear()
    start = time.perf_counter()
    found = list(UntranslatedCheck().run(DocumentView(document)))
    print(f"untranslated check on the seed pair: {time.perf_counter() - start:.3f} s, {len(found)} findings")


if __name__ == "__main__":
    main()
