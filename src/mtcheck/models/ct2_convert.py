"""Models converted once into CTranslate2's format, cached by the hash of the weights they came from.

The conversion goes through transformers (``ctranslate2.converters.TransformersConverter``),
so the first run with a model imports torch and transformers for a few
seconds; every later run reads the cached folder with neither. The cache entry's name holds
the source weights' digest, the quantization and CTranslate2's version, so
new weights, another type or a new format each get their own folder, and it
is published atomically (models.cache.atomic_directory): processes starting
together on a fresh machine each convert, and one folder wins whole.

The tokenizer's files are copied in beside the weights, so a cached entry is
all the engine reads.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from mtcheck.errors import InputError
from mtcheck.models.cache import atomic_directory, cache_root, file_digest
from mtcheck.models.tokens import TOKENIZER_FILES, TextTokenizer

# Files whose bytes make a model what it is; a folder's digest is over these.
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf")
CONFIG_FILES = ("config.json",)
SOURCE_CONFIG = "source_config.json"
# What CTranslate2's converters read from a config that transformers may no longer write, by model type.
CONFIG_DEFAULTS = {"bert": {"position_embedding_type": "absolute"}}


def converted(label: str, digest: str, source: Callable[[], Path], quantization: str) -> Path:
    """The cached CTranslate2 folder of the weights with ``digest``, converting ``source()`` on first use.

    ``label`` names the model in error messages; ``source`` gives a transformers
    folder and is called only when the conversion is missing.
    """
    import ctranslate2

    version = ".".join(ctranslate2.__version__.split(".")[:2])
    final = cache_root() / "ct2" / f"{digest[:16]}-{quantization}-ct2v{version}"
    try:
        return atomic_directory(final, lambda folder: _convert(label, source(), folder, quantization))
    except OSError as error:
        raise InputError(
            f"cannot write the model cache {final.parent}: {error.strerror or error}; set MTCHECK_CACHE to a writable folder"
        ) from None


def user_model(spec: str, what: str) -> tuple[Path, str]:
    """A user's model (a folder or a Hub id) as (its local folder, its weights' digest)."""
    from mtcheck.models.hf import local_folder

    source = Path(local_folder(spec, what))
    return source, folder_digest(source)


def open_converted(model_class, folder: Path, compute: str, workers: int, what: str):
    """(tokenizer, CTranslate2 ``model_class`` object) of a converted folder: one thread per batch,
    ``workers`` batches at once; a damaged folder is a one-line input error naming it."""
    tokenizer = TextTokenizer.from_folder(folder, what)
    try:
        model = model_class(str(folder), device="cpu", compute_type=compute, inter_threads=max(1, workers),
                            intra_threads=1)
    except (RuntimeError, ValueError) as error:
        raise InputError(f"cannot load {what}: {str(error).splitlines()[0]}; delete {folder} to convert it again") from None
    return tokenizer, model


def folder_digest(folder: str | Path) -> str:
    """sha256 over a model folder's weight and config files (names and contents), in name order."""
    folder = Path(folder)
    names = sorted(p.name for p in folder.iterdir() if p.is_file() and (p.suffix in WEIGHT_SUFFIXES or p.name in CONFIG_FILES))
    if not any(Path(name).suffix in WEIGHT_SUFFIXES for name in names):
        raise InputError(f"no model weights (*.safetensors, *.bin) in {folder}")
    digest = hashlib.sha256()
    for name in names:
        digest.update(f"{name}\0{file_digest(folder / name)}\n".encode("utf-8"))
    return digest.hexdigest()


def _convert(label: str, source: Path, folder: Path, quantization: str) -> None:
    from ctranslate2.converters import TransformersConverter

    from mtcheck.models.hf import transformers_quietly

    transformers_quietly()  # no progress bars or advice on stderr while the converter loads the weights
    try:
        # The converter prints nothing useful to a report's reader; its warnings go the same way.
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                _with_config_defaults(source) as readable:
            TransformersConverter(str(readable), low_cpu_mem_usage=True).convert(
                str(folder), quantization=quantization, force=True
            )
    except (ValueError, NotImplementedError, KeyError) as error:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise InputError(f"CTranslate2 cannot convert '{label}' ({reason}); run it with --engine torch") from None
    _name_missing_specials(folder)
    for name in TOKENIZER_FILES:
        if (source / name).is_file():
            shutil.copyfile(source / name, folder / name)
    # CTranslate2 writes its own config.json; the source's says how long a window the model takes.
    if (source / "config.json").is_file():
        shutil.copyfile(source / "config.json", folder / SOURCE_CONFIG)


@contextlib.contextmanager
def _with_config_defaults(source: Path):
    """``source``, or a folder of links to its files with a config.json that names what the converter
    reads but newer transformers configs leave out (BERT's position embedding type, always absolute)."""
    try:
        config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    missing = {k: v for k, v in CONFIG_DEFAULTS.get(config.get("model_type"), {}).items() if k not in config}
    if not missing:
        yield source
        return
    with tempfile.TemporaryDirectory(prefix="mtcheck-convert-") as scratch:
        for path in source.iterdir():
            if path.name != "config.json":
                (Path(scratch) / path.name).symlink_to(path.resolve())
        (Path(scratch) / "config.json").write_text(json.dumps({**config, **missing}), encoding="utf-8")
        yield Path(scratch)


def _name_missing_specials(folder: Path) -> None:
    """CTranslate2 will not load a model whose start or end token is null (a tokenizer without them).
    mtcheck never asks it to add either, so any vocabulary entry stands in."""
    path = folder / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    missing = [key for key in ("bos_token", "eos_token", "unk_token") if not config.get(key)]
    if missing:
        vocabulary = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
        config.update({key: vocabulary[0] for key in missing})
        path.write_text(json.dumps(config, indent=2), encoding="utf-8")


def source_config(folder: Path) -> dict:
    """The converted model's original config.json (empty where there was none)."""
    try:
        return json.loads((folder / SOURCE_CONFIG).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
