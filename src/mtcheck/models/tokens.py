"""Tokenising for the models with the ``tokenizers`` package alone: no transformers import at run time.

A model folder's ``tokenizer.json`` is the tokenizer transformers' fast
tokenizers wrap, so the ids and character offsets are the same (a test
compares them on both packaged models). The special tokens' names come from
``tokenizer_config.json`` or ``special_tokens_map.json``, as transformers reads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from mtcheck.errors import InputError

SPECIAL_FILES = ("tokenizer_config.json", "special_tokens_map.json")
TOKENIZER_FILES = ("tokenizer.json", *SPECIAL_FILES)


@dataclass(frozen=True)
class Encoded:
    """One text's token ids and each token's ``(start, end)`` character offsets."""

    ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]


class TextTokenizer:
    """What the language model and the embedder ask of a tokenizer."""

    def __init__(self, backend, specials: dict[str, str | None]) -> None:
        self.backend = backend  # a tokenizers.Tokenizer
        self.vocabulary: dict[str, int] = backend.get_vocab(with_added_tokens=True)
        self.bos_token_id, self.eos_token_id, self.pad_token_id = (
            self.token_id(specials.get(name)) for name in ("bos_token", "eos_token", "pad_token")
        )

    @classmethod
    def from_folder(cls, folder: str | Path, what: str) -> TextTokenizer:
        from tokenizers import Tokenizer

        path = Path(folder) / "tokenizer.json"
        if not path.is_file():
            raise InputError(f"{what} needs a fast tokenizer (tokenizer.json) for character offsets; none in {folder}")
        try:
            backend = Tokenizer.from_file(str(path))
        except Exception as error:  # the Rust library raises plain Exception for a malformed file
            raise InputError(f"cannot read {path}: {str(error).splitlines()[0] if str(error) else error}") from None
        return cls(backend, _specials(Path(folder)))

    @classmethod
    def from_transformers(cls, tokenizer) -> TextTokenizer:
        """The same view of a transformers fast tokenizer (the torch engine loads one anyway)."""
        specials = {name: getattr(tokenizer, name, None) for name in ("bos_token", "eos_token", "pad_token")}
        return cls(tokenizer.backend_tokenizer, {k: v if isinstance(v, str) else None for k, v in specials.items()})

    def token_id(self, token: str | None) -> int | None:
        return None if token is None else self.vocabulary.get(token)

    def token(self, token_id: int) -> str:
        return self.backend.id_to_token(token_id)

    def encode(self, texts: Sequence[str]) -> list[Encoded]:
        """Ids and offsets without special tokens, as ``tokenizer(texts, add_special_tokens=False)`` gives them."""
        if not texts:
            return []
        return [Encoded(tuple(e.ids), tuple(e.offsets)) for e in self.backend.encode_batch(list(texts), add_special_tokens=False)]

    def windows(self, texts: Sequence[str], length: int, stride: int) -> tuple[list[list[int]], list[int]]:
        """Each text cut into windows of at most ``length`` ids with its special tokens, overlapping by
        ``stride``, as transformers' ``return_overflowing_tokens`` gives them: (windows, owning text per window)."""
        backend = self.backend
        # A tokenizer's truncation is its own state: set it for this call only (each model has its own tokenizer).
        backend.enable_truncation(length, stride=stride, strategy="longest_first")
        backend.no_padding()
        try:
            encodings = backend.encode_batch(list(texts), add_special_tokens=True)
        finally:
            backend.no_truncation()
        windows, owners = [], []
        for owner, encoding in enumerate(encodings):
            for part in (encoding, *encoding.overflowing):
                windows.append(list(part.ids))
                owners.append(owner)
        return windows, owners


def _specials(folder: Path) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in reversed(SPECIAL_FILES):  # tokenizer_config.json wins, as in transformers
        path = folder / name
        if not path.is_file():
            continue
        try:
            table = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for key in ("bos_token", "eos_token", "pad_token"):
            value = table.get(key)
            if isinstance(value, dict):  # an AddedToken written out
                value = value.get("content")
            if isinstance(value, str):
                found[key] = value
    return found
