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
from typing import Any

from mtcheck.errors import InputError
from mtcheck.read.text import shown
from mtcheck.params import Params, build_params

CONFIG_FILES = ("pyproject.toml", "mtcheck.toml")
CHOICES = {"dtype": ("auto", "float32", "bfloat16"), "operating_point": ("review", "gate"), "fail_on": ("fail", "review")}


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
    dtype: str = "auto"  # model weights: auto (bfloat16 where the CPU has it), float32, bfloat16
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

    def with_check_params(self, tables: dict[str, Any], origin: str, kind: str = "check or analysis") -> Config:
        """A copy with ``{name: {param: value}}`` applied on top of the parameters set so far.

        A name is a check's or an analysis's; ``kind`` narrows what a
        settings table may name ("check" for [checks], "analysis" for [analyses]).
        """
        registry = _configurable(kind)
        current = dict(self.check_params)
        for name, values in tables.items():
            if name not in registry:
                raise InputError(f"{origin}: parameters for unknown {kind} '{name}' (known: {', '.join(sorted(registry))})")
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
        found.update(ANALYSES)
    return found


def _coerce(key: str, value: Any, origin: str) -> Any:
    if value is None:
        return None
    if key == "models":
        if not isinstance(value, bool):
            raise InputError(f"{origin}: 'models' must be true or false")
        return value
    if key == "allow_non_english_source":
        if not isinstance(value, bool):
            raise InputError(f"{origin}: '{key}' must be true or false")
        return value
    if key == "threads":
        from mtcheck.models.threads import parse_threads

        return parse_threads(value, origin)
    if key in CHOICES:
        if value not in CHOICES[key]:
            raise InputError(f"{origin}: '{key.replace('_', '-')}' must be {', '.join(CHOICES[key][:-1])} or {CHOICES[key][-1]}")
        return value
    if key == "judge":
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{origin}: 'judge' must be packaged, off or a judge file's path")
        return value
    if key in ("lm", "embedder"):
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{origin}: '{key}' must be a model id or path")
        return value
    if key in ("max_critical", "max_major", "max_failed"):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InputError(f"{origin}: '{key}' must be a whole number >= 0")
        return value
    if key in ("min_coverage", "min_confidence", "max_failed_share"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise InputError(f"{origin}: '{key.replace('_', '-')}' must be a number from 0 to 1")
        return float(value)
    if key in ("min_quality", "review_quality"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise InputError(f"{origin}: '{key}' must be a number from 0 to 100")
        return float(value)
    if key == "verdicts":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
            raise InputError(f"{origin}: 'verdicts' must be a list of verdicts files' paths")
        return tuple(value)
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{origin}: '{key}' must be a list of check names")
    if key == "checks" and not value:
        # An empty list would run nothing and pass every article.
        raise InputError(f"{origin}: 'checks' names no check (leave it out to run every check)")
    return tuple(value)


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
        before = config.verdicts
        config = config.merged(table, str(path))
        if config.verdicts != before:
            config = replace(config, verdicts=tuple(str(path.parent / p) for p in config.verdicts))
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
