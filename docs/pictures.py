"""Draw the README's pictures from a fresh run: the page at 1280 px and on a 390-px phone, the
workbook's matrix as LibreOffice Calc prints it, two slides of the deck as Impress shows them, and the
page to explore (`--interactive`, from the command in the README's comment above its picture).

    python docs/pictures.py      # rewrites docs/tour-page.png, docs/tour-workbook-deck.png and docs/explore.png

Needs Chromium (driven by Playwright), LibreOffice (Calc and Impress) and pdftoppm, as the
`apps` tests do.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

DOCS = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
GAP = 24


def raci(*args: str, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "raci", *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def screenshots(page: Path, folder: Path) -> tuple[Path, Path]:
    """The page's top at 1280 by 860 px and on a 390 by 844 px phone."""
    from playwright.sync_api import sync_playwright

    shots = (folder / "desktop.png", folder / "phone.png")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for (width, height), shot in zip([(1280, 860), (390, 844)], shots, strict=True):
            tab = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            tab.goto(page.as_uri())
            tab.screenshot(path=str(shot))
            tab.close()
        browser.close()
    return shots


def printed(document: Path, folder: Path, pages: list[int | str], top: float = 1.0) -> list[Path]:
    """Pages of a document as LibreOffice prints it, one PNG each: a number, or the first page holding a text."""
    profile = folder.parent / "lo-profile"
    folder.mkdir()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(document)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    pdf = folder / f"{document.stem}.pdf"
    shots = []
    for page in pages:
        number = page if isinstance(page, int) else first_page_with(pdf, page)
        stem = folder / f"{document.stem}-{number}"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", str(number), "-l", str(number), "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        shot = stem.with_suffix(".png")
        if top < 1.0:
            with Image.open(shot) as image:
                image.crop((0, 0, image.width, round(image.height * top))).save(shot)
        shots.append(shot)
    return shots


def side_by_side(pictures: list[Path], target: Path, height: int) -> None:
    """The pictures scaled to one height, in a row on white, saved as an optimised PNG."""
    images = []
    for picture in pictures:
        with Image.open(picture) as image:
            scale = height / image.height
            images.append(image.convert("RGB").resize((round(image.width * scale), height), Image.Resampling.LANCZOS))
    canvas = Image.new("RGB", (sum(image.width for image in images) + GAP * (len(images) - 1), height), "white")
    x = 0
    for image in images:
        canvas.paste(image, (x, 0))
        x += image.width + GAP
    canvas.save(target, optimize=True)


def first_page_with(pdf: Path, text: str) -> int:
    """The number of the first page of a PDF whose text holds `text`."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return next(number for number, page in enumerate(pages.stdout.split("\f"), 1) if text in page)


EXPLORE = "--headcount 15 --roles klien/jabatan.csv --interactive --out deliverables/"  # README's picture comment


def explore_shots(page: Path, folder: Path) -> tuple[Path, Path]:
    """The page to explore at 1280 px, filtered to one person and scrolled to the matrix, and on a phone."""
    from playwright.sync_api import sync_playwright

    shots = (folder / "explore-desktop.png", folder / "explore-phone.png")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        desktop = browser.new_page(viewport={"width": 1280, "height": 860}, device_scale_factor=1)
        desktop.goto(page.as_uri())
        desktop.select_option("#f-person", "Rina Wijaya")
        desktop.evaluate("window.scrollTo(0, document.getElementById('matrix-title').offsetTop - 200)")
        desktop.screenshot(path=str(shots[0]))
        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
        phone.goto(page.as_uri())
        phone.screenshot(path=str(shots[1]))
        browser.close()
    return shots


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="raci-pictures-") as name:
        folder = Path(name)
        raci("generate", "--headcount", "15", "--pptx", "--client", "Acme Corp", "--out", "out", cwd=folder)
        out = folder / "out"
        side_by_side(list(screenshots(out / "raci-small.html", folder)), DOCS / "tour-page.png", 640)
        workbook = printed(out / "raci-small.xlsx", folder / "workbook", ["QT-01"], top=0.4)
        deck = printed(out / "raci-small.pptx", folder / "deck", [2, 4])
        side_by_side([*workbook, *deck], DOCS / "tour-workbook-deck.png", 360)
        shutil.copytree(DOCS / "examples", folder, dirs_exist_ok=True)
        raci("generate", *shlex.split(EXPLORE), cwd=folder)
        side_by_side(
            list(explore_shots(folder / "deliverables" / "raci-small-explore.html", folder)), DOCS / "explore.png", 640
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
