"""Checks, analyses and renderers register one way (mtcheck.plugins): a declared table of built-ins, plus
entry points. A built-in left out of its table fails here instead of vanishing from every run."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import mtcheck.analyses
import mtcheck.checks
import mtcheck.report
from mtcheck.analyses import ANALYSES
from mtcheck.analyses.analysis import Analysis
from mtcheck.checks import Check, all_checks
from mtcheck.checks.registry import CHECKS
from mtcheck.plugins import Registry
from mtcheck.report.emit import FORMATS, RENDERERS


def _modules(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        yield importlib.import_module(info.name)


def test_every_check_class_is_in_the_table():
    declared = set(CHECKS.builtins.values())
    defined = {
        f"{module.__name__}:{name}"
        for module in _modules(mtcheck.checks)
        for name, value in vars(module).items()
        if inspect.isclass(value) and issubclass(value, Check) and value.__module__ == module.__name__
        and not inspect.isabstract(value) and isinstance(getattr(value, "name", None), str)
    }
    assert defined and defined == declared


def test_each_check_is_registered_under_its_own_name():
    assert all(check.name == name for name, check in all_checks().items())
    assert list(all_checks()) == list(CHECKS.builtins)  # the table's order is the report's


def test_every_analysis_is_in_the_table():
    defined = {
        f"{module.__name__}:ANALYSIS": module.ANALYSIS
        for module in _modules(mtcheck.analyses) if isinstance(getattr(module, "ANALYSIS", None), Analysis)
    }
    assert set(defined) == set(ANALYSES.builtins.values())
    assert all(ANALYSES.get(analysis.name) is analysis for analysis in defined.values())


def _renders_a_format(function) -> bool:
    """A function of a report alone that gives text: what a ``--format`` is made of."""
    parameters = list(inspect.signature(function).parameters.values())
    return (bool(parameters) and parameters[0].annotation == "Report"
            and all(p.default is not p.empty for p in parameters[1:])
            and inspect.signature(function).return_annotation in ("str", "Iterator[str]"))


def test_every_module_that_renders_a_format_is_in_the_table():
    renderers = {target.partition(":")[0] for target in RENDERERS.builtins.values()}
    rendering = {module.__name__ for module in _modules(mtcheck.report)
                 for value in vars(module).values()
                 if inspect.isfunction(value) and value.__module__ == module.__name__ and _renders_a_format(value)}
    assert rendering and rendering == renderers
    assert FORMATS == ("rich", *RENDERERS.builtins)


class _Point:
    """An entry point as importlib.metadata gives one."""

    def __init__(self, name, value):
        self.name, self.value = name, value

    def load(self):
        return self.value


def test_a_plugin_registers_like_a_built_in(monkeypatch):
    registry = Registry("mtcheck.example", {"json": "json:dumps"})
    monkeypatch.setattr("mtcheck.plugins.entry_points", lambda group: [_Point("mine", len)] if group == "mtcheck.example" else [])
    assert registry.names() == ("json", "mine")
    assert "mine" in registry and "other" not in registry
    assert registry.get("mine") is len
    assert registry.all()["json"].__name__ == "dumps"


def test_a_plugin_cannot_take_a_built_in_name(monkeypatch):
    registry = Registry("mtcheck.example", {"json": "json:dumps"})
    monkeypatch.setattr("mtcheck.plugins.entry_points", lambda group: [_Point("json", len)])
    with pytest.raises(ValueError, match="reuse built-in names"):
        registry.names()
