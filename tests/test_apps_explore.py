"""The page to explore (`raci generate --interactive`) in headless Chromium: switching the size shows the
figures `raci sizes` gives, a filter by person leaves that person's rows, the load bars are the JSON's,
nothing leaves the page, without JavaScript every row shows, axe-core finds nothing serious, and a
1,000-row matrix stays under 2 MB and filters, clears a filter, switches size and takes each typed key
without laying the page out once per row (how fast: benchmarks/run.py, figure 5)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest

from .apps import (
    SETTLE,
    STEP,
    THOUSAND_ROW_STEPS,
    check_steps,
    chromium_browser,
    explore_page,
    small_explore_page,
    thousand_row_explore_page,
)
from .helpers import read_raci, run

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.apps

DATA = Path(__file__).parent / "data"
AXE = DATA / "vendor" / "axe.min.js"  # axe-core 4.10.2 (MPL-2.0), vendored: CI needs no network for it
# A row a person sees has a height: a row a filter leaves out keeps its box on screen, with none.
VISIBLE_ROWS = "rows => rows.filter(row => row.getBoundingClientRect().height > 0).map(row => row.dataset.id)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    yield from chromium_browser()


@pytest.fixture(scope="module")
def explore(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_explore_page(tmp_path_factory.mktemp("explore"))


def _open(browser: Browser, path: Path, requests: list[str] | None = None, **options: Any) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    assert errors == []
    return page


def test_switching_the_size_shows_the_shares_raci_sizes_gives(browser: Browser, tmp_path: Path) -> None:
    page_file = explore_page(tmp_path / "out", "--size", "medium")
    code, out, _ = run("sizes", "--format", "json")
    assert code == 0
    expected = {entry["size"]: entry for entry in json.loads(out)["sizes"]}
    page = _open(browser, page_file)
    try:
        buttons = page.locator("#views button")
        assert buttons.count() == 4
        for index in range(4):
            buttons.nth(index).click()
            assert buttons.nth(index).get_attribute("aria-pressed") == "true"
            figures = page.locator("#headline .figures").filter(has=page.locator(":visible"))
            shown = [block for block in page.locator("#headline .figures").all() if block.is_visible()]
            assert len(shown) == 1, figures
            size = expected[shown[0].get_attribute("data-name") or ""]
            for key in ("sales_led", "marketing_led", "home_alignment", "strategy_alignment"):
                value = shown[0].locator(f"[data-share={key}]").get_attribute("data-value")
                assert float(value or "nan") == pytest.approx(size[key], abs=1e-4), (size["size"], key)
            roles = [cell for cell in page.locator("#matrix thead th.role").all() if cell.is_visible()]
            assert len(roles) == size["roles"]
            headings = [heading.inner_text() for heading in page.locator("h1").all() if heading.is_visible()]
            assert headings == [f"RACI matrix — {buttons.nth(index).inner_text()}"]
    finally:
        page.context.close()


def test_filtering_by_a_person_leaves_exactly_that_persons_rows(browser: Browser, explore: Path) -> None:
    header, rows = read_raci(explore.with_name(explore.name.replace("-explore.html", ".xlsx")))
    people = openpyxl.load_workbook(explore.with_name(explore.name.replace("-explore.html", ".xlsx")))["Roles"]
    sheet = list(people.iter_rows(values_only=True))
    titles = [row[0] for row in sheet[1:] if row[3] == "Sari Dewi"]
    columns = [header.index(title) for title in titles]
    expected = [row[0] for row in rows if any(row[column] for column in columns)]
    assert 0 < len(expected) < len(rows)
    page = _open(browser, explore)
    try:
        page.select_option("#f-person", "Sari Dewi")
        assert page.eval_on_selector_all("#matrix tbody tr", VISIBLE_ROWS) == expected
        unread = "rows => rows.filter(row => row.getAttribute('aria-hidden') === 'true').map(row => row.dataset.id)"
        left_out = [row[0] for row in rows if row[0] not in expected]
        assert page.eval_on_selector_all("#matrix tbody tr", unread) == left_out  # not read out either
        assert page.locator("#shown-count").inner_text().startswith(f"{len(expected)} of {len(rows)}")
        page.select_option("#f-letter", "A")
        with_a = [row[0] for row in rows if any(row[column] == "A" for column in columns)]
        assert page.eval_on_selector_all("#matrix tbody tr", VISIBLE_ROWS) == with_a
        page.select_option("#f-person", "")
        page.select_option("#f-letter", "")
        page.fill("#f-text", "QT-0")
        assert page.eval_on_selector_all("#matrix tbody tr", VISIBLE_ROWS) == [
            row[0] for row in rows if str(row[0]).startswith("QT-0")
        ]
    finally:
        page.context.close()


def test_the_load_bars_are_the_figures_of_raci_check(browser: Browser, explore: Path) -> None:
    workbook = explore.with_name(explore.name.replace("-explore.html", ".xlsx"))
    code, out, _ = run("check", str(workbook), "--format", "json")
    assert code in (0, 1)
    people = json.loads(out)["load"]["people"]
    page = _open(browser, explore)
    try:
        bars = [bar for bar in page.locator("#load-section .load-bar").all() if bar.is_visible()]
        shown = [(bar.get_attribute("data-person"), int(bar.get_attribute("data-points") or -1)) for bar in bars]
        assert shown == [(person["person"], person["points"]) for person in people]
        widths = [bar.locator(".load-meter span").bounding_box() for bar in bars]
        top = max(person["points"] for person in people)
        full = max(box["width"] for box in widths if box)
        for box, person in zip(widths, people, strict=True):
            assert box is not None
            assert box["width"] / full == pytest.approx(person["points"] / top, abs=0.02)
    finally:
        page.context.close()


def test_nothing_leaves_the_page_while_it_is_used(browser: Browser, explore: Path) -> None:
    requests: list[str] = []
    page = _open(browser, explore, requests)
    try:
        for button in page.locator("#views button").all():
            button.click()
        page.fill("#f-text", "brand")
        page.locator("#matrix .sort[data-sort=text]").click()
        page.locator("#matrix tbody td.letter:visible").first.click()
        assert page.locator("#reason").is_visible()
    finally:
        page.context.close()
    assert requests == [explore.resolve().as_uri()]


def test_the_reason_of_a_letter_shows_on_a_tap(browser: Browser, explore: Path) -> None:
    page = _open(browser, explore, has_touch=True)
    try:
        cell = page.locator("#matrix tbody tr[data-id='QT-01'] td.letter:visible").first
        cell.tap()
        reason = page.locator("#reason")
        assert reason.is_visible()
        rule = page.locator("#matrix tbody tr[data-id='QT-01'] td.rule:visible").inner_text()
        assert rule in reason.inner_text()
        assert reason.inner_text().startswith(cell.inner_text())
    finally:
        page.context.close()


def test_sorting_orders_the_rows_and_says_so(browser: Browser, explore: Path) -> None:
    page = _open(browser, explore)
    try:
        page.locator("#matrix .sort[data-sort=text]").click()
        texts = page.eval_on_selector_all("#matrix tbody th.resp", "cells => cells.map(cell => cell.textContent)")
        assert texts == sorted(texts, key=str.casefold)
        assert page.locator("#matrix thead th:has(.sort[data-sort=text])").get_attribute("aria-sort") == "ascending"
        page.locator("#matrix .sort[data-sort=text]").click()
        again = page.eval_on_selector_all("#matrix tbody th.resp", "cells => cells.map(cell => cell.textContent)")
        assert again == texts[::-1]
    finally:
        page.context.close()


def test_without_javascript_every_row_shows_and_no_control(browser: Browser, explore: Path) -> None:
    page = _open(browser, explore, java_script_enabled=False)
    try:
        ids = page.eval_on_selector_all("#matrix tbody tr", VISIBLE_ROWS)
        _, rows = read_raci(explore.with_name(explore.name.replace("-explore.html", ".xlsx")))
        assert ids == [row[0] for row in rows]
        assert not page.locator("#controls").is_visible()
        visible_roles = [cell.inner_text() for cell in page.locator("#matrix thead th.role").all() if cell.is_visible()]
        assert [title.splitlines()[0] for title in visible_roles] == [
            "Direktur Utama",
            "Kepala Penjualan",
            "Sales Team",
            "Marketing Executive",
            "Finance & Admin",
        ]
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_core_finds_no_serious_violation(browser: Browser, explore: Path, width: int) -> None:
    page = _open(browser, explore)
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [
            (violation["id"], [node["target"] for node in violation["nodes"]][:3])
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        page.context.close()


def test_the_controls_work_from_the_keyboard(browser: Browser, explore: Path) -> None:
    page = _open(browser, explore)
    try:
        page.locator("#views button").first.focus()
        page.keyboard.press("Enter")
        assert page.locator("#views button").first.get_attribute("aria-pressed") == "true"
        page.locator("#f-area").focus()
        page.keyboard.press("ArrowDown")
        area = page.locator("#f-area").input_value()
        assert area
        shown = page.eval_on_selector_all(
            "#matrix tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.area)"
        )
        assert shown
        assert set(shown) == {area}
    finally:
        page.context.close()


def test_a_thousand_rows_filter_clear_switch_and_type_with_no_layout_per_row(browser: Browser, tmp_path: Path) -> None:
    # Filtering, clearing a filter, switching the size and typing a key each show their rows; the script
    # forces no layout of its own (a read between writes would lay the page out once per row, the slowness
    # a person feels), and the file stays under 2 MB. How fast each step is: benchmarks/run.py, figure 5.
    page_file = thousand_row_explore_page(tmp_path)
    assert page_file.stat().st_size < 2 * 2**20
    page = _open(browser, page_file)
    try:
        session = page.context.new_cdp_session(page)
        session.send("Performance.enable")

        def layouts() -> float:
            metrics = session.send("Performance.getMetrics")["metrics"]
            return float(next(metric["value"] for metric in metrics if metric["name"] == "LayoutCount"))

        done, forced = [], []
        for what, control, value, _ in THOUSAND_ROW_STEPS:
            before = layouts()
            done.append(tuple(page.evaluate(f"([a, b, c]) => ({STEP})(a, b, c)", [what, control, value])))
            forced.append(layouts() - before)
        check_steps(done)
        # The measure forces a layout, a switch reads where the rows in view start, frames are drawn meanwhile
        # (more on a loaded machine); a read between writes would force one a row, hundreds.
        assert max(forced) < 20, forced
        assert page.evaluate(f"v => ({SETTLE})(v)", 0) is True
        views = page.eval_on_selector_all("#matrix tbody tr", "rows => rows.map(row => row.dataset.view)")
        assert views == ["0"] * 1000
    finally:
        page.context.close()
