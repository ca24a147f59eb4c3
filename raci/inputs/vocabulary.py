"""The words raci understands in a client's catalogue (vocabulary.toml): area synonyms, the kinds of work,
the kinds of decision, and how a row is read from all its words.

Words are compared by their stems (`stem`), in English and Indonesian, so "komisi" finds "komisinya",
"price" finds "pricing" and "priced", and "menetapkan" finds "tetapkan"'s row as written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from .. import resources
from ..model import FUNCTIONS, HOMES, KNOWN_AREAS, Reading, area_key

Terms = tuple[tuple[str, ...], ...]  # each term as its stemmed words
READINGS_KEPT = 20_000  # rows whose reading is remembered, at most

# Suffixes taken off a word, tried in order; the first that leaves at least MIN_STEM letters goes.
PARTICLES = ("nya", "lah", "kah")  # Indonesian possessive and emphatic endings
SUFFIXES = ("ies", "ing", "kan", "ed", "es", "an", "s", "e", "i")
MIN_STEM = 3
UNDOUBLED = frozenset("lsz")  # "selling" stays "sell"; "planning" becomes "plan"


@lru_cache(maxsize=65_536)  # a catalogue repeats its words row after row
def stem(word: str) -> str:
    """A light stem, the same for a word's common English and Indonesian forms."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= MIN_STEM + 1:
            word = word[: -len(particle)]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            base = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            if suffix in ("ing", "ed") and len(base) > MIN_STEM and base[-1] == base[-2] and base[-1] not in UNDOUBLED:
                base = base[:-1]
            return base
    return word


class Words(tuple[str, ...]):
    """A text's words, stemmed, with the words as written (`raw`) to show which ones decided."""

    raw: tuple[str, ...] = ()

    def __new__(cls, text: str) -> Words:
        raw = tuple(re.findall(r"[^\W_]+", text.lower()))
        made = super().__new__(cls, (stem(word) for word in raw))
        made.raw = raw
        return made

    def __add__(self, other: object) -> Words:
        assert isinstance(other, Words)
        return Words(" ".join((*self.raw, *other.raw)))


def tokens(text: str) -> Words:
    """`text`'s words in lower case, stemmed; hyphens, slashes and punctuation separate words."""
    return Words(text)


