"""The slide deck in LibreOffice Impress: it opens, converts to a PDF with one page per slide, and
every slide shows what python-pptx wrote (the client, the shares, the people, the checks).

Marked `apps`; a missing LibreOffice Impress skips these tests locally and fails them when CI=true.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from raci.cli import main

from .apps import in_ci, pdf_pages, require, screenshot_dir, soffice_convert, words

pytestmark = pytest.mark.apps

ROOT = Path(__file__).resolve().parents[1]
# Installed by libreoffice-impress-nogui: without it soffice has no filter to open a .pptx.
IMPRESS = Path("/usr/lib/libreoffice/share/.registry/impress.xcd")


def require_impress() -> None:
    require("soffice", "pdftotext")
    if IMPRESS.exists():
        return
    reason = f"LibreOffice Impress is not installed ({IMPRESS} is missing; apt-get install libreoffice-impress-nogui)"
    if in_ci():
        pytest.fail(f"CI=true and a real application is missing: {reason}", pytrace=False)
    pytest.skip(f"real application missing: {reason}")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """The issue's deck, printed to PDF by Impress: the deck, each page's text, what the CLI printed."""
    require_impress()
    folder = tmp_path_factory.mktemp("deck")
    result = CliRunner().invoke(
        main,
        [
            "generate",
            "--size",
            "small",
            "--roles",
            str(ROOT / "tests" / "data" / "roles.csv"),
            "--client",
            "PT Maju Jaya",
            "--pptx",
            "--out",
            str(folder / "out"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    deck = folder / "out" / "raci-small.pptx"
    (pdf,) = soffice_convert([deck], "pdf", folder / "pdf", folder / "profile")
    copy = screenshot_dir() / "deck-small.pdf"
    copy.write_bytes(pdf.read_bytes())  # for a person to look at after the run
    return deck, pdf_pages(pdf), result.stdout


def test_impress_prints_one_page_per_slide(converted: tuple[Path, list[str], str]) -> None:
    deck, pages, _ = converted
    assert len(pages) == len(Presentation(str(deck)).slides)
    assert all(page.strip() for page in pages)  # no slide prints blank


def test_the_pages_show_the_client_the_share_and_the_people(converted: tuple[Path, list[str], str]) -> None:
    _, pages, stdout = converted
    assert "PT Maju Jaya" in pages[0]
    share = next(line for line in stdout.splitlines() if line.startswith("Sales-led share:")).split()[2]
    assert share in pages[1]
    assert "How the split changes with company size" in pages[2]
    assert "Sales" in pages[2]  # the chart's legend, drawn by Impress from the chart's own data
    roles = next(page for page in pages if "Budi Santoso" in page and "Sari Dewi" in page)
    assert "Direktur Penjualan" in roles
    assert "What to change first" in pages[-1]


def test_every_matrix_row_prints(converted: tuple[Path, list[str], str]) -> None:
    _, pages, _ = converted
    text = " ".join(page for page in pages if page.startswith("The matrix"))
    for prefix, count in (("QT-0", 4), ("SP-0", 8)):
        assert all(f"{prefix}{number}" in text for number in range(1, count + 1)), prefix


@pytest.fixture(scope="module", params=["en", "id"])
def plan_converted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The small-to-large plan's deck (the client's titles today), printed to PDF by Impress: the deck and
    each page's text."""
    require_impress()
    lang = request.param
    folder = tmp_path_factory.mktemp(f"plan-deck-{lang}")
    result = CliRunner().invoke(
        main,
        [
            "compare",
            "--from",
            "small",
            "--to",
            "large",
            "--roles",
            str(ROOT / "tests" / "data" / "roles.csv"),
            "--client",
            "PT Maju Jaya",
            "--lang",
            lang,
            "--pptx",
            "--quiet",
            "--out",
            str(folder / "out"),
        ],
    )
    assert result.exit_code == 0, result.output
    deck = folder / "out" / "raci-small-to-large.pptx"
    (pdf,) = soffice_convert([deck], "pdf", folder / "pdf", folder / "profile")
    (screenshot_dir() / f"deck-plan-{lang}.pdf").write_bytes(pdf.read_bytes())  # for a person to look at
    return deck, pdf_pages(pdf)


def test_impress_prints_every_text_of_every_plan_slide(plan_converted: tuple[Path, list[str]]) -> None:
    deck, pages = plan_converted
    slides = Presentation(str(deck)).slides
    assert len(pages) == len(slides)
    for number, (slide, page) in enumerate(zip(slides, pages, strict=True), start=1):
        texts = [
            paragraph.text
            for shape in slide.shapes
            if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs
        ]
        texts += [
            cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells
        ]
        said = [words(text) for text in texts if text.strip()]
        assert said, number
        assert [text for text in said if text not in page] == [], number
