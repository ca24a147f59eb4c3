"""The page to explore in Firefox (Debian's firefox-esr, headless, driven over Marionette with Mozilla's
marionette-driver, since Playwright cannot drive Debian's Firefox): the same promises as in Chromium.

Switching the size shows `raci sizes`' figures, a filter by person leaves that person's rows, the load
bars are `raci check`'s, nothing is fetched, without JavaScript every row shows, and on 1,000 rows each
filter, cleared filter, size switch and typed key shows its rows (how fast: benchmarks/run.py, figure 5).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from .apps import (
    SETTLE,
    STEP,
    THOUSAND_ROW_STEPS,
    check_steps,
    explore_page,
    program,
    require,
    small_explore_page,
    thousand_row_explore_page,
)
from .helpers import read_raci, run

if TYPE_CHECKING:
    from marionette_driver.marionette import Marionette

pytestmark = pytest.mark.apps

VISIBLE_ROWS = """return Array.from(document.querySelectorAll('#matrix tbody tr'))
  .filter(row => row.getBoundingClientRect().height > 0).map(row => row.dataset.id);"""
STARTED = 60  # seconds Firefox may take to open its Marionette port on a cold start


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Marionette]:
    require("firefox-esr", "marionette_driver")
    from marionette_driver.marionette import Marionette

    profile = tmp_path_factory.mktemp("firefox-profile")
    port = _free_port()
    (profile / "user.js").write_text(
        f'user_pref("marionette.port", {port});\n'
        'user_pref("browser.shell.checkDefaultBrowser", false);\n'
        'user_pref("datareporting.policy.dataSubmissionEnabled", false);\n'
        'user_pref("app.update.enabled", false);\n',
        encoding="utf-8",
    )
    command = [program("firefox-esr"), "--headless", "--marionette", "--no-remote", "--profile", str(profile)]
    command.append("-remote-allow-system-access")  # for set_pref: JavaScript off and on again
    browser = subprocess.Popen(
        command,
        env={**os.environ, "MOZ_HEADLESS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = Marionette(host="127.0.0.1", port=port)
    try:
        client.start_session(timeout=STARTED)
        client.set_window_rect(width=1280, height=900)
        yield client
    finally:
        with contextlib.suppress(Exception):  # the browser may be gone already; it is ended below either way
            client.delete_session()
        browser.terminate()
        try:
            browser.wait(timeout=20)
        except subprocess.TimeoutExpired:
            browser.kill()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def explore(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_explore_page(tmp_path_factory.mktemp("explore-firefox"))


def _open(firefox: Marionette, page: Path) -> None:
    firefox.navigate(page.resolve().as_uri())
    deadline = time.monotonic() + 10
    while not firefox.execute_script("return document.readyState === 'complete';"):
        assert time.monotonic() < deadline, "the page did not finish loading"
        time.sleep(0.05)


def _script(firefox: Marionette, body: str, *args: Any) -> Any:
    return firefox.execute_script(body, script_args=list(args))


def test_switching_the_size_shows_the_shares_raci_sizes_gives(firefox: Marionette, tmp_path: Path) -> None:
    page = explore_page(tmp_path / "out", "--size", "medium")
    code, out, _ = run("sizes", "--format", "json")
    assert code == 0
    expected = {entry["size"]: entry for entry in json.loads(out)["sizes"]}
    _open(firefox, page)
    for index in range(4):
        shown = _script(
            firefox,
            """document.querySelector('#views button[data-view="' + arguments[0] + '"]').click();
            const block = Array.from(document.querySelectorAll('#headline .figures'))
              .filter(figures => figures.getClientRects().length > 0);
            return block.map(figures => [figures.dataset.name, Object.fromEntries(
              Array.from(figures.querySelectorAll('[data-share]')).map(f => [f.dataset.share, f.dataset.value]))]);""",
            index,
        )
        assert len(shown) == 1
        name, values = shown[0]
        for key in ("sales_led", "marketing_led", "home_alignment", "strategy_alignment"):
            assert float(values[key]) == pytest.approx(expected[name][key], abs=1e-4), (name, key)


def test_filtering_by_a_person_leaves_exactly_that_persons_rows(firefox: Marionette, explore: Path) -> None:
    header, rows = read_raci(explore.with_name(explore.name.replace("-explore.html", ".xlsx")))
    titles = ("Direktur Utama", "Marketing Executive")  # Sari Dewi's two roles
    columns = [header.index(title) for title in titles]
    expected = [row[0] for row in rows if any(row[column] for column in columns)]
    _open(firefox, explore)
    _script(
        firefox,
        """const select = document.getElementById('f-person');
        select.value = 'Sari Dewi';
        select.dispatchEvent(new Event('change'));""",
    )
    assert _script(firefox, VISIBLE_ROWS) == expected
    assert 0 < len(expected) < len(rows)


def test_the_load_bars_are_the_figures_of_raci_check(firefox: Marionette, explore: Path) -> None:
    code, out, _ = run(
        "check", str(explore.with_name(explore.name.replace("-explore.html", ".xlsx"))), "--format", "json"
    )
    assert code in (0, 1)
    people = json.loads(out)["load"]["people"]
    _open(firefox, explore)
    bars = _script(
        firefox,
        """return Array.from(document.querySelectorAll('#load-section .load-bar'))
          .filter(bar => bar.getClientRects().length > 0)
          .map(bar => [bar.dataset.person, Number(bar.dataset.points),
                       bar.querySelector('.load-meter span').getBoundingClientRect().width]);""",
    )
    assert [(person, points) for person, points, _ in bars] == [(p["person"], p["points"]) for p in people]
    full = max(width for _, _, width in bars)
    top = max(p["points"] for p in people)
    for _, points, width in bars:
        assert width / full == pytest.approx(points / top, abs=0.02)


def test_nothing_leaves_the_page_while_it_is_used(firefox: Marionette, explore: Path) -> None:
    _open(firefox, explore)
    fetched = _script(
        firefox,
        """for (const button of document.querySelectorAll('#views button')) button.click();
        const input = document.getElementById('f-text');
        input.value = 'brand';
        input.dispatchEvent(new Event('input'));
        document.querySelector('#matrix .sort[data-sort=text]').click();
        return performance.getEntriesByType('resource').map(entry => entry.name);""",
    )
    assert fetched == []


def test_without_javascript_every_row_shows(firefox: Marionette, explore: Path) -> None:
    _, rows = read_raci(explore.with_name(explore.name.replace("-explore.html", ".xlsx")))
    firefox.set_pref("javascript.enabled", False)
    try:
        _open(firefox, explore)
        found = firefox.find_elements("css selector", "#matrix tbody tr")
        shown = [row.get_attribute("data-id") for row in found if row.is_displayed()]
        controls = firefox.find_element("css selector", "#controls")
        assert not controls.is_displayed()
    finally:
        firefox.clear_pref("javascript.enabled")
    assert shown == [row[0] for row in rows]


def test_a_thousand_rows_filter_clear_switch_and_type_each_show_their_rows(firefox: Marionette, tmp_path: Path) -> None:
    page = thousand_row_explore_page(tmp_path)
    assert page.stat().st_size < 2 * 2**20
    _open(firefox, page)
    step = f"return ({STEP})(arguments[0], arguments[1], arguments[2]);"
    done = [tuple(_script(firefox, step, what, control, value)) for what, control, value, _ in THOUSAND_ROW_STEPS]
    check_steps(done)
    settle = f"const done = arguments[arguments.length - 1]; ({SETTLE})(arguments[0]).then(done);"
    assert firefox.execute_async_script(settle, script_args=[0], script_timeout=15_000) is True
    views = _script(firefox, "return Array.from(document.querySelectorAll('#matrix tbody tr'), r => r.dataset.view);")
    assert views == ["0"] * 1000
