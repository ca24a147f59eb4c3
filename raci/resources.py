"""Where the packaged data lives: the default catalogue and the built-in templates.

A wheel maps the repository's `responsibilities.csv` and `templates/` into the package
(`raci/data/`, `raci/templates/`, see setup.cfg); an editable checkout reads them in place.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _installed_or_checkout(installed: Path, in_checkout: Path) -> Path:
    return installed if installed.exists() else in_checkout


def default_catalogue(lang: str = "en") -> Path:
    """The bundled catalogue; `responsibilities.LANG.csv` for a language other than English."""
    name = "responsibilities.csv" if lang == "en" else f"responsibilities.{lang}.csv"
    return _installed_or_checkout(_PACKAGE / "data" / name, _CHECKOUT / name)


def templates() -> Path:
    return _installed_or_checkout(_PACKAGE / "templates", _CHECKOUT / "templates")


def profiles() -> Path:
    return _PACKAGE / "profiles"


def vocabulary() -> Path:
    """Area synonyms and the words of each kind of work (see vocabulary.toml)."""
    return _PACKAGE / "vocabulary.toml"
