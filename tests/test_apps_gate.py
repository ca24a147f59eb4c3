"""The gate in front of the apps tests: a missing application skips locally and fails in CI."""

from __future__ import annotations

import pytest

from . import apps


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")


def test_a_missing_application_is_a_skip_locally(nothing_installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="soffice"):
        apps.require("soffice")


def test_a_missing_application_fails_when_ci_is_true(nothing_installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true and a real application is missing"):
        apps.require("chromium", "pdftotext")
