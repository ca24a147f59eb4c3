"""The three HTML pages share one stylesheet part (base.css.j2) and one theme (theme.css.j2).

The summary, the comparison and the batch index each include base.css.j2 once, right after
theme.css.j2, so the same rules draw them all; a templates folder that replaces theme.css.j2
recolours the summary and the comparison; the comparison shows the client's name and logo with
the summary's own markup (brand.html.j2). Checked on the parsed pages.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from raci.core.compare import Comparison, compare
from raci.core.report import Report
from raci.inputs.branding import make_branding
from raci.inputs.profiles import builtin_profile
from raci.jobs.batch import BatchResult, index_context, read_manifest, run_batch
from raci.model import Branding, Catalogue
from raci.render.colour import BUILTIN_THEME
from raci.render.compare_page import render_compare
from raci.render.html import environment, render_summary
from raci.resources import templates as builtin_templates

from .helpers import build_report, shown_in
from .htmltools import Element, parse

PAGES = ("summary", "compare", "index")
NAVY = BUILTIN_THEME.accent  # the built-in accent, "#1d3557"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
    '<rect width="120" height="40" fill="#0a7b83"/></svg>'
)
EXTERNAL = ("http:", "https:", "//", "ftp:")


# --- the pages ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_to_large(catalogue: Catalogue) -> Comparison:
    return compare(catalogue, builtin_profile("small"), builtin_profile("large"))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    """One good job and one failing one, so the index shows both its tables."""
    folder = tmp_path_factory.mktemp("batch")
    manifest = folder / "manifest.csv"
    manifest.write_text("name,size,input\nAcme,small,\nGamma,medium,missing.csv\n", encoding="utf-8")
    with ThreadPoolExecutor(max_workers=1) as executor:
        return run_batch(read_manifest(manifest, folder / "out"), executor=executor)


@pytest.fixture
def render_page(
    small_report: Report, small_to_large: Comparison, batch: BatchResult
) -> Callable[[str, Path | None], str]:
    """A page by name, with a templates folder of one's own in front of the built-in one, or none."""

    def render(name: str, templates: Path | None = None) -> str:
        if name == "summary":
            return render_summary(small_report, templates)
        if name == "compare":
            return render_compare(small_to_large, templates)
        # The batch index always uses the built-in templates; rendered by hand to put a folder in front.
        context = index_context(batch.plan, batch.results)
        return environment(templates=templates).get_template("index.html.j2").render(context)

    return render


def parsed(html: str) -> Element:
    root, errors = parse(html)
    assert errors == []
    return root


def stylesheet(root: Element) -> str:
    """The text of the page's one <style> element."""
    (style,) = root.find_all("style")
    return style.text()


