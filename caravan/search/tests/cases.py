"""Shared by the analyzer tests: a parametrized case whose id names its language first."""

from __future__ import annotations

import pytest


def case(lang: str, name: str, *values: object) -> object:
    """`test_tokens[fa/zwnj-removed]`: tests can be counted per language from their ids."""
    return pytest.param(*values, id=f"{lang}/{name}")
