"""Languages: gettext catalogues (raci/locale/LANG/LC_MESSAGES/raci.po, read with Babel) and number formats.

Fixed labels in Python are marked with `_()`/`ngettext()` from `translator(lang)`, in templates
with Jinja2's i18n extension; `pybabel extract -F babel.cfg` collects them (see the README).
Built-in profile texts (titles, descriptions, role titles, rule notes) are looked up in the
same catalogue, so a profile of the user's own shows exactly as written.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .exceptions import LanguageError

DEFAULT = "en"
DOMAIN = "raci"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# English, which needs no catalogue, and every language with a catalogue in the locale folder.
LANGUAGES = (DEFAULT, *sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


Extracted = tuple[int, str | None, str, list[str]]


def check_language(lang: str) -> str:
    code = lang.strip().lower()
    if code not in LANGUAGES:
        raise LanguageError(f"unknown language '{lang}'", hint=f"languages are {', '.join(LANGUAGES)}")
    return code


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang`, compiled from its .po file in memory; English needs none."""
    code = check_language(lang)
    if code == DEFAULT:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with (LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as stream:
        catalog = read_po(stream, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


@dataclass(frozen=True)
class Translator:
    """gettext for one language, plus its number formats; pass it where labels are made."""

    lang: str = DEFAULT

    def __call__(self, message: str) -> str:
        return translations(self.lang).gettext(message) if message else message

    def plural(self, singular: str, plural: str, number: int) -> str:
        return translations(self.lang).ngettext(singular, plural, number)

    def percent(self, value: float | None) -> str:
        """0.918 -> "92%" in the language's convention; None -> "n/a"."""
        if value is None:
            return self(N_("n/a"))
        from babel.numbers import format_percent

        return format_percent(value, format="#,##0%", locale=self.lang)

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.lang)


def extract_profile(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Babel extractor for built-in profiles: title, description, role titles and rule notes."""
    import tomllib

    text = fileobj.read().decode("utf-8")
    data = tomllib.loads(text)
    lines = text.splitlines()

    def line_of(value: str) -> int:
        quoted = f'"{value}"'
        return next((number for number, line in enumerate(lines, start=1) if quoted in line), 0)

    values = [data.get("title", ""), data.get("description", "")]
    values += [role.get("title", "") for role in data.get("roles", [])]
    values += [rule.get("note", "") for rule in data.get("rules", [])]
    for value in values:
        if value:
            yield line_of(value), None, value, []


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it here (it is translated where shown)."""
    return message
