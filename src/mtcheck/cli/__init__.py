"""The command line: one module per command, ``main`` parses and dispatches."""

from mtcheck.cli.app import main

__all__ = ["main"]
