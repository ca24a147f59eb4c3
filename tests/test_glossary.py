"""The Indonesian catalogue keeps to the glossary (raci/locale/glossary.toml): one word for each term,
and none of the words a native reader stumbles over."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from babel.messages.pofile import read_po

from raci.i18n import LOCALE_DIR

GLOSSARY = LOCALE_DIR / "glossary.toml"


def terms() -> list[dict[str, object]]:
    return list(tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["term"])


def catalogue(path: Path = LOCALE_DIR / "id" / "LC_MESSAGES" / "raci.po") -> list[tuple[str, str]]:
    """Each (English, Indonesian) pair of the catalogue, plural forms each as a pair of its own."""
    with path.open("rb") as stream:
        messages = read_po(stream, locale="id", domain="raci")
    pairs = []
    for message in messages:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(english, str(indonesian)) for english in ids for indonesian in strings]
    return pairs


def phrase(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)


def test_every_message_holding_a_term_says_it_the_glossary_s_way() -> None:
    wrong = []
    for term in terms():
        english, indonesian = str(term["en"]), str(term["id"]).casefold()
        found = phrase(english)
        for msgid, msgstr in catalogue():
            holds = msgid.strip(" .:").casefold() == english.casefold() if term.get("exact") else found.search(msgid)
            if holds and indonesian not in msgstr.casefold():
                wrong.append((english, msgid, msgstr))
    assert wrong == []


def test_no_message_uses_a_word_the_glossary_avoids() -> None:
    avoided = [(word, phrase(str(word))) for term in terms() for word in term.get("avoid", [])]  # type: ignore[attr-defined]
    wrong = [(word, msgstr) for _, msgstr in catalogue() for word, found in avoided if found.search(msgstr)]
    assert wrong == []


def test_the_glossary_catches_a_message_that_strays() -> None:
    """The checks above can fail: a catalogue with the old words breaks both."""
    strays = [
        ("Home alignment", "Kesesuaian fungsi pemilik"),
        ("Until the hires are in place", "Sampai rekrutmen terisi"),
    ]
    for english, indonesian in strays:
        term = next(term for term in terms() if term["en"] == english)
        assert str(term["id"]).casefold() not in indonesian.casefold()
        assert any(phrase(str(word)).search(indonesian) for term in terms() for word in term.get("avoid", []))  # type: ignore[attr-defined]


def test_each_term_is_fixed_once() -> None:
    english = [str(term["en"]).casefold() for term in terms()]
    assert len(english) == len(set(english))
