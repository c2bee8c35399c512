"""Detectors: one small module per check, collected by ``registry``."""

from mtcheck.checks.base import Check, DocumentView, PairView, Side
from mtcheck.checks.registry import all_checks, register

__all__ = ["Check", "DocumentView", "PairView", "Side", "all_checks", "register"]