def _term(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


def _at(term: tuple[str, ...], words: Sequence[str]) -> int:
    size = len(term)
    if not size or term[0] not in words:  # most terms are not there: one scan in C says so
        return -1
    return next((i for i in range(len(words) - size + 1) if tuple(words[i : i + size]) == term), -1)


def _shown(words: Sequence[str], at: int, size: int) -> str:
    raw = getattr(words, "raw", ())
    return " ".join(raw[at : at + size] if raw else words[at : at + size])


def _find(terms: Terms, words: Sequence[str]) -> str:
    """The first of `terms` found in `words` (a run of whole words), as written, or ""."""
    for term in terms:
        if term and term[0] in words:  # checked here too: most terms are not there, and a call costs more
            at = _at(term, words)
            if at >= 0:
                return _shown(words, at, len(term))
    return ""


def _found_all(terms: Terms, words: Sequence[str]) -> tuple[str, ...]:
    found = {}
    for term in terms:
        if term and term[0] in words:
            at = _at(term, words)
            if at >= 0:
                found[term] = _shown(words, at, len(term))
    return tuple(dict.fromkeys(found.values()))


def _first_at(terms: Terms, words: Sequence[str]) -> tuple[int, str]:
    """Where the earliest of `terms` begins in `words` (len(words) when none does), and that term."""
    best = (len(words), "")
    for term in terms:
        size = len(term)
        if not size or term[0] not in words:
            continue
        for i in range(len(words) - size + 1):
            if i >= best[0]:
                break
            if tuple(words[i : i + size]) == term:
                best = (i, " ".join(term))
                break
    return best


@dataclass(frozen=True)
class Kind:
    """A class of work (or of decision) and the words that name it."""

    name: str
    words: Terms
    weak: Terms = ()
    unless: Terms = ()
    pair: Terms = ()
    with_: Terms = ()
    first: Terms = ()  # words that name the kind when the text opens with them ("Kontrak sewa toko")
    not_before: Terms = ()  # ... unless the next word makes them a modifier ("Contract pricing" is pricing)
    area: str = ""  # the built-in area the work belongs to ("" for a kind of decision)
    home: str = ""
    function: str = ""

    def named_by(self, words: Sequence[str], row: Sequence[str]) -> str:
        """The words of `words` that name this kind ("" when none do); `row` is the whole row, for `unless`."""
        found = _find(self.words, words)
        if found:
            return found
        weak = _find(self.weak, words)
        if weak and not _find(self.unless, row):
            return weak
        one, other = _find(self.pair, words), _find(self.with_, words)
        if one and other:
            return f"{one} + {other}"
        return self.opening(words)

    def opening(self, words: Sequence[str]) -> str:
        """The words `words` open with that name this kind as the row's subject ("Kontrak sewa toko"), or ""."""
        for term in self.first:
            if tuple(words[: len(term)]) == term and not _find(self.not_before, words[len(term) : len(term) + 1]):
                return _shown(words, 0, len(term))
        return ""


@dataclass(frozen=True)
class Vocabulary:
    areas: Mapping[str, str]  # area key as a catalogue writes it -> built-in area
    kinds: tuple[Kind, ...]  # first match wins
    area_words: tuple[tuple[str, Terms], ...] = ()  # (built-in area, its words), first match wins
    decisions: tuple[tuple[str, Terms], ...] = ()
    generic: Terms = ()
    language: Mapping[str, Terms] = field(default_factory=dict)
    # Rows read before, by their words: a batch reads the same catalogue in every job.
    readings: dict[tuple[str, str, str, str], Reading] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def general(self) -> frozenset[tuple[str, ...]]:
        """The generic terms as a set, looked up for every term an area's words find."""
        return frozenset(self.generic)

    @property
    def kind_names(self) -> tuple[str, ...]:
        return tuple(kind.name for kind in self.kinds)

    def kind(self, name: str) -> Kind | None:
        return next((kind for kind in self.kinds if kind.name == name), None)

    def kind_of(self, text: str) -> str:
        """The first kind whose words appear in `text` (by their stems, any case), or ""."""
        words = tokens(text)
        return next((kind.name for kind in self.kinds if kind.named_by(words, words)), "")

    def area_of_text(self, text: str) -> str:
        """The built-in area a responsibility's wording names, or "".

        The [area_words] lists first, in their order; then the [areas] synonyms, as words."""
        words = tokens(text)
        for area, terms in self.area_words:
            if _find(terms, words):
                return area
        for synonym, area in self.areas.items():
            if _find((_term(synonym.replace("_", " ")),), words):
                return area
        return ""

    def read(self, responsibility: str, area: str = "", description: str = "", kind: str = "") -> Reading:
        """What a row is, from all its words: its kind of work, the built-in area its wording names, its
        kind of decision, its language and the function the work belongs to, with the words that decided.

        The kind is read from the responsibility; from the area's name only when the responsibility names
        no area of its own (a row "Discount bands" under "Pricing & Packaging" is not about packaging);
        from the description only when neither does (a description names what the work touches)."""
        key = (responsibility, area, description, kind)
        found = self.readings.get(key)
        if found is None:
            if len(self.readings) >= READINGS_KEPT:
                self.readings.clear()
            found = self.readings[key] = self._read(responsibility, area, description, kind)
        return found

    def _read(self, responsibility: str, area: str, description: str, kind: str) -> Reading:
        said, named, told = tokens(responsibility), tokens(area), tokens(description)
        row = said + named + told
        kind_words = ""
        sources = [said]
        said_area, named_area = self._area(said, (), ())[2], self._area((), named, ())[0]
        if not said_area or not named_area:
            sources.append(named)  # an area's name that is only a kind of work ("RevOps", "Komisi") counts
        if not said_area and not self._area((), named, ())[2]:
            sources.append(told)
        if not kind:  # the row's subject, when its first words name a class of work ("Kontrak pelanggan ...")
            for candidate in self.kinds:
                kind_words = candidate.opening(said)
                if kind_words:
                    kind = candidate.name
                    break
        if not kind:  # a class of work wherever it is named; else a kind of decision the responsibility names
            searches = [(words, True) for words in sources] + [(said, False)]
            for words, classes in searches:
                for candidate in self.kinds:
                    if bool(candidate.area) == classes:
                        kind_words = candidate.named_by(words, row)
                        if kind_words:
                            kind = candidate.name
                            break
                if kind:
                    break
        found = self.kind(kind) if kind else None
        area_from, area_words, strong = self._area(said, named, told)
        decision = self._decision(said)
        return Reading(
            kind=kind,
            kind_words=(kind_words,) if kind_words else (),
            kind_area=found.area if found else "",
            kind_home=found.home if found else "",
            function=found.function if found and found.function else "",
            area=area_from,
            area_words=area_words,
            strong=strong,
            decision=decision,
            lang=self._language(row),
            general_area=bool(named) and all((word,) in self.generic for word in named),
            read=True,
        )

    def _area(
        self, said: Sequence[str], named: Sequence[str], told: Sequence[str]
    ) -> tuple[str, tuple[str, ...], bool]:
        """The built-in area the wording names: the responsibility's words, then the area's name, then the
        description. The area named first by a specific word wins (the head of the phrase: "Set discount
        limits for sub-distributors" is pricing, "Evaluate promotions per outlet" promotion), then the one
        named most, then the earlier in [area_words]; general words ("product", "customer") count only
        when no specific word names an area. `strong` is False when only general words or only the
        description told it."""
        synonym = self.areas.get(area_key(" ".join(getattr(named, "raw", named))), "") if named else ""
        for words, source in ((said, "responsibility"), (named, "area"), (told, "description")):
            scores: list[tuple[bool, int, int, int, str, tuple[str, ...]]] = []
            for order, (area, terms) in enumerate(self.area_words):
                found = _found_all(terms, words)
                if found:
                    places = {term: at for term in terms if (at := _at(term, words)) >= 0}  # each term looked for once
                    specific = [term for term in places if term not in self.general]
                    first = min(places[term] for term in (specific or places))
                    scores.append((bool(specific), -first, len(found), -order, area, found))
            if source == "area" and synonym:
                return synonym, (" ".join(getattr(named, "raw", named)),), True
            if scores:
                *_, area, found = max(scores)
                telling = [term for term in found if _term(term) not in self.general]
                return area, found, bool(telling) and source != "description"
        return "", (), False

    def _decision(self, said: Sequence[str]) -> str:
        """The kind of decision the responsibility's earliest deciding word names (set, approve, measure, do)."""
        best = (len(said), "")
        for decision, terms in self.decisions:
            at, _ = _first_at(terms, said)
            if at < best[0]:
                best = (at, decision)
        return best[1]

    def _language(self, words: Sequence[str]) -> str:
        counts = {lang: sum(1 for word in words if (word,) in terms) for lang, terms in self.language.items()}
        if not counts or max(counts.values()) == 0:
            return ""
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else ""


@cache
def vocabulary() -> Vocabulary:
    """The built-in vocabulary, read once."""
    data = tomllib.loads(resources.vocabulary().read_text(encoding="utf-8"))
    areas = {area_key(name): target for name, target in data["areas"].items()}
    unknown = sorted(set(areas.values()) - set(KNOWN_AREAS))
    if unknown:  # a packaging mistake, caught by the tests
        raise ValueError(f"vocabulary.toml maps onto unknown areas: {', '.join(unknown)}")
    kinds = tuple(_kind(name, entry) for name, entry in data["kinds"].items())
    area_words = tuple((area, _terms(words)) for area, words in data.get("area_words", {}).items())
    unknown = sorted({area for area, _ in area_words} - set(KNOWN_AREAS))
    if unknown:
        raise ValueError(f"vocabulary.toml lists words for unknown areas: {', '.join(unknown)}")
    return Vocabulary(
        areas=areas,
        kinds=kinds,
        area_words=area_words,
        decisions=tuple((name, _terms(words)) for name, words in data.get("decisions", {}).items()),
        generic=_terms(data.get("generic", {}).get("words", [])),
        language={lang: _terms(words) for lang, words in data.get("language", {}).items()},
    )


def _terms(words: Sequence[str]) -> Terms:
    return tuple(term for term in (_term(word) for word in words) if term)


def _kind(name: str, entry: Mapping[str, object]) -> Kind:
    def terms(key: str) -> Terms:
        value = entry.get(key, [])
        assert isinstance(value, list)
        return _terms([str(word) for word in value])

    area, home, function = (str(entry.get(key, "")) for key in ("area", "home", "function"))
    if (area and area not in KNOWN_AREAS) or (home and home not in HOMES) or (function and function not in FUNCTIONS):
        raise ValueError(f"vocabulary.toml: kind '{name}' names an unknown area, home or function")
    return Kind(
        name=name,
        words=terms("words"),
        weak=terms("weak"),
        unless=terms("unless"),
        pair=terms("pair"),
        with_=terms("with"),
        first=terms("first"),
        not_before=terms("not_before"),
        area=area,
        home=home,
        function=function,
    )
