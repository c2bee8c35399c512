"""The detect stage: one small module per check, named in ``registry.CHECKS``; ``detect`` runs them."""

from mtcheck.checks.base import Check
from mtcheck.checks.detection import detect
from mtcheck.checks.registry import all_checks, selected

__all__ = ["Check", "all_checks", "detect", "selected"]
