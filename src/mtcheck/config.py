"""Settings: defaults < [tool.mtcheck] in pyproject.toml < mtcheck.toml < flags.

The settings files are found the way ruff and pytest find theirs: from the
working directory upwards, the first folder holding an ``mtcheck.toml``, or a
``pyproject.toml`` with a ``[tool.mtcheck]`` table, is the one used. When one
folder holds both, both are read, ``mtcheck.toml`` overriding pyproject.toml
key by key; files further up are never mixed in. The search stops at a folder
containing ``.git`` (the repository root, searched itself) or at the
filesystem root. ``--config FILE`` reads that one file and searches nothing.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable

from mtcheck.errors import InputError
from mtcheck.models.compute import DTYPES, RUNTIMES
from mtcheck.models.engine import Engine
from mtcheck.read.text import shown
from mtcheck.params import Params, build_params

CONFIG_FILES = ("pyproject.toml", "mtcheck.toml")
CHOICES = {"dtype": DTYPES, "engine": RUNTIMES, "operating_point": ("review", "gate"),
           "fail_on": ("fail", "review")}


@dataclass(frozen=True)
class Config:
    max_critical: int | None = 0
    max_major: int | None = None
    # An article whose quality or coverage is below these fails (mtcheck.gate.article). None: no quality threshold
    # (the judge's estimate of the raters' penalty decides), and the judge file's coverage cut.
    min_quality: float | None = None
    min_coverage: float | None = None  # a share, 0 to 1, that both sides' coverage must reach
    review_quality: float | None = None  # below it an article goes to review; None: no such threshold
    # Which verdict makes the gate fail (exit 1): "fail" only, or "review" and "fail".
    fail_on: str = "fail"
    # `mtcheck batch`: how many of a feed's articles may fail their own gate (a count, a share); neither: none.
    max_failed: int | None = None
    max_failed_share: float | None = None
    checks: tuple[str, ...] | None = None  # None: every registered check
    skip_checks: tuple[str, ...] = ()
    models: bool = True  # False: rules and sacrebleu only, the fastest gate
    lm: str | None = None  # None: the packaged SmolLM2; else a Hub id or a local path
    embedder: str | None = None  # None: the packaged all-MiniLM-L6-v2
    # Which engine runs the models (mtcheck.models.compute): ctranslate2, or torch for a model it cannot convert.
    engine: str = "ctranslate2"
    dtype: str = "auto"  # the models' number type: auto (per engine, models.compute), float32, bfloat16, int8
    allow_non_english_source: bool = False  # True: a source in another language is intended, not an error
    threads: int | None = None  # model worker threads; None: auto (mtcheck.models.threads.choose_workers)
    # The learned layer (mtcheck.grade.judge): "packaged", a file `mtcheck calibrate`
    # wrote, or "off" (every check keeps its own confidence; nothing is filtered).
    judge: str = "packaged"
    operating_point: str = "review"  # which findings are listed: review (for editors) or gate (for CI)
    min_confidence: float | None = None  # a number instead of the operating point's threshold
    # The parameters of each check, and of each analysis (mtcheck.analyses;
    # its names are no check's), where a settings file or --set changed any:
    # (name, its Params), sorted by name. Kept as a tuple so Config stays
    # hashable and the checks can be built once per configuration.
    check_params: tuple[tuple[str, Params], ...] = ()
    # Editors' verdicts files (mtcheck.verdicts/1): their false alarms are dismissed, their confirmations
    # marked. A settings file's relative paths are read from that file's folder.
    verdicts: tuple[str, ...] = ()

    def params_of(self, check: str) -> Params | None:
        return dict(self.check_params).get(check)

    def model_engine(self) -> Engine:
        """The model stage's settings (mtcheck.models.engine), resolved from these."""
        return Engine(self.lm, self.embedder, self.dtype, self.threads, self.params_of("word_alignments"), self.engine)

    def with_check_params(self, tables: dict[str, Any], origin: str, kind: str = "check or analysis") -> Config:
        """A copy with ``{name: {param: value}}`` applied on top of the parameters set so far.

        A name is a check's or an analysis's; ``kind`` narrows what a
        settings table may name ("check" for [checks], "analysis" for [analyses]).
        """
        registry = _configurable(kind)
        current = dict(self.check_params)
        for name, values in tables.items():
            if name not in registry:
                known = ", ".join(sorted(registry))
                raise InputError(f"{origin}: parameters for unknown {kind} '{name}' (known: {known})")
            if not isinstance(values, dict):
                raise InputError(f"{origin}: the parameters of '{name}' must be a table")
            base = current.get(name) or registry[name].Params()
            current[name] = build_params(base, values, f"{origin}: {name}")
        return replace(self, check_params=tuple(sorted(current.items())))

    def merged(self, values: dict[str, Any], origin: str) -> Config:
        """A copy with ``values`` applied; unknown keys and bad types are input errors."""
        known = {f.name for f in fields(self) if f.name != "check_params"}
        updates: dict[str, Any] = {}
        tables: dict[str, Any] = {}
        analyses: dict[str, Any] = {}
        for raw_key, value in values.items():
            key = raw_key.replace("-", "_")
            if key == "analyses":
                # [analyses.NAME]: the parameters of an analysis several checks read.
                if not isinstance(value, dict):
                    raise InputError(f"{origin}: 'analyses' must be a table of [analyses.NAME] tables")
                analyses = value
                continue
            if key not in known:
                raise InputError(f"{origin}: unknown setting '{raw_key}'")
            if key == "checks" and isinstance(value, dict):
                # [checks] as a table: one sub-table of parameters per check,
                # and optionally `select`, the list a plain `checks = [...]` gives.
                tables = {name: v for name, v in value.items() if name != "select"}
                if "select" in value:
                    updates[key] = _coerce(key, value["select"], f"{origin}: checks.select")
                continue
            updates[key] = _coerce(key, value, origin)
        config = replace(self, **updates)
        config = config.with_check_params(tables, origin, "check") if tables else config
        return config.with_check_params(analyses, f"{origin}: analyses", "analysis") if analyses else config


