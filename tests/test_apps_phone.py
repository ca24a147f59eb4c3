"""The pages in headless Chromium: on a phone (390 px wide) nothing scrolls sideways nor balloons; the letters
wear the workbook's colours.

A wide table scrolls inside its own box and the size chart becomes plain bars; the page itself
stays as wide as the screen and at most three times as tall as on a desktop.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .apps import chromium_browser, screenshot_dir
from .test_apps import PAGES

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from .apps import PageCase

pytestmark = pytest.mark.apps

PHONE = 390
DESKTOP = 1280
SIZE = "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium_browser()


def measured(browser: Browser, path: Path, width: int, shot: Path | None = None) -> tuple[int, int]:
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri(), wait_until="load")
        if shot is not None:
            page.screenshot(path=str(shot), full_page=True)
        page_width, page_height = page.evaluate(SIZE)
    finally:
        context.close()
    return int(page_width), int(page_height)


@pytest.mark.parametrize("case", PAGES, ids=str)
def test_a_phone_shows_the_page_without_sideways_scroll(browser: Browser, case: PageCase, tmp_path: Path) -> None:
    path, _ = case.build(tmp_path)
    _, desktop_height = measured(browser, path, DESKTOP)
    width, height = measured(browser, path, PHONE, screenshot_dir() / f"{case.name}-phone.png")
    assert width <= 400
    assert height <= 3 * desktop_height


def test_the_phone_chart_shows_the_numbers_of_the_drawing(browser: Browser, tmp_path: Path) -> None:
    """On a phone the size chart is plain bars: the same segments, values and order as the drawing."""
    path, _ = PAGES[0].build(tmp_path)
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri(), wait_until="load")
        assert page.locator("#size-bars").is_visible()
        assert not page.locator("#sizes-chart").is_visible()
        drawn = page.eval_on_selector_all(
            "#sizes-chart rect.bar",
            "bars => bars.filter(b => +b.dataset.value > 0)"
            ".map(b => [b.dataset.size, b.dataset.share, b.dataset.value])",
        )
        bars = page.eval_on_selector_all(
            "#size-bars .segment",
            "segs => segs.map(s => [s.closest('[data-size]').dataset.size, s.dataset.share, s.dataset.value])",
        )
        smallest = page.eval_on_selector_all(
            "#size-bars .segment", "segs => Math.min(...segs.map(s => parseFloat(getComputedStyle(s).fontSize)))"
        )
    finally:
        context.close()
    assert bars == drawn
    assert smallest >= 11  # legible: the drawing's labels would shrink to about 5 px at this width


def test_the_phone_org_chart_is_a_legible_list_of_the_same_roles(browser: Browser, tmp_path: Path) -> None:
    """On a phone the org chart's drawing would shrink its text to about 5 px: it is a list instead,
    leadership first, then each function's roles, the same roles as the drawing."""
    path, _ = PAGES[0].build(tmp_path)
    roles = "items => items.map(i => i.dataset.role)"
    sizes = "items => Math.min(...items.map(i => parseFloat(getComputedStyle(i).fontSize)))"
    for width, listed in ((PHONE, True), (DESKTOP, False)):
        context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
        try:
            page = context.new_page()
            page.goto(path.resolve().as_uri(), wait_until="load")
            assert page.locator("#org-list").is_visible() is listed
            assert page.locator("#org-chart").is_visible() is not listed
            drawn = page.eval_on_selector_all("#org-chart .org-box", "boxes => boxes.map(b => b.dataset.role)")
            items = page.eval_on_selector_all("#org-list .org-item", roles)
            smallest = page.eval_on_selector_all("#org-list .org-item span", sizes)
        finally:
            context.close()
        assert items == drawn
        if listed:
            assert smallest >= 12


def test_the_batch_index_table_fits_a_1280_px_screen(browser: Browser, tmp_path: Path) -> None:
    """The jobs table stays inside the page's column on a desktop, with a deck and a client's
    headcount in it (it ran past the column's edge)."""
    from raci.jobs.batch import read_manifest, run_batch

    manifest = tmp_path / "manifest.csv"
    manifest.write_text("name,size,headcount,lang,pptx\nAcme Corp,small,,,\nPT Maju Jaya,,120,id,yes\n")
    run_batch(read_manifest(manifest, tmp_path / "out"), workers=1)
    context = browser.new_context(viewport={"width": DESKTOP, "height": 800}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto((tmp_path / "out" / "index.html").resolve().as_uri(), wait_until="load")
        table = page.eval_on_selector("#jobs", "t => t.getBoundingClientRect().right")
        column = page.eval_on_selector(
            ".page", "p => p.getBoundingClientRect().right - parseFloat(getComputedStyle(p).paddingRight)"
        )
    finally:
        context.close()
    assert table <= column + 0.5


def test_each_letter_has_the_same_colour_in_the_workbook_and_the_page(browser: Browser, tmp_path: Path) -> None:
    """The fill of each letter's conditional format in the RACI sheet equals its cells' computed background."""
    import re

    import openpyxl

    from raci.inputs.profiles import builtin_profile
    from raci.jobs.generate import generate

    outcome = generate(tmp_path, builtin_profile("small"))
    fills = {}
    for rules in openpyxl.load_workbook(outcome.workbook)["RACI"].conditional_formatting:
        for rule in rules.rules:
            found = re.fullmatch(r'UPPER\(TRIM\(\w+\)\)="([^"]+)"', rule.formula[0])
            if found:
                fills[found.group(1)] = "#" + str(rule.dxf.fill.bgColor.rgb)[-6:].upper()
    assert sorted(fills) == ["A", "A/R", "C", "I", "R"]
    context = browser.new_context(viewport={"width": DESKTOP, "height": 800})
    try:
        page = context.new_page()
        page.goto(outcome.summary.resolve().as_uri(), wait_until="load")
        shown = page.eval_on_selector_all(
            "#matrix td.letter",
            "cells => cells.filter(c => c.textContent.trim())"
            ".map(c => [c.textContent.trim(), getComputedStyle(c).backgroundColor])",
        )
    finally:
        context.close()
    seen: dict[str, set[str]] = {}
    for letter, colour in shown:
        red, green, blue = (int(part) for part in re.findall(r"\d+", colour)[:3])
        seen.setdefault(letter, set()).add(f"#{red:02X}{green:02X}{blue:02X}")
    assert seen == {letter: {fill} for letter, fill in fills.items() if letter in seen}
    assert set(seen) == set(fills)  # every letter appears on the small profile's page


def test_the_rows_to_confirm_fit_a_phone_and_show_their_fix(browser: Browser, tmp_path: Path) -> None:
    """A client's catalogue with rows raci cannot place: on a phone each row reads top to bottom, every
    cell inside the screen, and the fix names the columns to fill in as code."""
    from click.testing import CliRunner

    from raci.cli import main

    catalogue = Path(__file__).parent / "data" / "catalogues" / "proserv-en" / "catalogue.csv"
    result = CliRunner().invoke(main, ["generate", str(catalogue), "--size", "small", "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto((tmp_path / "raci-small.html").resolve().as_uri(), wait_until="load")
        cells = page.locator("#confirm-table td")
        assert cells.count() >= 5
        for index in range(cells.count()):
            box = cells.nth(index).bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE, cells.nth(index).inner_text()
        fix = page.locator("#confirm-table tr.uncertain td").nth(4)
        assert fix.locator("code").first.inner_text() == "area"
    finally:
        context.close()
