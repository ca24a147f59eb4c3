"""`raci compare`: who answers for each responsibility before and after, grouped, as a plan."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import datetime
from pathlib import Path

import jinja2
import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from raci.cli import main
from raci.core.assign import build_matrix
from raci.core.compare import GROUP_KEYS, Comparison, compare, group_of
from raci.core.shares import compute_shares
from raci.exceptions import OutputError, ProfileError
from raci.fingerprint import stamp_html
from raci.i18n import Translator
from raci.inputs.profiles import builtin_profile, load_profile
from raci.jobs.compare import output_paths, resolve_profile, write_compare
from raci.model import Catalogue, Profile, Responsibility, Role
from raci.output import source_date
from raci.render.compare_page import TEMPLATE, render_compare
from raci.render.compare_workbook import workbook_bytes
from raci.render.html import environment
from raci.render.labels import GROUP_LABELS
from raci.render.plan_text import plan_opening, plan_sentences, plan_text, summary_text
from raci.render.xlsx import WIDEST_COLUMN

from .conftest import DATA
from .helpers import header_row, shown_in
from .htmltools import Element, english_msgids, parse, shown_texts
from .test_plan import assert_plan_translated

HEADER = [
    "ID",
    "Area",
    "Responsibility",
    "From (role)",
    "From (function)",
    "To (role)",
    "To (function)",
    "Group",
    "R before",
    "R after",
]
EXTERNAL = ("http:", "https:", "//", "ftp:")


@pytest.fixture(scope="module")
def small_to_large(catalogue: Catalogue) -> Comparison:
    return compare(catalogue, builtin_profile("small"), builtin_profile("large"))


def expected_changes(catalogue: Catalogue, old: Profile, new: Profile) -> set[str]:
    """Ids whose Accountable function differs, worked out from the two matrices directly."""
    before, after = build_matrix(catalogue, old), build_matrix(catalogue, new)
    changed = set()
    for old_row, new_row in zip(before.rows, after.rows, strict=True):
        old_holders = [before.roles[i].function for i, letter in enumerate(old_row.letters) if letter in ("A", "A/R")]
        new_holders = [after.roles[i].function for i, letter in enumerate(new_row.letters) if letter in ("A", "A/R")]
        if old_holders != new_holders:
            changed.add(old_row.item.id)
    return changed


INDONESIAN = Translator("id")


def page(comparison: Comparison, lang: str = "en") -> Element:
    root, errors = parse(render_compare(comparison, lang=lang))
    assert errors == []
    return root


def data_ids(table: Element) -> set[str]:
    return {tr.attrs["data-id"] for tr in table.find_all("tr") if "data-id" in tr.attrs}


def sheet(data: bytes, name: str) -> Worksheet:
    ws = openpyxl.load_workbook(io.BytesIO(data))[name]
    assert isinstance(ws, Worksheet)
    return ws


# --- the comparison ------------------------------------------------------------------------------


def test_one_move_per_responsibility_in_catalogue_order(catalogue: Catalogue, small_to_large: Comparison) -> None:
    assert [move.item for move in small_to_large.moves] == list(catalogue.items)
    assert all(move.group in GROUP_KEYS for move in small_to_large.moves)


def test_changes_are_exactly_the_rows_whose_accountable_function_changes(
    catalogue: Catalogue, small_to_large: Comparison
) -> None:
    expected = expected_changes(catalogue, builtin_profile("small"), builtin_profile("large"))
    assert expected  # the default catalogue does change hands
    assert {move.item.id for move in small_to_large.changes} == expected
    assert {move.item.id for move in small_to_large.unchanged} == {item.id for item in catalogue.items} - expected


@pytest.mark.parametrize(("old", "new"), [("startup", "small"), ("medium", "large"), ("large", "small")])
def test_changes_match_the_matrices_for_other_pairs(catalogue: Catalogue, old: str, new: str) -> None:
    comparison = compare(catalogue, builtin_profile(old), builtin_profile(new))
    expected = expected_changes(catalogue, builtin_profile(old), builtin_profile(new))
    assert {move.item.id for move in comparison.changes} == expected


def test_moves_carry_both_accountable_roles_and_the_responsible_titles(small_to_large: Comparison) -> None:
    moves = {move.item.id: move for move in small_to_large.moves}
    mp02 = moves["MP-02"]
    assert (mp02.old, mp02.new) == (
        Role("sales_lead", "Head of Sales", "sales"),
        Role("cmo", "Chief Marketing Officer", "marketing"),
    )
    assert mp02.changed
    assert mp02.old_responsible == ("Marketing Executive",)
    assert mp02.new_responsible == ("Market Research",)
    sp01 = moves["SP-01"]
    assert sp01.new_responsible == ("Revenue Operations", "Account Executives")
    assert not sp01.changed


def test_groups_of_the_small_to_large_plan(small_to_large: Comparison) -> None:
    moves = {move.item.id: move for move in small_to_large.moves}
    assert moves["MP-02"].group == "sales-to-marketing"
    assert moves["SP-07"].group == "stays-with-sales"
    assert moves["SP-07"].new is not None
    assert moves["SP-07"].new.title == "VP Sales"
    cs04 = moves["CS-04"]
    assert cs04.group == "to-new-roles"
    assert cs04.new == Role("customer_success", "Customer Success", "service")
    assert moves["QT-03"].group == "stays-with-leadership"  # the person paid by a scheme does not sign it off
    assert moves["PM-02"].group == "stays-with-marketing"
    # Every sales-to-marketing move is a change; every "stays" group is not.
    for move in small_to_large.moves:
        if move.group == "sales-to-marketing":
            assert (move.old_function, move.new_function, move.changed) == ("sales", "marketing", True)
        if move.group.startswith("stays-"):
            assert not move.changed
    assert [entry.group.key for entry in small_to_large.groups] == [
        "sales-to-marketing",
        "stays-with-sales",
        "to-new-roles",
        "stays-with-leadership",
        "stays-with-marketing",
    ]


def test_group_rules() -> None:
    head = Role("h", "Head of Sales", "sales")
    founder = Role("f", "Founder", "leadership")
    marketer = Role("m", "Marketer", "marketing")
    service = Role("s", "Service Lead", "service")
    old_titles = {"Head of Sales", "Founder", "Marketer", "Service Lead"}
    assert group_of(head, marketer, old_titles) == "sales-to-marketing"
    assert group_of(head, Role("v", "VP Sales", "sales"), old_titles) == "stays-with-sales"
    assert group_of(founder, Role("c", "Chief Executive", "leadership"), old_titles) == "stays-with-leadership"
    assert group_of(head, service, old_titles) == "to-new-roles"
    assert group_of(founder, Role("cmo", "CMO", "marketing"), old_titles) == "to-new-roles"
    assert group_of(founder, marketer, old_titles) == "other-changes"
    assert group_of(marketer, founder, old_titles) == "other-changes"
    assert group_of(service, service, old_titles) == "stays-elsewhere"
    assert group_of(service, Role("cs", "Customer Success", "service"), old_titles) == "to-new-roles"
    assert group_of(None, None, old_titles) == "stays-elsewhere"
    assert group_of(head, None, old_titles) == "other-changes"


def test_shares_come_from_compute_shares(catalogue: Catalogue, small_to_large: Comparison) -> None:
    assert small_to_large.old_shares == compute_shares(build_matrix(catalogue, builtin_profile("small")))
    assert small_to_large.new_shares == compute_shares(build_matrix(catalogue, builtin_profile("large")))


# --- the plan ------------------------------------------------------------------------------------


def test_plan_opens_with_the_headcount_ranges_and_what_marketing_takes_over(small_to_large: Comparison) -> None:
    plan = plan_sentences(small_to_large)
    first = plan[0]
    assert first.startswith("As you grow from 10\u201349 people")
    assert "250+ people" in first
    moved = len(small_to_large.in_group("sales-to-marketing"))
    assert f"marketing takes over {moved} of the {len(small_to_large.moves)} responsibilities" in first
    assert "Research where competitors sell and where customers want to buy" in first  # names, as written
    # the brand, list prices, the choice of intermediaries and the marketing budget are the owner's in a small
    # firm: the new CMO takes them from leadership
    from_leadership = [
        move for move in small_to_large.moves if move.old_function == "leadership" and move.new_function == "marketing"
    ]
    assert (
        f"Chief Marketing Officer (marketing), takes over {len(from_leadership)} responsibilities: Guide product and "
        "service development;" in " ".join(plan)
    )
    assert all(sentence.endswith(".") for sentence in plan)
    assert 3 <= len(plan) <= 10


def test_plan_says_what_sales_keeps_and_who_takes_the_rest(small_to_large: Comparison) -> None:
    text = " ".join(plan_sentences(small_to_large))
    kept = len(small_to_large.in_group("stays-with-sales"))
    assert f"Sales keeps {kept}: Set individual sales rep quotas; Set company sales volume targets;" in text
    assert "Approve deal discounts and transaction prices" in text
    assert "and 7 more." in text  # the first eight by name, then how many more
    assert (
        "A new role, Customer Success (service), takes over 4 responsibilities: Keep buyers happy and grow their "
        "purchases; Run proactive customer satisfaction surveys;" in text
    )
    assert "Leadership keeps 1: Design bonus and commission schemes." in text
    before, after = small_to_large.old_shares.sales_led, small_to_large.new_shares.sales_led
    assert f"sales-led share goes from {before:.0%} to {after:.0%}" in text


def test_plan_going_down_in_size_and_other_changes(catalogue: Catalogue) -> None:
    comparison = compare(catalogue, builtin_profile("medium"), builtin_profile("small"))
    plan = plan_sentences(comparison)
    assert plan[0].startswith("Going from 50\u2013249 people")
    assert "10\u201349 people" in plan[0]
    assert f"{len(comparison.changes)} of the {len(comparison.moves)} change" in plan[0]
    other = comparison.in_group("other-changes")
    assert other
    assert any(sentence.endswith(".") and "from marketing to sales (Head of Sales)" in sentence for sentence in plan)


def test_plan_for_the_same_profile_has_no_changes(catalogue: Catalogue) -> None:
    small = builtin_profile("small")
    comparison = compare(catalogue, small, small)
    assert comparison.changes == ()
    assert "no responsibility moves from sales to marketing; 0 of the" in plan_sentences(comparison)[0]


# --- the workbook --------------------------------------------------------------------------------


def test_workbook_has_one_row_per_responsibility_under_the_header(small_to_large: Comparison) -> None:
    data = workbook_bytes(small_to_large)
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["Plan", "Compare"]  # it opens on the plan
    ws = sheet(data, "Compare")
    top = header_row(ws, HEADER)
    last = top + len(small_to_large.moves)
    rows = list(ws.iter_rows(min_row=top + 1, max_row=last, max_col=len(HEADER), values_only=True))
    assert ws.cell(last + 1, 1).value is None  # nothing but a note below the table
    assert [row[0] for row in rows] == [move.item.id for move in small_to_large.moves]
    for row, move in zip(rows, small_to_large.moves, strict=True):
        assert row[2] == move.item.responsibility
        assert row[3] == (move.old.title if move.old else "(no single A)")
        assert row[4] == str(move.old_function).capitalize()  # the function in words, as every sheet names it
        assert row[5] == (move.new.title if move.new else "(no single A)")
        assert row[6] == str(move.new_function).capitalize()
        assert row[7] == GROUP_LABELS[move.group]
        assert (row[8] or "") == ", ".join(move.old_responsible)
        assert (row[9] or "") == ", ".join(move.new_responsible)
    groups = {row[0]: row[7] for row in rows}
    assert groups["MP-02"] == "Moves from sales to marketing"
    assert groups["SP-07"] == "Stays with sales"
    assert groups["CS-04"] == "Moves to new roles"


def test_workbook_is_formatted_like_the_main_one(small_to_large: Comparison) -> None:
    ws = sheet(workbook_bytes(small_to_large), "Compare")
    top = header_row(ws, HEADER)
    header = ws.cell(top, 1)
    assert header.font.bold
    assert header.fill.fgColor.rgb.endswith("1F3864")
    assert ws.freeze_panes == f"D{top + 1}"
    assert ws.auto_filter.ref == f"A{top}:J{top + len(small_to_large.moves)}"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width
    assert ws.cell(top + 1, 3).alignment.wrap_text
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr is not None
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${top}:${top}"


def test_both_sheets_print_alike_and_no_column_is_wider_than_a_page(small_to_large: Comparison) -> None:
    """Gnumeric lays out every sheet's pages by the first sheet's: a portrait Plan cut the landscape Compare
    sheet's rows under its footer. LibreOffice fits a sheet to the page across columns only: one column wider
    than the page (the Plan's sentences) printed cut at both edges."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(small_to_large)))
    assert [ws.page_setup.orientation for ws in book.worksheets] == ["landscape", "landscape"]
    widths = {ws.title: max(column.width for column in ws.column_dimensions.values()) for ws in book.worksheets}
    assert 0 < widths["Plan"] <= WIDEST_COLUMN
    assert 0 < widths["Compare"] <= WIDEST_COLUMN


def test_plan_sheet_holds_the_sentences(small_to_large: Comparison) -> None:
    ws = sheet(workbook_bytes(small_to_large), "Plan")
    values = [row[0] for row in ws.iter_rows(values_only=True) if row[0]]
    assert values[1:3] == list(plan_opening(small_to_large))
    for text in plan_text(small_to_large):
        for sentence in (text.heading, text.trigger, *text.counts, *text.hires, *text.role_changes, text.shares):
            assert sentence in values


def test_workbook_writes_user_text_as_text(catalogue: Catalogue) -> None:
    formula = '=HYPERLINK("http://x","y")'
    items = (Responsibility(id="X-01", area="promotion", responsibility=formula, home="marketing"),)
    small = builtin_profile("small")
    hostile = dataclasses.replace(
        small, roles=tuple(dataclasses.replace(role, title=f"+{role.title}") for role in small.roles)
    )
    comparison = compare(Catalogue(path=catalogue.path, items=items), hostile, builtin_profile("large"))
    ws = sheet(workbook_bytes(comparison), "Compare")
    top = header_row(ws, HEADER)
    assert ws.cell(top + 1, 3).value == formula
    assert ws.cell(top + 1, 3).data_type == "s"
    assert ws.cell(top + 1, 4).data_type == "s"
    assert str(ws.cell(top + 1, 4).value).startswith("+")


def test_workbook_bytes_are_reproducible_with_source_date_epoch(
    small_to_large: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = workbook_bytes(small_to_large, source_date())  # as the job reads it and passes it down
    # Every date in the package is the epoch's, whenever it is written (not only within the same second)...
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    properties = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert properties.created == datetime(2023, 11, 14, 22, 13, 20)
    assert properties.modified == datetime(2023, 11, 14, 22, 13, 20)
    assert properties.title == "RACI comparison \u2014 Small company to Large company"
    # ... and nothing else changes from one run to the next.
    assert data == workbook_bytes(small_to_large, source_date())


# --- the HTML page -------------------------------------------------------------------------------


def test_changes_table_lists_exactly_the_changed_responsibilities(
    catalogue: Catalogue, small_to_large: Comparison
) -> None:
    root = page(small_to_large)
    table = root.by_id("changes")
    assert table.tag == "table"
    expected = expected_changes(catalogue, builtin_profile("small"), builtin_profile("large"))
    assert data_ids(table) == expected
    rows = [tr for tr in table.find_all("tr") if "data-id" in tr.attrs]
    assert len(rows) == len(expected)
    unchanged = root.by_id("unchanged")
    assert data_ids(unchanged) == {item.id for item in catalogue.items} - expected


def test_page_has_the_plan_first_and_stable_ids(small_to_large: Comparison) -> None:
    root = page(small_to_large)
    order = ["header", "plan", "steps", "step-1", "changes", "unchanged"]
    ids = [element.attrs["id"] for element in root.iter() if element.attrs.get("id") in order]
    assert ids == order
    plan = [p.text() for p in root.by_id("plan").find_all("p")]
    assert plan == list(plan_opening(small_to_large))
    assert "10\u201349" in root.by_id("header").text()
    assert root.find("title").text() == "RACI comparison \u2014 Small company to Large company"


def test_rows_show_roles_functions_and_groups(small_to_large: Comparison) -> None:
    table = page(small_to_large).by_id("changes")
    cs04 = table.find("tr", data_id="CS-04")
    assert cs04.attrs["data-group"] == "to-new-roles"
    assert (cs04.attrs["data-from-function"], cs04.attrs["data-to-function"]) == ("sales", "service")
    after = [cell for cell in cs04.find_all("td", class_="who") if "after" in cell.classes]
    assert len(after) == 1
    assert after[0].text() == "Customer Success service"
    mp02 = table.find("tr", data_id="MP-02")
    assert mp02.attrs["data-group"] == "sales-to-marketing"
    bodies = table.find_all("tbody")
    assert [body.attrs["data-group"] for body in bodies] == [
        entry.group.key for entry in small_to_large.groups if any(move.changed for move in entry.moves)
    ]
    assert "Moves from sales to marketing" in bodies[0].text()


def test_page_is_self_contained_and_print_friendly(small_to_large: Comparison) -> None:
    root = page(small_to_large)
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert root.find_all(tag) == [], tag
    for element in root.iter():
        for name in ("src", "href", "srcset", "action"):
            assert not element.attrs.get(name, "").strip().lower().startswith(EXTERNAL)
    css = " ".join(style.text() for style in root.find_all("style"))
    assert "url(" not in css
    assert "@import" not in css
    assert "@media print" in css
    assert "print-color-adjust: exact" in css


def test_page_escapes_user_text(catalogue: Catalogue) -> None:
    attack = "<script>alert(1)</script>"
    items = (Responsibility(id="X-01", area="promotion", responsibility=attack, home="marketing"),)
    small = builtin_profile("small")
    hostile = dataclasses.replace(small, title="<img src=x>")
    root = page(compare(Catalogue(path=catalogue.path, items=items), hostile, builtin_profile("large")))
    assert root.find_all("script") == []
    assert root.find_all("img") == []
    assert root.by_id("changes").find("th", class_="resp").text().startswith(attack)


def test_template_uses_the_summary_environment() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().get_template(TEMPLATE).render()


def test_no_change_page_keeps_the_ids(catalogue: Catalogue) -> None:
    small = builtin_profile("small")
    root = page(compare(catalogue, small, small))
    assert data_ids(root.by_id("changes")) == set()
    assert len(data_ids(root.by_id("unchanged"))) == len(catalogue.items)


# --- profiles and writing ------------------------------------------------------------------------


def test_resolve_profile_takes_a_size_or_a_file(tmp_path: Path) -> None:
    assert resolve_profile("large") == builtin_profile("large")
    assert resolve_profile(" Small ") == builtin_profile("small")
    assert resolve_profile(str(DATA / "mini_profile.toml")).name == "mini"
    copy = tmp_path / "mini-profile"
    copy.write_text((DATA / "mini_profile.toml").read_text(encoding="utf-8"), encoding="utf-8")
    assert resolve_profile(str(copy)).name == "mini"
    with pytest.raises(ProfileError, match="no such profile file"):
        resolve_profile(str(tmp_path / "absent.toml"))
    with pytest.raises(ProfileError, match="unknown size 'huge'"):
        resolve_profile("huge")


def test_a_profile_file_as_from(catalogue: Catalogue, tmp_path: Path) -> None:
    mini = resolve_profile(str(DATA / "mini_profile.toml"))
    comparison = compare(catalogue, mini, builtin_profile("large"))
    assert comparison.old == load_profile(DATA / "mini_profile.toml")
    assert {move.item.id for move in comparison.changes} == expected_changes(catalogue, mini, builtin_profile("large"))
    workbook, summary = write_compare(tmp_path / "out", comparison)
    assert (workbook.name, summary.name) == ("raci-mini-to-large.xlsx", "raci-mini-to-large.html")
    assert plan_sentences(comparison)[0].startswith("As you grow from 5\u201320 people")


def test_write_compare_creates_the_folder_and_writes_both_files(small_to_large: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    paths = write_compare(out, small_to_large)
    assert paths == output_paths(out, small_to_large)
    assert sorted(path.name for path in out.iterdir()) == ["raci-small-to-large.html", "raci-small-to-large.xlsx"]
    assert paths[1].read_text(encoding="utf-8") == stamp_html(render_compare(small_to_large))
    ws = sheet(paths[0].read_bytes(), "Compare")
    top = header_row(ws, HEADER)
    last = top + len(small_to_large.moves)
    written = [row[0] for row in ws.iter_rows(min_row=top + 1, max_row=last, max_col=1, values_only=True)]
    assert written == [move.item.id for move in small_to_large.moves]


def test_write_compare_refuses_a_file_as_folder(small_to_large: Comparison, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        write_compare(blocker, small_to_large)


def test_nothing_is_written_when_rendering_fails(
    small_to_large: Comparison, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_: Comparison, **__: object) -> str:
        raise RuntimeError("template broke")

    monkeypatch.setattr("raci.render.compare_page.render_compare", broken)
    with pytest.raises(RuntimeError):
        write_compare(tmp_path / "out", small_to_large)
    assert not (tmp_path / "out").exists()


# --- the command (once `raci compare` is registered in raci/cli.py) -------------------------------


def test_command_writes_both_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", "--from", "small", "--to", "large", "--out", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["raci-small-to-large.html", "raci-small-to-large.xlsx"]
    assert "raci-small-to-large.xlsx" in result.stdout


def test_command_takes_a_profile_file_and_reports_errors(tmp_path: Path) -> None:
    mini = str(DATA / "mini_profile.toml")
    result = CliRunner().invoke(main, ["compare", "--from", mini, "--to", "large", "--out", str(tmp_path), "-q"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert (tmp_path / "raci-mini-to-large.html").is_file()
    result = CliRunner().invoke(main, ["compare", "--from", "huge", "--to", "large", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown size 'huge'")


# --- languages -----------------------------------------------------------------------------------

ID_HEADER = [
    "ID",
    "Bidang",
    "Tanggung jawab",
    "Dari (peran)",
    "Dari (fungsi)",
    "Ke (peran)",
    "Ke (fungsi)",
    "Kelompok",
    "R sebelum",
    "R sesudah",
]


@pytest.fixture(scope="module")
def indonesian() -> Comparison:
    from raci.inputs.catalog import read_catalogue
    from raci.resources import default_catalogue

    catalogue = read_catalogue(default_catalogue("id"))
    small, large = builtin_profile("small"), builtin_profile("large")
    return compare(catalogue, small, large, shown=shown_in("id", small, large))


def test_indonesian_comparison_groups_like_the_english_one(small_to_large: Comparison, indonesian: Comparison) -> None:
    assert [move.group for move in indonesian.moves] == [move.group for move in small_to_large.moves]
    assert [move.changed for move in indonesian.moves] == [move.changed for move in small_to_large.moves]
    assert (indonesian.old.title, indonesian.new.title) == ("Perusahaan kecil", "Perusahaan besar")
    mp02 = next(move for move in indonesian.moves if move.item.id == "MP-02")
    assert mp02.old is not None
    assert mp02.new is not None
    assert (mp02.old.title, mp02.new.title) == ("Kepala Penjualan", "Direktur Pemasaran (CMO)")


def test_indonesian_plan(indonesian: Comparison) -> None:
    plan = plan_sentences(indonesian, INDONESIAN)
    moved = len(indonesian.in_group("sales-to-marketing"))
    assert plan[0].startswith(
        "Seiring pertumbuhan perusahaan dari 10\u201349 orang (Perusahaan kecil) menjadi 250+ orang "
        f"(Perusahaan besar), pemasaran mengambil alih {moved} dari 49 tanggung jawab"
    )
    assert "dipegang penjualan: Menetapkan harga promosi; " in plan[0]  # the responsibilities by name
    assert plan[0].endswith(f" dan {moved - 8} lainnya.")  # the first eight, then how many more
    text = " ".join(plan)
    assert (
        "Peran baru dari fungsi layanan, Customer Success, mengambil alih 4 tanggung jawab: Menjaga kepuasan pelanggan "
        "dan meningkatkan nilai pembeliannya;" in text
    )
    before, after = indonesian.old_shares.sales_led, indonesian.new_shares.sales_led
    assert plan[-1].startswith(f"Porsi dipimpin penjualan berubah dari {before:.0%} menjadi {after:.0%}")
    assert all(sentence.endswith(".") for sentence in plan)
    for english in ("responsibilit", " and ", "sales", "marketing", "takes over", "keeps"):
        assert english not in text, english


def test_indonesian_plan_going_down_in_size(catalogue: Catalogue) -> None:
    medium, small = builtin_profile("medium"), builtin_profile("small")
    comparison = compare(catalogue, medium, small, shown=shown_in("id", medium, small))
    plan = plan_sentences(comparison, INDONESIAN)
    assert plan[0].startswith("Ketika perusahaan berubah dari 50\u2013249 orang (Perusahaan menengah)")
    assert "tidak ada tanggung jawab yang berpindah dari penjualan ke pemasaran" in plan[0]
    assert any("berpindah dari pemasaran ke penjualan, dipegang Kepala Penjualan: " in sentence for sentence in plan)


def test_indonesian_workbook(indonesian: Comparison) -> None:
    data = workbook_bytes(indonesian, lang="id")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Plan", "Compare"]  # sheet names stay, as in the main workbook
    ws = sheet(data, "Compare")
    top = header_row(ws, ID_HEADER)
    assert str(ws.cell(1, 1).value).startswith("Siapa menjadi penanggung jawab atas apa \u2014 Perusahaan kecil")
    before, after = indonesian.old_shares.sales_led, indonesian.new_shares.sales_led
    assert f"Porsi dipimpin penjualan {before:.0%} \u2192 {after:.0%}" in str(ws.cell(2, 1).value)
    mp02 = next(row for row in ws.iter_rows(min_row=top + 1, values_only=True) if row[0] == "MP-02")
    assert mp02[3:8] == (
        "Kepala Penjualan",
        "Penjualan",
        "Direktur Pemasaran (CMO)",
        "Pemasaran",
        "Pindah dari penjualan ke pemasaran",
    )
    assert ws.oddFooter.right.text == "Halaman &P dari &N"
    plan = sheet(data, "Plan")
    values = [row[0] for row in plan.iter_rows(values_only=True) if row[0]]
    assert values[0] == "Rencana: dari Perusahaan kecil ke Perusahaan besar"
    assert list(plan_opening(indonesian, INDONESIAN)) == values[1:3]
    assert "Semua tanggung jawab" in values
    assert book.properties.title == "Perbandingan RACI \u2014 Perusahaan kecil ke Perusahaan besar"


def test_indonesian_page_shows_no_english_label(indonesian: Comparison, tmp_path: Path) -> None:
    assert_plan_translated()
    root = page(indonesian, lang="id")
    assert root.find("html").attrs["lang"] == "id"
    english = english_msgids()
    assert [(where, text) for where, text in shown_texts(root) if text in english] == []
    assert [p.text() for p in root.by_id("plan").find_all("p")] == list(plan_opening(indonesian, INDONESIAN))
    assert root.find("h1").text() == "Dari Perusahaan kecil ke Perusahaan besar"
    assert root.by_id("changes-title").text() == f"Yang berpindah tangan ({len(indonesian.changes)})"
    assert "Pindah dari penjualan ke pemasaran" in root.by_id("changes").find_all("tbody")[0].text()
    labels = [element.text() for element in root.find_all(class_="figure-label")]
    assert labels == [
        "Porsi dipimpin penjualan",
        "Porsi dipimpin pemasaran",
        "Kesesuaian dengan fungsi asal",
        "Kesesuaian strategi",
    ]
    paths = write_compare(tmp_path, indonesian, lang="id")
    assert [path.name for path in paths] == ["raci-small-to-large.xlsx", "raci-small-to-large.html"]


def test_indonesian_summary_text(indonesian: Comparison) -> None:
    lines = summary_text(indonesian, INDONESIAN, ("out/raci-small-to-large.xlsx",)).splitlines()
    changed = len(indonesian.changes)
    assert lines[0] == (  # the sizes by their titles, not their keys
        f"Dari Perusahaan kecil (10\u201349 orang) ke Perusahaan besar (250+ orang): "
        f"{changed} dari 49 tanggung jawab berganti fungsi"
    )
    assert lines[1].startswith("  Pindah dari penjualan ke pemasaran: ")
    assert lines[-1] == "Tersimpan: out/raci-small-to-large.xlsx"


def test_english_is_the_default_and_unchanged(catalogue: Catalogue, small_to_large: Comparison) -> None:
    small, large = builtin_profile("small"), builtin_profile("large")
    english = compare(catalogue, small, large, shown=shown_in("en", small, large))
    assert plan_sentences(english) == plan_sentences(small_to_large)
    assert render_compare(english) == render_compare(small_to_large)
    root = page(small_to_large)
    assert root.find("html").attrs["lang"] == "en"
    assert root.by_id("changes-title").text() == f"What changes hands ({len(small_to_large.changes)})"