def _configurable(kind: str) -> dict[str, Any]:
    """Name -> the class holding ``Params``: the checks, the analyses, or both."""
    from mtcheck.analyses import ANALYSES
    from mtcheck.checks import all_checks

    found: dict[str, Any] = {}
    if kind != "analysis":
        found.update(all_checks())
    if kind != "check":
        found.update(ANALYSES.all())
    return found


# A setting's value from a file or a flag, checked: (key, value, origin) -> the value to keep.
Coercer = Callable[[str, Any, str], Any]


def _coerce(key: str, value: Any, origin: str) -> Any:
    # None is "not set" (an unset flag), whatever the setting's kind.
    return None if value is None else _COERCERS[key](key, value, origin)


def _switch(key: str, value: Any, origin: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{origin}: '{key}' must be true or false")
    return value


def _count(key: str, value: Any, origin: str) -> int:
    # bool is an int to Python, but `max-major = true` is a mistake, not 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"{origin}: '{key}' must be a whole number >= 0")
    return value


def _share(key: str, value: Any, origin: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InputError(f"{origin}: '{key.replace('_', '-')}' must be a number from 0 to 1")
    return float(value)


def _quality(key: str, value: Any, origin: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise InputError(f"{origin}: '{key}' must be a number from 0 to 100")
    return float(value)


def _choice(key: str, value: Any, origin: str) -> str:
    if value not in (choices := CHOICES[key]):
        raise InputError(f"{origin}: '{key.replace('_', '-')}' must be {', '.join(choices[:-1])} or {choices[-1]}")
    return value


def _threads(key: str, value: Any, origin: str) -> int | None:
    from mtcheck.models.threads import parse_threads

    return parse_threads(value, origin)


def _text(what: str) -> Coercer:
    """A coercer of non-blank strings; ``what`` is what the error says the setting must be."""
    def coerce(key: str, value: Any, origin: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{origin}: '{key}' must be {what}")
        return value
    return coerce


def _names(key: str, value: Any, origin: str) -> tuple[str, ...]:
    """Check names: a list, or one string of comma-separated names (as a flag gives them)."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{origin}: '{key}' must be a list of check names")
    return tuple(value)


def _some_names(key: str, value: Any, origin: str) -> tuple[str, ...]:
    if not (names := _names(key, value, origin)):
        # An empty list would run nothing and pass every article.
        raise InputError(f"{origin}: '{key}' names no check (leave it out to run every check)")
    return names


def _paths(key: str, value: Any, origin: str) -> tuple[str, ...]:
    """Files' paths, one or a list; read_config reads a settings file's relative ones from that file's folder."""
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{origin}: '{key}' must be a list of {key} files' paths")
    return tuple(value)


# One line per setting: what a Config field accepts. check_params is set
# through [checks.NAME] and [analyses.NAME] tables, never directly.
_COERCERS: dict[str, Coercer] = {
    "max_critical": _count,
    "max_major": _count,
    "min_quality": _quality,
    "min_coverage": _share,
    "review_quality": _quality,
    "fail_on": _choice,
    "max_failed": _count,
    "max_failed_share": _share,
    "checks": _some_names,
    "skip_checks": _names,
    "models": _switch,
    "lm": _text("a model id or path"),
    "embedder": _text("a model id or path"),
    "dtype": _choice,
    "engine": _choice,
    "allow_non_english_source": _switch,
    "threads": _threads,
    "judge": _text("packaged, off or a judge file's path"),
    "operating_point": _choice,
    "min_confidence": _share,
    "verdicts": _paths,
}
# A field without its line would fail only when first set; fail on import instead.
if _COERCERS.keys() != {f.name for f in fields(Config)} - {"check_params"}:
    raise AssertionError("mtcheck.config: _COERCERS must name every Config field but check_params")
_PATH_SETTINGS = tuple(key for key, coercer in _COERCERS.items() if coercer is _paths)


def load_config(directory: Path | None = None, explicit: Path | None = None) -> Config:
    """Settings from ``explicit``, else from the files found upwards from ``directory`` (default: cwd)."""
    return read_config([explicit] if explicit else find_config_files(directory or Path.cwd()))


def find_config_files(start: Path) -> tuple[Path, ...]:
    """The settings files that apply in ``start``, lowest precedence first (see the module doc)."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        found = tuple(
            path
            for path in (folder / name for name in CONFIG_FILES)
            if os.path.isfile(path) and (path.name == "mtcheck.toml" or _has_mtcheck_table(path))
        )
        if found:
            return found
        if os.path.lexists(folder / ".git"):  # a folder, or a file in worktrees and submodules
            break
    return ()


def read_config(paths: list[Path] | tuple[Path, ...]) -> Config:
    """Defaults, then each file in ``paths`` on top, in order."""
    config = Config()
    for path in paths:
        table = _read_table(path)
        tool = table.get("tool")
        if path.name == "pyproject.toml" or (isinstance(tool, dict) and "mtcheck" in tool):
            table = tool.get("mtcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise InputError(f"{shown(path)}: [tool.mtcheck] must be a table of settings")
        before = config
        config = config.merged(table, str(path))
        # A file's relative paths are read from its folder, whatever the working directory.
        moved = {key: tuple(str(path.parent / p) for p in getattr(config, key))
                 for key in _PATH_SETTINGS if getattr(config, key) != getattr(before, key)}
        config = replace(config, **moved) if moved else config
    return config


def _has_mtcheck_table(pyproject: Path) -> bool:
    tool = _read_table(pyproject).get("tool", {})
    return isinstance(tool, dict) and "mtcheck" in tool


def _read_table(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"no such config file: {shown(path)}") from None
    except OSError as error:
        raise InputError(f"cannot read {shown(path)}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{shown(path)}: not valid TOML ({error})") from None
