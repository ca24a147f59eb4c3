from __future__ import annotations

from pathlib import Path

import pytest

from raci.exceptions import CatalogueError
from raci.inputs.catalog import read_catalogue
from raci.model import KNOWN_AREAS

from .conftest import DATA


def test_reads_rows_in_order_with_normalised_headers_and_values() -> None:
    catalogue = read_catalogue(DATA / "mini.csv")
    assert [item.id for item in catalogue.items] == ["P-1", "P-2", "Q-1", "C-1"]
    second = catalogue.items[1]
    assert (second.area, second.home, second.horizon) == ("pricing", "sales", "short")
    assert catalogue.items[2].responsibility == "Set rep quotas\nover two lines"
    assert catalogue.items[0].description == "The price the market sees, with a comma"


def test_line_numbers_follow_the_file_across_multiline_fields_and_blank_lines() -> None:
    lines = [item.line for item in read_catalogue(DATA / "mini.csv").items]
    assert lines == [2, 3, 4, 7]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "input.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("id,area,home\nA,pricing,sales\n", 1, None, "missing required column responsibility"),
        ("id,area,responsibility,home\nA,pricing,x,sales\nA,pricing,y,sales\n", 3, "id", "duplicate id 'A'"),
        ("id,area,responsibility,home\nA,pricing,  ,sales\n", 2, "responsibility", "`responsibility` is empty"),
        ("id,area,responsibility,home\nA,pricing,x,sale\n", 2, "home", "'sale' is not one of sales, marketing, shared"),
        ("id,area,responsibility,home,horizon\nA,pricing,x,sales,soon\n", 2, "horizon", "'soon' is not one of"),
        ("id,area,responsibility,home\n", None, None, "no responsibilities"),
        ("", None, None, "empty"),
    ],
)
def test_bad_input_is_located(tmp_path: Path, text: str, line: int | None, column: str | None, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(path)
    err = caught.value
    assert (err.path, err.line, err.column) == (path, line, column)
    assert words in err.message


def test_missing_column_lists_the_columns_found(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        read_catalogue(write(tmp_path, "ID,Area,Job,Home\nA,pricing,x,sales\n"))
    assert "missing required column responsibility" in str(caught.value)
    assert "columns found: ID, Area, Job, Home" in str(caught.value)
    assert "required: responsibility (or task, tasks, tanggung jawab, tugas)" in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="no such file"):
        read_catalogue(tmp_path / "nope.csv")
    with pytest.raises(CatalogueError, match="is a folder"):
        read_catalogue(tmp_path)


def test_text_in_no_known_encoding_names_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"id,area,responsibility,home\nA,pricing,Price \x81\x8d\x8f,sales\n")
    with pytest.raises(CatalogueError, match="--encoding"):
        read_catalogue(path)


def test_default_catalogue_covers_the_domain(catalogue) -> None:  # type: ignore[no-untyped-def]
    items = catalogue.items
    assert len(items) >= 30
    areas = {item.area for item in items}
    assert areas <= set(KNOWN_AREAS)
    assert {"pricing", "distribution", "promotion", "quotas", "customer_service", "research", "product"} <= areas
    count = {area: sum(item.area == area for item in items) for area in areas}
    assert count["sales_process"] == 8
    assert count["marketing_process"] == 7
    texts = " ".join(item.responsibility.lower() for item in items)
    for phrase in (
        "quota",
        "commission",
        "forecast",
        "list (suggested) price",
        "deal discount",
        "intermediaries",
        "competitors sell",
        "survey",
        "retention",
        "advertising",
        "social media",
        "public relations",
        "sponsorship",
        "loyalty",
        "exhibitions",
        "contests",
        "choose the media",
        "brand awareness",
        "brand image",
        "segment",
        "campaign results",
    ):
        assert phrase in texts, phrase