def css_rules(css: str) -> list[tuple[str, str, str]]:
    """Every rule as (the @-rule it sits in or "", selector, declarations), comments dropped, spaces collapsed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules: list[tuple[str, str, str]] = []

    def walk(text: str, context: str) -> None:
        start = 0
        while (opening := text.find("{", start)) >= 0:
            depth, end = 1, opening + 1
            while depth:
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            head, body = " ".join(text[start:opening].split()), text[opening + 1 : end - 1]
            if head.startswith("@media"):
                walk(body, head)
            else:
                rules.append((context, head, " ".join(body.split())))
            start = end

    walk(css, "")
    return rules


def base_rules() -> list[tuple[str, str, str]]:
    return css_rules(environment().get_template("base.css.j2").render())


def declared(css: str, prop: str) -> list[str]:
    """The values `prop` is given anywhere in `css`: declared("--accent") -> ["#1d3557"]."""
    return [value.strip() for value in re.findall(rf"(?<![\w-]){re.escape(prop)}\s*:\s*([^;{{}}]+)", css)]


# --- one base stylesheet, once on every page -----------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_every_page_includes_the_base_stylesheet_exactly_once(
    name: str, render_page: Callable[[str, Path | None], str], tmp_path: Path
) -> None:
    (tmp_path / "base.css.j2").write_text(".firm-base-marker { color: #010203; }\n", encoding="utf-8")
    css = stylesheet(parsed(render_page(name, tmp_path)))
    assert [selector for _, selector, _ in css_rules(css)].count(".firm-base-marker") == 1
    # with the built-in base: after theme.css.j2, before the page's own rules, each of its rules once
    css = stylesheet(parsed(render_page(name, None)))
    rules = css_rules(css)
    base = base_rules()
    assert base, "base.css.j2 holds no rules"
    assert Counter(rules)[base[0]] == 1
    first = rules.index(base[0])
    assert rules[first : first + len(base)] == base
    assert [selector for _, selector, _ in rules[:first]] == [":root"], "only the theme comes before the base"
    # and no page repeats a rule, the base's or its own
    assert [rule for rule, count in Counter(rules).items() if count > 1] == []


# Shared rules a page refines on purpose: the comparison's figures hold two numbers and it prints landscape.
REFINED = {("", ".figures"), ("", "@page"), ("@media print", "section"), ("@media print", ".figure-value")}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_draws_its_header_footer_and_type_from_the_base(
    name: str, render_page: Callable[[str, Path | None], str]
) -> None:
    """The shared rules live in base.css.j2 only: no page defines them again, even differently."""
    css = stylesheet(parsed(render_page(name, None)))
    shared = {(context, selector) for context, selector, _ in base_rules()} - REFINED
    mine = Counter((context, selector) for context, selector, _ in css_rules(css))
    assert {key: mine[key] for key in shared if mine[key] != 1} == {}


def test_the_summary_skeleton_includes_theme_base_and_style_in_that_order() -> None:
    skeleton = (builtin_templates() / "summary.html.j2").read_text(encoding="utf-8")
    includes = re.findall(r'{%\s*include\s+"([^"]+\.css\.j2)"\s*%}', skeleton)
    assert includes == ["theme.css.j2", "base.css.j2", "style.css.j2"]


# --- the theme: one part recolours the pages -----------------------------------------------------


FIRM_THEME = """/* firm theme for {{ branding.client or "nobody" }} */
:root {
  --font: Georgia, serif;
  --ink: #111111; --muted: #555555; --faint: #999999; --line: #cccccc; --hairline: #eeeeee; --band: #f6f6f6;
  --accent: #7A1F5C; --accent-ink: #5C1745; --accent-tint: #F6E9F1;
  --sales: #225588; --marketing: #aa6622; --neutral: #777777;
  --a-bg: #7A1F5C; --a-fg: #ffffff; --ar-bg: #a04080; --ar-fg: #ffffff; --r-bg: #e6c8dc; --r-fg: #3a0f2c;
  --c-bg: #f4e2b3; --c-fg: #5a4410; --i-bg: #ececec; --i-fg: #444444;
  --ok: #2e6b4a; --ok-bg: #eef6f1; --error: #a02c2c; --error-bg: #fbeeee;
  --warning: #9a6a12; --warning-bg: #fdf5e6; --info: #4d6a88; --info-bg: #eef3f8;
}
"""


@pytest.mark.parametrize("name", ["summary", "compare"])
def test_a_theme_of_ones_own_recolours_the_page(
    name: str, render_page: Callable[[str, Path | None], str], tmp_path: Path
) -> None:
    (tmp_path / "theme.css.j2").write_text(FIRM_THEME, encoding="utf-8")
    root = parsed(render_page(name, tmp_path))
    css = stylesheet(root)
    assert "firm theme for nobody" in css  # the part sees `branding` on both pages
    # the firm's colours are the only ones given to the variables the shared rules use...
    assert declared(css, "--accent") == ["#7A1F5C"]
    assert declared(css, "--accent-ink") == ["#5C1745"]
    assert declared(css, "--font") == ["Georgia, serif"]
    # ...and no rule paints in the built-in navy behind the theme's back
    assert NAVY.lower() not in css.lower()
    rules = css_rules(css)
    assert ("", ".doc-header", "border-bottom: 3px solid var(--accent); padding-bottom: 18px;") in rules
    headings = next(body for context, selector, body in rules if (context, selector) == ("", "h1, h2, h3"))
    assert "color: var(--accent-ink)" in headings


@pytest.mark.parametrize("name", ["summary", "compare"])
def test_the_client_accent_reaches_the_page(name: str, catalogue: Catalogue) -> None:
    branding = make_branding(accent="#0B6E4F")
    if name == "summary":
        html = render_summary(build_report(catalogue, builtin_profile("small"), branding=branding))
    else:
        html = render_compare(compare(catalogue, builtin_profile("small"), builtin_profile("large"), branding=branding))
    css = stylesheet(parsed(html))
    assert declared(css, "--accent") == ["#0B6E4F"]
    assert declared(css, "--accent-tint") != [BUILTIN_THEME.accent_tint]


def test_the_index_has_the_built_in_theme(batch: BatchResult) -> None:
    context = index_context(batch.plan, batch.results)
    assert context["theme"] == BUILTIN_THEME
    css = stylesheet(parsed(batch.index.read_text(encoding="utf-8")))
    assert declared(css, "--accent") == [BUILTIN_THEME.accent]
    assert declared(css, "--accent-ink") == [BUILTIN_THEME.accent_ink]
    assert declared(css, "--accent-tint") == [BUILTIN_THEME.accent_tint]


# --- the comparison's client name and logo -------------------------------------------------------


def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.svg"
    path.write_text(SVG, encoding="utf-8")
    return path


def branded_comparison(catalogue: Catalogue, branding: Branding, lang: str = "en") -> Element:
    small, large = builtin_profile("small"), builtin_profile("large")
    comparison = compare(catalogue, small, large, branding=branding, shown=shown_in(lang, small, large))
    return parsed(render_compare(comparison, lang=lang))


def shape(element: Element) -> tuple[str, dict[str, str], tuple[object, ...]]:
    """An element as plain data (tag, attributes, children; text with its spaces collapsed)."""
    children = tuple(
        " ".join(child.split()) if isinstance(child, str) else shape(child)
        for child in element.children
        if not isinstance(child, str) or child.strip()
    )
    return element.tag, element.attrs, children


def test_the_comparison_shows_the_client_and_the_logo(catalogue: Catalogue, tmp_path: Path) -> None:
    client = "Toko Maju & Sons <Jaya>"
    path = logo(tmp_path)
    root = branded_comparison(catalogue, make_branding(client=f" {client} ", logo=path))
    header = root.by_id("header")
    brand = header.by_id("brand")
    assert header.elements[0] is brand, "the client comes first in the header, as on the summary"
    assert brand.classes == ["brand"]
    assert header.by_id("client").text() == client
    assert brand.find("p").classes == ["prepared-for"]
    assert brand.text() == f"Prepared for {client}"
    (img,) = root.find_all("img")
    assert img.attrs["id"] == "logo"
    assert img.attrs["class"] == "brand-logo"
    assert img.attrs["alt"] == client
    prefix = "data:image/svg+xml;base64,"
    assert img.attrs["src"].startswith(prefix)
    assert base64.b64decode(img.attrs["src"][len(prefix) :]) == path.read_bytes()
    assert root.find("head").find("title").text() == f"RACI comparison — Small company to Large company — {client}"
    assert root.find_all("jaya") == []
    # styled by the shared rules, and still nothing fetched
    selectors = {selector for _, selector, _ in css_rules(stylesheet(root))}
    assert {".brand", ".prepared-for", ".prepared-label", ".client-name", ".brand-logo"} <= selectors
    assert [element.tag for element in root.iter() if element.tag in ("script", "link", "iframe")] == []
    assert not any(element.attrs.get("src", "").startswith(EXTERNAL) for element in root.iter())


def test_the_comparison_without_branding_has_no_brand(small_to_large: Comparison) -> None:
    root = parsed(render_compare(small_to_large))
    assert root.find_all(id="brand") == []
    assert root.find_all("img") == []
    assert "Prepared for" not in root.by_id("header").text()
    assert root.find("head").find("title").text() == "RACI comparison — Small company to Large company"


def test_a_logo_without_a_client_is_called_logo(catalogue: Catalogue, tmp_path: Path) -> None:
    root = branded_comparison(catalogue, make_branding(logo=logo(tmp_path)))
    assert root.find("img").attrs["alt"] == "Logo"
    assert root.find_all(id="client") == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_comparison_brand_is_the_summary_brand(catalogue: Catalogue, tmp_path: Path, lang: str) -> None:
    branding = make_branding(client="PT Maju Jaya", logo=logo(tmp_path))
    report = build_report(catalogue, builtin_profile("small"), lang=lang, branding=branding)
    summary = parsed(render_summary(report, lang=lang))
    comparison = branded_comparison(catalogue, branding, lang)
    assert shape(comparison.by_id("brand")) == shape(summary.by_id("brand"))
