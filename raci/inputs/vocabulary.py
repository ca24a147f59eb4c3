"""The words raci understands in a client's catalogue: area synonyms and the kinds of work (vocabulary.toml)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .. import resources
from ..model import KNOWN_AREAS, area_key


@dataclass(frozen=True)
class Vocabulary:
    areas: Mapping[str, str]  # area key as a catalogue writes it -> built-in area
    kinds: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, its words), first match wins
    area_words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (built-in area, its words), first match wins

    @property
    def kind_names(self) -> tuple[str, ...]:
        return tuple(kind for kind, _ in self.kinds)

    def kind_of(self, text: str) -> str:
        """The first kind whose words appear in `text` (whole words, any case), or ""."""
        lowered = f" {_words(text)} "
        for kind, words in self.kinds:
            if any(f" {word} " in lowered for word in words):
                return kind
        return ""

    def area_of_text(self, text: str) -> str:
        """The built-in area a responsibility's wording names (whole words, any case), or "".

        The [area_words] lists first, in their order; then the [areas] synonyms, as words."""
        lowered = f" {_words(text)} "
        for area, words in self.area_words:
            if any(f" {word} " in lowered for word in words):
                return area
        for synonym, area in self.areas.items():
            if f" {synonym.replace('_', ' ')} " in lowered:
                return area
        return ""


@cache
def vocabulary() -> Vocabulary:
    """The built-in vocabulary, read once."""
    data = tomllib.loads(resources.vocabulary().read_text(encoding="utf-8"))
    areas = {area_key(name): target for name, target in data["areas"].items()}
    unknown = sorted(set(areas.values()) - set(KNOWN_AREAS))
    if unknown:  # a packaging mistake, caught by the tests
        raise ValueError(f"vocabulary.toml maps onto unknown areas: {', '.join(unknown)}")
    kinds = tuple((kind, tuple(_words(word) for word in entry["words"])) for kind, entry in data["kinds"].items())
    area_words = tuple(
        (area, tuple(_words(word) for word in words)) for area, words in data.get("area_words", {}).items()
    )
    unknown = sorted({area for area, _ in area_words} - set(KNOWN_AREAS))
    if unknown:
        raise ValueError(f"vocabulary.toml lists words for unknown areas: {', '.join(unknown)}")
    return Vocabulary(areas=areas, kinds=kinds, area_words=area_words)


def _words(text: str) -> str:
    """`text` in lower case, its words separated by single spaces."""
    return " ".join(re.sub(r"[^\w-]+", " ", text.lower()).split())
