"""Languages: gettext catalogues (raci/locale/LANG/LC_MESSAGES/raci.po, read with Babel) and number formats.

Fixed labels in Python are marked with `_()`/`ngettext()` from `translator(lang)`, in templates
with Jinja2's i18n extension; `pybabel extract -F babel.cfg` collects them (see the README).
Built-in profile texts (titles, descriptions, role titles, rule notes) are looked up in the
same catalogue, so a profile of the user's own shows exactly as written.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
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
# How Babel writes a whole percentage under 1,000 in each language raci has a catalogue for (a test
# checks it against Babel): shares, and counts under 1,000, are written without loading Babel's
# locale data, which costs a short run about a tenth of its time.
PERCENT_PATTERNS = {"en": "{}%", "id": "{}%"}
# Babel's standard list patterns of those languages: two items, then the start, middle and end of longer lists.
LIST_PATTERNS = {
    "en": ("{0} and {1}", "{0}, {1}", "{0}, {1}", "{0}, and {1}"),
    "id": ("{0} dan {1}", "{0}, {1}", "{0}, {1}", "{0}, dan {1}"),
}


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
        pattern = PERCENT_PATTERNS.get(self.lang)
        if pattern is not None and 0 <= value < 10:
            # As Babel rounds: the float's shortest decimal form, scaled, half to even.
            whole = (Decimal(str(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
            if whole < 1000:
                return pattern.format(whole)
        from babel.numbers import format_percent

        return format_percent(value, format="#,##0%", locale=self.lang)

    def listed(self, items: Sequence[str]) -> str:
        """Items joined as the language lists them: "a, b, and c"; "" for none."""
        patterns = LIST_PATTERNS.get(self.lang)
        if patterns is None:
            from babel.lists import format_list

            return format_list(list(items), locale=self.lang)
        if len(items) < 2:
            return items[0] if items else ""
        two, start, middle, end = patterns
        if len(items) == 2:
            return two.format(*items)
        result = start.format(items[0], items[1])
        for item in items[2:-1]:
            result = middle.format(result, item)
        return end.format(result, items[-1])

    def number(self, value: float) -> str:
        if self.lang in PERCENT_PATTERNS and value == int(value) and -1000 < value < 1000:
            return str(int(value))  # a count: no grouping, no decimals, in every language raci knows
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.lang)


def extract_profile(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """Babel extractor for built-in profiles: title, description, role titles, rule notes and the
    sources of the growth triggers."""
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
    values += [trigger.get("source", "") for trigger in data.get("triggers", [])]
    for value in values:
        if value:
            yield line_of(value), None, value, []


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it here (it is translated where shown)."""
    return message
