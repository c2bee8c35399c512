"""One way to extend mtcheck: checks, analyses and renderers are each a ``Registry``.

A registry is a declared table of its built-ins, ``name -> "module:attribute"``,
and an entry-point group that third-party packages add to the same way
(``[project.entry-points."mtcheck.checks"] my-check = "my_pkg.checks:MyCheck"``).
Nothing registers itself by being imported, so a built-in cannot vanish by
being left out of a second list: the table is the list, and
tests/test_plugins.py fails when a module defines a check, an analysis or a
renderer that its table does not name. An entry's module is imported when
the entry is first asked for (a report in one format imports one renderer);
``all`` gives the built-ins in table order, then the plugins (a check's
place in the table is its place in the report).
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from typing import Generic, Mapping, TypeVar

Entry = TypeVar("Entry")


class Registry(Generic[Entry]):
    __slots__ = ("group", "builtins", "_loaded", "_plugins")

    def __init__(self, group: str, builtins: Mapping[str, str]) -> None:
        self.group = group  # the entry-point group plugins use
        self.builtins = dict(builtins)  # name -> "module:attribute"
        self._loaded: dict[str, Entry] = {}
        self._plugins: dict[str, EntryPoint] | None = None

    def names(self) -> tuple[str, ...]:
        """Every name, built-ins first, without importing any entry."""
        return (*self.builtins, *self._plugin_points())

    def get(self, name: str) -> Entry:
        """One entry, imported on first use; ``KeyError`` for a name no table or plugin has."""
        if name not in self._loaded:
            if name in self.builtins:
                module, _, attribute = self.builtins[name].partition(":")
                self._loaded[name] = getattr(import_module(module), attribute)
            else:
                self._loaded[name] = self._plugin_points()[name].load()
        return self._loaded[name]

    def all(self) -> dict[str, Entry]:
        return {name: self.get(name) for name in self.names()}

    def __contains__(self, name: object) -> bool:
        return name in self.builtins or name in self._plugin_points()

    def _plugin_points(self) -> dict[str, EntryPoint]:
        if self._plugins is None:
            points = {point.name: point for point in entry_points(group=self.group)}
            clashes = sorted(points.keys() & self.builtins.keys())
            if clashes:
                raise ValueError(f"{self.group}: plugins reuse built-in names {clashes}")
            self._plugins = points
        return self._plugins
