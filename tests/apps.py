"""Helpers for the tests that drive real applications: headless Chromium, LibreOffice, Gnumeric's
ssconvert, pdftotext.

`require` is the one place that decides what a missing application means: a skip with the
reason on a developer's machine, a failure when `CI=true` (CI installs them, so a missing one
is a broken setup, not something to pass over quietly).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FloatRect, Playwright

REPO = Path(__file__).resolve().parents[1]

# What each application is, how to find it, and how to get it (Debian package names).
APPS: dict[str, tuple[str, str]] = {
    "chromium": ("program", "apt-get install chromium"),
    "soffice": ("program", "apt-get install libreoffice-calc-nogui"),
    "pdftotext": ("program", "apt-get install poppler-utils"),
    "ssconvert": ("program", "apt-get install gnumeric"),
    "playwright": ("module", "pip install -e '.[test]'"),
    "firefox-esr": ("program", "apt-get install firefox-esr"),
    "marionette_driver": ("module", "pip install -e '.[test]'"),
}

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
SOFFICE_TIMEOUT = 240  # seconds for one conversion run (a cold first start on a slow machine)

# A4 at 96 CSS pixels per inch, less the summary's @page margin (12 mm each side).
A4_WIDTH_MM = 210.0
PAGE_MARGIN_MM = 12.0
A4_PRINTABLE_PX = round((A4_WIDTH_MM - 2 * PAGE_MARGIN_MM) / 25.4 * 96)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing(name: str) -> str | None:
    """Why `name` is unavailable, or None when it is there."""
    kind, install = APPS[name]
    if kind == "module":
        found = importlib.util.find_spec(name) is not None
        return None if found else f"the Python package {name} is not installed ({install})"
    return None if shutil.which(name) else f"{name} is not on PATH ({install})"


def require(*names: str) -> None:
    """Skip the test when an application is missing; fail it instead when CI=true."""
    reasons = [reason for name in names if (reason := missing(name))]
    if not reasons:
        return
    message = "; ".join(reasons)
    if in_ci():
        pytest.fail(f"CI=true and a real application is missing: {message}", pytrace=False)
    pytest.skip(f"real application missing: {message}")


def program(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} is not on PATH"
    return path


def screenshot_dir() -> Path:
    """Where screenshots (and the PDFs printed beside them) go for a person to look at after a run."""
    folder = Path(os.environ.get("RACI_SCREENSHOTS") or REPO / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def words(text: str) -> str:
    """Whitespace collapsed to single spaces: text wrapped across lines reads as one line."""
    return " ".join(text.split())


# --- poppler --------------------------------------------------------------------------------


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of `pdf`, whitespace collapsed."""
    run = subprocess.run([program("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60)
    pages = run.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [words(page) for page in pages]


@dataclass(frozen=True)
class PdfWord:
    page: int
    text: str
    x_max: float
    page_width: float
    x_min: float = 0.0
    y_min: float = 0.0
    y_max: float = 0.0


def pdf_words(pdf: Path) -> list[PdfWord]:
    """Every word of `pdf` with its box and its page's width (pdftotext -bbox)."""
    run = subprocess.run(
        [program("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    found = []
    page, width = 0, 0.0
    for line in run.stdout.splitlines():
        if opened := re.search(r'<page width="([\d.]+)"', line):
            page, width = page + 1, float(opened.group(1))
        elif word := re.search(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>', line
        ):
            x_min, y_min, x_max, y_max = (float(value) for value in word.groups()[:4])
            found.append(PdfWord(page, word.group(5), x_max, width, x_min, y_min, y_max))
    return found


def overprinted(pdf: Path) -> list[tuple[int, str, str]]:
    """Pairs of words printed over each other, by page: what a cell shows when its row is too low for its
    wrapped text (the lines it cannot hold spill over the next row's, or are cut where the PDF still holds
    them). A quarter of each word's height is allowed as the lines' leading."""
    by_page: dict[int, list[PdfWord]] = {}
    for word in pdf_words(pdf):
        by_page.setdefault(word.page, []).append(word)
    clashes = []
    for page, found in by_page.items():
        for index, one in enumerate(found):
            for other in found[index + 1 :]:
                lead = min(one.y_max - one.y_min, other.y_max - other.y_min) / 4
                across = one.x_min < other.x_max - 0.5 and other.x_min < one.x_max - 0.5
                down = one.y_min + lead < other.y_max - lead and other.y_min + lead < one.y_max - lead
                if across and down:
                    clashes.append((page, one.text, other.text))
    return clashes


def outside_margins(pdf: Path, margin: float) -> list[tuple[int, str, float, float]]:
    """Words of `pdf` printed less than `margin` points from a page's left or right edge, by page, with
    their left and right: text a page cut off (the PDF still holds it, off the page or under its edge)."""
    return [
        (word.page, word.text, round(word.x_min), round(word.x_max))
        for word in pdf_words(pdf)
        if word.x_min < margin or word.x_max > word.page_width - margin
    ]


# --- LibreOffice ----------------------------------------------------------------------------

# Comma, double quote, UTF-8, first line 1, ..., cells as shown, every sheet to its own file
# (name-Sheet.csv; LibreOffice before 7.2 ignores the last token and writes the first sheet as name.csv).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice_convert(sources: Sequence[Path], target: str, out_dir: Path, profile_dir: Path) -> list[Path]:
    """Convert `sources` with one headless LibreOffice run, in its own fresh user profile.

    `target` is what follows --convert-to ("pdf", "xlsx", CSV_FILTER). Returns the files
    written into `out_dir`; fails with LibreOffice's output when the run reports an error.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    profile_dir.mkdir(parents=True, exist_ok=False)
    command = [
        program("soffice"),
        f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        *map(str, sources),
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT, check=False)
    output = f"$ {' '.join(command)}\n{run.stdout}{run.stderr}"
    assert run.returncode == 0, output
    assert not re.search(r"^Error", output, flags=re.MULTILINE), output
    written = sorted(out_dir.iterdir())
    assert written, f"LibreOffice wrote nothing\n{output}"
    return written


# --- Gnumeric -------------------------------------------------------------------------------

SSCONVERT_TIMEOUT = 120
GNUMERIC = "{http://www.gnumeric.org/v10.dtd}"


def ssconvert(source: Path, target: Path, *options: str) -> str:
    """Convert `source` to `target` with Gnumeric's ssconvert (the format from `target`'s name, or
    --export-type in `options`); returns what ssconvert said. Fails when it exits non-zero or writes nothing."""
    command = [program("ssconvert"), *options, str(source), str(target)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=SSCONVERT_TIMEOUT, check=False)
    output = f"$ {' '.join(command)}\n{run.stdout}{run.stderr}"
    assert run.returncode == 0, output
    assert list(target.parent.glob(target.name.replace("%s", "*"))), f"ssconvert wrote nothing\n{output}"
    return output


def gnumeric_charts(path: Path) -> dict[str, int]:
    """How many charts each sheet of a .gnumeric file (gzipped XML) holds, by sheet name."""
    import gzip
    from xml.etree import ElementTree

    root = ElementTree.fromstring(gzip.decompress(path.read_bytes()))
    found = {}
    for sheet in root.iter(f"{GNUMERIC}Sheet"):
        name = sheet.findtext(f"{GNUMERIC}Name") or ""
        found[name] = len(list(sheet.iter(f"{GNUMERIC}SheetObjectGraph")))
    return found


# --- Chromium -------------------------------------------------------------------------------


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, driven by Playwright (its own browser download is never used)."""
    return playwright.chromium.launch(executable_path=program("chromium"), args=list(CHROMIUM_ARGS), headless=True)


@dataclass(frozen=True)
class PageCase:
    """One HTML page raci writes, as the browser tests check it.

    A new page (a compare report, a batch index) is one more entry in the test module's list:
    `build` writes the page into an empty folder and returns its path and the ids every copy of
    it must show (on screen in `rows` order, and in its PDF); `rows` is the selector of its body
    rows (each with data-id), or None; `visible` are selectors that must render with a size.
    """

    name: str
    build: Callable[[Path], tuple[Path, tuple[str, ...]]]
    rows: str | None = None
    row_key: str = "id"  # the data-* attribute that names a row
    ordered: bool = True  # False: the rows may come in another order than the ids (grouped tables)
    visible: tuple[str, ...] = ()
    wide: tuple[str, ...] = ()  # selectors that must fit the A4 printable width

    def __str__(self) -> str:
        return self.name


@dataclass
class Rendered:
    """What the browser saw of one page: loaded on screen, screenshotted, then printed."""

    case: PageCase
    path: Path
    ids: tuple[str, ...]
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    row_ids: list[str] = field(default_factory=list)
    boxes: dict[str, FloatRect | None] = field(default_factory=dict)
    visible: dict[str, bool] = field(default_factory=dict)
    print_width: int = 0
    print_scroll_width: int = 0
    print_right_edges: dict[str, float] = field(default_factory=dict)
    screenshot: Path | None = None
    pdf: Path | None = None

    def console(self, kind: str, text: str) -> None:
        if kind == "error":
            self.errors.append(f"console error: {text}")

    @property
    def outside_requests(self) -> list[str]:
        """Requests for anything but the page's own file and inline data: URLs."""
        return [url for url in self.requests if url != self.path.resolve().as_uri() and not url.startswith("data:")]


# The right edge of a selector's element and of everything inside it, in print layout.
RIGHT_EDGE = """selector => {
  const root = document.querySelector(selector);
  if (!root) return null;
  let right = root.getBoundingClientRect().right;
  for (const element of root.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0) right = Math.max(right, box.right);
  }
  return right;
}"""


def render(browser: Browser, case: PageCase, folder: Path, shots: Path) -> Rendered:
    """Open `case`'s page from file:// and record everything the tests assert on."""
    path, ids = case.build(folder)
    seen = Rendered(case=case, path=path, ids=ids)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("console", lambda message: seen.console(message.type, message.text))
        page.on("pageerror", lambda error: seen.errors.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: seen.errors.append(f"request failed: {request.url}"))
        page.goto(path.resolve().as_uri(), wait_until="load")
        if case.rows is not None:
            script = f"rows => rows.map(row => row.dataset[{case.row_key!r}])"
            seen.row_ids = page.eval_on_selector_all(case.rows, script)
        for selector in case.visible:
            locator = page.locator(selector)
            seen.visible[selector] = locator.count() == 1 and locator.is_visible()
            seen.boxes[selector] = locator.bounding_box() if locator.count() == 1 else None
        seen.screenshot = shots / f"{case.name}.png"
        page.screenshot(path=str(seen.screenshot), full_page=True)

        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1123})
        seen.print_width = page.evaluate("document.documentElement.clientWidth")
        seen.print_scroll_width = page.evaluate("document.documentElement.scrollWidth")
        for selector in case.wide:
            seen.print_right_edges[selector] = page.evaluate(RIGHT_EDGE, selector)
        seen.pdf = shots / f"{case.name}.pdf"
        page.pdf(path=str(seen.pdf), format="A4", print_background=True)
    finally:
        context.close()
    return seen


def chromium_browser(*also: str) -> Iterator[Browser]:
    """Headless Chromium for a module of tests (a fixture's body: `yield from chromium_browser()`), after
    `require` has checked it and any other application the module names in `also`."""
    require("playwright", "chromium", *also)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


# The people the page to explore is drawn for: Sari wears two hats, so her load sums two roles.
EXPLORE_ROLES = "role,title,person\nceo,Direktur Utama,Sari Dewi\nsales_lead,Kepala Penjualan,Budi Santoso\n"
EXPLORE_ROLES += "marketing_exec,Marketing Executive,Sari Dewi\n"


def explore_page(folder: Path, *args: str) -> Path:
    """`raci generate --interactive ARGS` into `folder`: the page to explore it wrote."""
    from .helpers import run

    code, _, err = run("generate", "--out", str(folder), "-q", "--interactive", *args)
    assert code == 0, err
    (page,) = folder.glob("*-explore.html")
    return page


def small_explore_page(folder: Path) -> Path:
    """The small firm's page to explore, with the people of EXPLORE_ROLES."""
    roles = folder / "roles.csv"
    roles.write_text(EXPLORE_ROLES, encoding="utf-8")
    return explore_page(folder / "out", "--size", "small", "--roles", str(roles))


def thousand_row_explore_page(folder: Path) -> Path:
    """The large firm's page to explore over a list of 1,000 responsibilities across seven areas."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "big.csv"
    areas = ("quotas", "pricing", "promotion", "branding", "research", "sales_process", "customer_service")
    with source.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "area", "responsibility", "home", "horizon"])
        for number in range(1, 1001):
            area = areas[number % len(areas)]
            home = "sales" if area in ("quotas", "sales_process", "customer_service") else "marketing"
            writer.writerow([f"R-{number:04d}", area, f"Task {number} for {area.replace('_', ' ')}", home, "short"])
    return explore_page(folder / "out", str(source), "--size", "large")


# What a person does on the 1,000-row page to explore, in order, and how many rows then show (None: as
# many as the profile's letters give, checked against the steps around it). How fast each step is is
# measured in benchmarks/run.py (figure 5), against a reference page, never asserted here.
THOUSAND_ROW_STEPS: tuple[tuple[str, str, str | int, int | None], ...] = (
    ("type", "f-text", "task 99", 11),  # Task 99 and Task 990 to 999
    ("type", "f-text", "", 1000),  # clearing the free text
    ("pick", "f-role", 2, None),  # the second role (the first holds no A in a large firm)
    ("pick", "f-letter", "A", None),
    ("pick", "f-letter", "", None),
    ("pick", "f-role", 0, 1000),  # clearing the role
    ("pick", "f-area", "pricing", 143),
    ("pick", "f-area", "", 1000),
    ("size", "views", 0, 1000),  # switching to the startup and back
    ("size", "views", 3, 1000),
    *(("type", "f-text", "task 5"[:end], None) for end in range(1, 6)),  # typing, a key at a time
    ("type", "f-text", "task 5", 111),  # Task 5, 50 to 59, 500 to 599
    ("type", "f-text", "", 1000),
)

# One step: the step's event, then the layout it causes; the rows shown and the view after it.
STEP = """function (what, control, value) {
  const main = document.getElementById('explore');
  document.body.offsetHeight;
  if (what === 'size') {
    document.querySelector('#views button[data-view="' + value + '"]').click();
  } else {
    const field = document.getElementById(control);
    if (typeof value === 'number') field.selectedIndex = value;
    else field.value = value;
    field.dispatchEvent(new Event(what === 'type' ? 'input' : 'change'));
  }
  document.body.offsetHeight;
  const shown = Array.from(document.querySelectorAll('#matrix tbody tr')).filter(row => !row.hidden).length;
  return [shown, Number(main.getAttribute('data-view'))];
}"""


# Switching the size draws the rows in view at once and the others a hundred at a time after: whether
# every row shows the size's letters within 10 s of the click (a generous bound on finishing at all).
SETTLE = """function (value) {
  const started = performance.now();
  document.querySelector('#views button[data-view="' + value + '"]').click();
  return new Promise(resolve => {
    (function wait() {
      const rows = Array.from(document.querySelectorAll('#matrix tbody tr'));
      const done = rows.every(row => row.dataset.view === String(value));
      if (done || performance.now() - started > 10000) resolve(done);
      else setTimeout(wait, 5);
    })();
  });
}"""


def check_steps(done: Sequence[tuple[int, int]]) -> None:
    """Each step of THOUSAND_ROW_STEPS did what it says: the rows it shows and the view it switches to."""
    assert len(done) == len(THOUSAND_ROW_STEPS)
    shown = [count for count, _ in done]
    for (what, control, value, expected), (count, view) in zip(THOUSAND_ROW_STEPS, done, strict=True):
        step = f"{what} {control}={value!r}"
        if expected is not None:
            assert count == expected, f"{step}: {count} rows shown"
        if what == "size":
            assert view == value, f"{step}: view {view} shown"
    role, letter, cleared = shown[2], shown[3], shown[4]
    assert 0 < letter < role <= 1000  # the role's rows, then those where it holds A
    assert cleared == role
