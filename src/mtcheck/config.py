"""Settings: defaults < [tool.mtcheck] in pyproject.toml < mtcheck.toml < flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from mtcheck.errors import InputError

CONFIG_FILES = ("pyproject.toml", "mtcheck.toml")


@dataclass(frozen=True)
class Config:
    max_critical: int | None = 0
    max_major: int | None = None
    min_quality: float | None = None
    checks: tuple[str, ...] | None = None  # None: every registered check
    skip_checks: tuple[str, ...] = ()
    models: bool = True  # False: rules and sacrebleu only, the fastest gate
    lm: str | None = None  # None: the packaged SmolLM2; else a Hub id or a local path
    embedder: str | None = None  # None: the packaged all-MiniLM-L6-v2
    dtype: str = "auto"  # model weights: auto (bfloat16 where the CPU has it), float32, bfloat16

    def merged(self, values: dict[str, Any], origin: str) -> Config:
        """A copy with ``values`` applied; unknown keys and bad types are input errors."""
        known = {f.name: f for f in fields(self)}
        updates: dict[str, Any] = {}
        for raw_key, value in values.items():
            key = raw_key.replace("-", "_")
            if key not in known:
                raise InputError(f"{origin}: unknown setting '{raw_key}'")
            updates[key] = _coerce(key, value, origin)
        return replace(self, **updates)


def _coerce(key: str, value: Any, origin: str) -> Any:
    if value is None:
        return None
    if key == "models":
        if not isinstance(value, bool):
            raise InputError(f"{origin}: 'models' must be true or false")
        return value
    if key in ("lm", "embedder"):
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{origin}: '{key}' must be a model id or path")
        return value
    if key == "dtype":
        if value not in ("auto", "float32", "bfloat16"):
            raise InputError(f"{origin}: 'dtype' must be auto, float32 or bfloat16")
        return value
    if key in ("max_critical", "max_major"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(f"{origin}: '{key}' must be a whole number >= 0")
        return value
    if key == "min_quality":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise InputError(f"{origin}: '{key}' must be a number from 0 to 100")
        return float(value)
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{origin}: '{key}' must be a list of check names")
    return tuple(value)


def load_config(directory: Path | None = None, explicit: Path | None = None) -> Config:
    """Settings from the config files in ``directory`` (or ``explicit``)."""
    config = Config()
    paths = [explicit] if explicit else [(directory or Path.cwd()) / name for name in CONFIG_FILES]
    for path in paths:
        if explicit is None and not path.is_file():
            continue
        table = _read_table(path)
        if path.name == "pyproject.toml":
            table = table.get("tool", {}).get("mtcheck", {})
        elif "tool" in table and "mtcheck" in table.get("tool", {}):
            table = table["tool"]["mtcheck"]
        config = config.merged(table, str(path))
    return config


def _read_table(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no such config file: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
