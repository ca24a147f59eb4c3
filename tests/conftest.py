from __future__ import annotations

from pathlib import Path

import pytest

from raci.core.report import Report
from raci.inputs.catalog import read_catalogue
from raci.inputs.profiles import builtin_profile
from raci.model import Catalogue
from raci.resources import default_catalogue

from .helpers import build_report

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return read_catalogue(default_catalogue())


@pytest.fixture(scope="session")
def small_report(catalogue: Catalogue) -> Report:
    return build_report(catalogue, builtin_profile("small"))


@pytest.fixture(scope="session")
def large_report(catalogue: Catalogue) -> Report:
    return build_report(catalogue, builtin_profile("large"))
