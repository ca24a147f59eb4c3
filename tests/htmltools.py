"""A tiny element tree over the standard library's html.parser, for asserting on HTML structure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def iter(self) -> Iterator[Element]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.elements:
            yield from child.iter()

    def find_all(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> list[Element]:
        """Elements below (and including) this one; `data_share="x"` matches the attribute data-share."""
        wanted = {key.replace("_", "-"): value for key, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (class_ is None or class_ in element.classes)
            and all(element.attrs.get(key) == value for key, value in wanted.items())
        ]

    def find(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, class_, **attrs)
        assert len(found) == 1, f"expected one <{tag or '*'}> with {class_ or ''} {attrs}, found {len(found)}"
        return found[0]

    def by_id(self, id_: str) -> Element:
        return self.find(id=id_)

    def text(self) -> str:
        """All text below, whitespace collapsed."""
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text())
        return " ".join(" ".join(parts).split())


class TreeBuilder(HTMLParser):
    """Builds an Element tree and records structural errors (mismatched or unclosed tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}> at {self.getpos()}")
            if tag not in (element.tag for element in self.stack):
                return
            while self.stack[-1].tag != tag:
                self.stack.pop()
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> tuple[Element, list[str]]:
    """The document's root element and the structural errors found (none for well-formed HTML)."""
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    errors = builder.errors + [f"<{element.tag}> never closed" for element in builder.stack[1:]]
    return builder.root, errors


INVISIBLE = frozenset({"style", "script"})
LABEL_ATTRIBUTES = ("title", "aria-label", "alt")


def shown_texts(root: Element) -> Iterator[tuple[str, str]]:
    """What a reader sees or hears, as (where, text): every text node outside <style> and <script>
    and every title, aria-label and alt attribute, whitespace collapsed, empty ones left out."""
    for element in root.iter():
        for name in LABEL_ATTRIBUTES:
            text = " ".join(element.attrs.get(name, "").split())
            if text:
                yield f"<{element.tag} {name}>", text
        if element.tag in INVISIBLE:
            continue
        for child in element.children:
            if isinstance(child, str):
                text = " ".join(child.split())
                if text:
                    yield f"<{element.tag}>", text


def english_msgids() -> set[str]:
    """Every English message of the catalogue whose Indonesian translation differs."""
    from babel.messages.pofile import read_po

    from raci.i18n import LOCALE_DIR

    with (LOCALE_DIR / "id" / "LC_MESSAGES" / "raci.po").open("rb") as stream:
        po = read_po(stream, locale="id", domain="raci")
    english = set()
    for message in po:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if any(strings):
            english |= {msgid for msgid in ids if msgid not in strings}
    return english
