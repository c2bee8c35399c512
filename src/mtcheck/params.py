"""Tuning parameters of checks: frozen dataclasses with defaults, filled from the config.

Each check declares its thresholds as a ``Params`` dataclass (the way
sacrebleu's metrics take theirs in ``__init__``); every field is made with
``param(default, meaning)``, so ``mtcheck checks --verbose`` can say what it
means. Settings files fill them from ``[checks.NAME]`` tables (``mtcheck.toml``)
or ``[tool.mtcheck.checks.NAME]`` (``pyproject.toml``), and ``--set
NAME.param=VALUE`` on the command line; a value that differs from the default
goes into the report's signature, so two reports with one signature come from
the same settings.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from typing import Any, get_type_hints

from mtcheck.errors import InputError


@dataclass(frozen=True)
class Params:
    """No parameters: the base of every check's ``Params``."""


def param(default: Any, meaning: str) -> Any:
    """A parameter field: its default, and one line saying what it means."""
    return field(default=default, metadata={"meaning": meaning})


@dataclass(frozen=True)
class ParamInfo:
    name: str
    default: Any
    kind: type
    meaning: str


def described(params_class: type[Params]) -> tuple[ParamInfo, ...]:
    """Every parameter of a ``Params`` class, in declaration order."""
    hints = get_type_hints(params_class)
    return tuple(
        ParamInfo(f.name, _default(f), hints[f.name], f.metadata.get("meaning", ""))
        for f in fields(params_class)
    )


def _default(f: Field) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    raise TypeError(f"parameter {f.name} has no default")


def build_params(base: Params, values: dict[str, Any], origin: str) -> Params:
    """A copy of ``base`` with ``values`` set; unknown names and wrong types are input errors."""
    known = {info.name: info for info in described(type(base))}
    updates = {}
    for raw, value in values.items():
        name = raw.replace("-", "_")
        if name not in known:
            listed = ", ".join(known) or "none"
            raise InputError(f"{origin}: unknown parameter '{raw}' (parameters: {listed})")
        updates[name] = _coerce(known[name], value, origin)
    return replace(base, **updates)


def _coerce(info: ParamInfo, value: Any, origin: str) -> Any:
    where = f"{origin}: '{info.name}'"
    if info.kind is bool:
        if not isinstance(value, bool):
            raise InputError(f"{where} must be true or false")
        return value
    if info.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{where} must be a whole number")
        return value
    if info.kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InputError(f"{where} must be a number")
        return float(value)
    if info.kind is str:
        if not isinstance(value, str):
            raise InputError(f"{where} must be a string")
        return value
    raise InputError(f"{where} cannot be set")


def changed(params: Params) -> dict[str, Any]:
    """The parameters whose values differ from their defaults, in declaration order."""
    return {
        info.name: getattr(params, info.name)
        for info in described(type(params))
        if getattr(params, info.name) != info.default
    }


def parse_assignment(text: str) -> tuple[str, str, Any]:
    """``NAME.param=VALUE`` from the command line: (check, parameter, value).

    VALUE is read as a TOML value (``12``, ``0.5``, ``true``, ``"text"``);
    anything else is taken as a string.
    """
    target, equals, raw = text.partition("=")
    check, dot, name = target.strip().partition(".")
    if not equals or not dot or not check or not name:
        raise InputError(f"--set expects NAME.param=VALUE, got '{text}'")
    try:
        value = tomllib.loads(f"value = {raw.strip()}")["value"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()
    return check, name, value


def shown_value(value: Any) -> str:
    """A parameter value as a settings file would spell it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
