"""`raci compare`: who answers for each responsibility in one profile and who does in another.

`compare` builds both matrices on one catalogue and pairs their rows into `Move`s. Each move
falls into one group, decided in this order:

1. `sales-to-marketing`: the Accountable role was in sales and is now in marketing;
2. `stays-with-sales`, `stays-with-marketing`, `stays-with-leadership`: the same function
   answers before and after (even when the role's title changes, e.g. Head of Sales to VP Sales);
3. `to-new-roles`: the new Accountable role's title does not exist in the FROM profile, or the
   work moves into service, finance, operations or product;
4. `other-changes`: any other change of function (e.g. leadership to marketing within roles
   that both profiles have);
5. `stays-elsewhere`: the rest, whose Accountable function does not change.

The shares quoted in the plan come from `raci.shares.compute_shares`, like every other output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import __version__
from .assign import build_matrix
from .excel import (
    AREA_EDGE,
    BOLD,
    CENTRE,
    FONT,
    GRID,
    HEADER_ROW,
    LINE_HEIGHT,
    NOTE_FONT,
    THIN,
    TITLE_FONT,
    WRAP_MIDDLE,
    WRAP_TOP,
    cell_at,
    header_row,
    print_setup,
    put_text,
    source_date,
    wrapped_lines,
    xlsx_bytes,
)
from .generate import choose_profile, make_folder, write_atomic
from .html import SHARE_LABELS, area_label, environment
from .i18n import Translator
from .model import RESPONSIBLE, Catalogue, Matrix, Profile, Responsibility, Role, Row
from .shares import Shares, compute_shares

TEMPLATE = "compare.html.j2"
# An area that hands over this many responsibilities or fewer is described by their names.
NAMED_ITEMS = 2
NEW_ROLE_FUNCTIONS = ("service", "finance", "operations", "product")
STAYING = ("sales", "marketing", "leadership")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    description: str


GROUPS: tuple[Group, ...] = (
    Group("sales-to-marketing", "Moves from sales to marketing", "Sales answered for it; marketing will."),
    Group("stays-with-sales", "Stays with sales", "A sales role answers for it before and after."),
    Group(
        "to-new-roles",
        "Moves to new roles",
        "A role that did not exist before takes it over, or service, finance, operations or product does.",
    ),
    Group(
        "stays-with-leadership", "Stays with leadership", "The company's leadership answers for it before and after."
    ),
    Group("stays-with-marketing", "Stays with marketing", "A marketing role answers for it before and after."),
    Group("other-changes", "Other changes of function", "Another function takes it over."),
    Group("stays-elsewhere", "Stays with the same function", "The same function answers for it before and after."),
)
GROUP_KEYS = tuple(group.key for group in GROUPS)
GROUP_LABELS = {group.key: group.label for group in GROUPS}


@dataclass(frozen=True)
class Move:
    """One responsibility: its Accountable role and its R's before and after.

    `old` or `new` is None when that matrix does not give the row exactly one A or A/R;
    `changed` means the Accountable FUNCTION differs.
    """

    item: Responsibility
    old: Role | None
    new: Role | None
    old_responsible: tuple[str, ...]
    new_responsible: tuple[str, ...]
    changed: bool
    group: str

    @property
    def old_function(self) -> str | None:
        return self.old.function if self.old is not None else None

    @property
    def new_function(self) -> str | None:
        return self.new.function if self.new is not None else None

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.group]

    @property
    def responsible_changed(self) -> bool:
        return self.old_responsible != self.new_responsible


@dataclass(frozen=True)
class GroupMoves:
    group: Group
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class Comparison:
    catalogue: Catalogue
    old: Profile
    new: Profile
    old_shares: Shares
    new_shares: Shares
    moves: tuple[Move, ...]
    version: str

    @property
    def changes(self) -> tuple[Move, ...]:
        """The moves whose Accountable function changes, in catalogue order."""
        return tuple(move for move in self.moves if move.changed)

    @property
    def unchanged(self) -> tuple[Move, ...]:
        return tuple(move for move in self.moves if not move.changed)

    def in_group(self, key: str) -> tuple[Move, ...]:
        if key not in GROUP_KEYS:
            raise KeyError(key)
        return tuple(move for move in self.moves if move.group == key)

    @property
    def groups(self) -> tuple[GroupMoves, ...]:
        """The groups that hold at least one move, in `GROUPS` order."""
        return _grouped(self.moves)

    @property
    def growing(self) -> bool:
        return self.new.headcount_min > self.old.headcount_min


# --- the comparison ----------------------------------------------------------------------------


def compare(catalogue: Catalogue, old: Profile, new: Profile) -> Comparison:
    """Both profiles applied to `catalogue`, row by row."""
    before, after = build_matrix(catalogue, old), build_matrix(catalogue, new)
    old_titles = frozenset(role.title for role in old.roles)
    moves = []
    for old_row, new_row in zip(before.rows, after.rows, strict=True):
        old_role, new_role = before.accountable_role(old_row), after.accountable_role(new_row)
        moves.append(
            Move(
                item=old_row.item,
                old=old_role,
                new=new_role,
                old_responsible=_responsible(before, old_row),
                new_responsible=_responsible(after, new_row),
                changed=_function(old_role) != _function(new_role),
                group=group_of(old_role, new_role, old_titles),
            )
        )
    return Comparison(
        catalogue=catalogue,
        old=old,
        new=new,
        old_shares=compute_shares(before),
        new_shares=compute_shares(after),
        moves=tuple(moves),
        version=__version__,
    )


def group_of(old: Role | None, new: Role | None, old_titles: Iterable[str]) -> str:
    """The group key of a move from `old` to `new`; `old_titles` are the FROM profile's role titles."""
    before, after = _function(old), _function(new)
    if before == "sales" and after == "marketing":
        return "sales-to-marketing"
    if before == after and before in STAYING:
        return f"stays-with-{before}"
    if new is not None and (new.title not in set(old_titles) or (before != after and after in NEW_ROLE_FUNCTIONS)):
        return "to-new-roles"
    if before != after:
        return "other-changes"
    return "stays-elsewhere"


def resolve_profile(value: str) -> Profile:
    """A `--from`/`--to` value: a profile file (ends in .toml, or an existing file) or a built-in size."""
    path = Path(value)
    if value.lower().endswith(".toml") or path.is_file():
        return choose_profile(profile=path)
    return choose_profile(size=value)


# --- the plan ----------------------------------------------------------------------------------


def plan_sentences(comparison: Comparison) -> tuple[str, ...]:
    """A few plain sentences that read as a plan, the headcount ranges in the first."""
    old, new, catalogue = comparison.old, comparison.new, comparison.catalogue
    total = len(comparison.moves)
    lead = "As you grow from" if comparison.growing else "Going from"
    span = f"{lead} {old.headcount_label} people ({old.title}) to {new.headcount_label} people ({new.title})"
    to_marketing = comparison.in_group("sales-to-marketing")
    if to_marketing:
        opening = (
            f"{span}, marketing takes over {len(to_marketing)} of the {total} responsibilities "
            f"from sales: {_describe(to_marketing, catalogue)}."
        )
    else:
        opening = (
            f"{span}, no responsibility moves from sales to marketing; "
            f"{len(comparison.changes)} of the {total} change the function that answers for them."
        )
    sentences = [opening]

    kept = comparison.in_group("stays-with-sales")
    if kept:
        sentences.append(f"Sales keeps {len(kept)}: {_describe(kept, catalogue)}.")
    for role, moves in _by_new_role(comparison.in_group("to-new-roles")):
        known = role.title in {other.title for other in old.roles}
        who = f"{role.title} ({role.function})" if known else f"A new role, {role.title} ({role.function}),"
        sentences.append(f"{who} takes over {_count(len(moves))}: {_describe(moves, catalogue)}.")
    for key, owner in (("stays-with-leadership", "Leadership"), ("stays-with-marketing", "Marketing")):
        moves = comparison.in_group(key)
        if moves:
            sentences.append(f"{owner} keeps {len(moves)}: {_describe(moves, catalogue)}.")
    for (source, target), moves in _by_change(comparison.in_group("other-changes")):
        verb = "moves" if len(moves) == 1 else "move"
        sentences.append(
            f"{_sentence_case(_count(len(moves)))} {verb} from {source or 'no single role'} to {_owner(target)}: "
            f"{_describe(moves, catalogue)}."
        )
    rest = comparison.in_group("stays-elsewhere")
    if rest:
        verb = "stays" if len(rest) == 1 else "stay"
        sentences.append(
            f"{_count(len(rest)).capitalize()} {verb} with the same function: {_describe(rest, catalogue)}."
        )
    before, after = comparison.old_shares, comparison.new_shares
    sentences.append(
        f"The sales-led share goes from {_percent(before.sales_led)} to {_percent(after.sales_led)}, "
        f"the marketing-led share from {_percent(before.marketing_led)} to {_percent(after.marketing_led)}, "
        f"and home alignment from {_percent(before.home_alignment)} to {_percent(after.home_alignment)}."
    )
    return tuple(sentences)


def summary_text(comparison: Comparison, written: tuple[str, ...] = ()) -> str:
    """The short plain-text summary `raci compare` prints."""
    old, new = comparison.old, comparison.new
    lines = [
        f"From {old.name} ({old.headcount_label} people) to {new.name} ({new.headcount_label} people): "
        f"{len(comparison.changes)} of {len(comparison.moves)} responsibilities change function",
    ]
    lines += [f"  {entry.group.label}: {len(entry.moves)}" for entry in comparison.groups]
    lines += [f"Wrote {path}" for path in written]
    return "\n".join(lines)


# --- the workbook ------------------------------------------------------------------------------

COMPARE_HEADER = (
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
)
COMPARE_WIDTHS = (9.0, 16.0, 44.0, 22.0, 13.0, 22.0, 13.0, 26.0, 28.0, 28.0)
PLAN_WIDTH = 110.0
GROUP_FILLS = {
    "sales-to-marketing": "F6E4D6",
    "stays-with-sales": "DBE8F2",
    "to-new-roles": "E2EFDA",
    "stays-with-leadership": "E7EAEE",
    "stays-with-marketing": "FBEFE4",
    "other-changes": "FFF2CC",
    "stays-elsewhere": "F2F2F2",
}
NO_SINGLE_A = "(no single A)"


def workbook_bytes(comparison: Comparison) -> bytes:
    """The comparison as the bytes of an .xlsx file: sheets Compare and Plan."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    _compare_sheet(workbook.create_sheet("Compare"), comparison)
    _plan_sheet(workbook.create_sheet("Plan"), comparison)
    when = source_date()
    _workbook_properties(workbook, comparison, when)
    return xlsx_bytes(workbook, when)


def _compare_sheet(ws: Worksheet, comparison: Comparison) -> None:
    old, new = comparison.old, comparison.new
    title = f"Who answers for what \u2014 {old.title} ({old.headcount_label}) to {new.title} ({new.headcount_label})"
    put_text(cell_at(ws, 1, 1), title).font = TITLE_FONT
    subtitle = (
        f"{len(comparison.changes)} of {len(comparison.moves)} responsibilities change the function that answers "
        f"for them   \u00b7   Sales-led share {_percent(comparison.old_shares.sales_led)} \u2192 "
        f"{_percent(comparison.new_shares.sales_led)}   \u00b7   Marketing-led share "
        f"{_percent(comparison.old_shares.marketing_led)} \u2192 {_percent(comparison.new_shares.marketing_led)}"
    )
    put_text(cell_at(ws, 2, 1), subtitle).font = NOTE_FONT
    header_row(ws, HEADER_ROW, COMPARE_HEADER, COMPARE_WIDTHS)

    previous = None
    for number, move in enumerate(comparison.moves, start=HEADER_ROW + 1):
        new_area = previous is not None and move.item.area != previous
        previous = move.item.area
        border = Border(left=THIN, right=THIN, top=AREA_EDGE if new_area else THIN, bottom=THIN)
        texts = (
            move.item.id,
            move.item.area,
            move.item.responsibility,
            move.old.title if move.old else NO_SINGLE_A,
            move.old_function or "",
            move.new.title if move.new else NO_SINGLE_A,
            move.new_function or "",
            move.group_label,
            ", ".join(move.old_responsible),
            ", ".join(move.new_responsible),
        )
        for column, text in enumerate(texts, start=1):
            cell = put_text(cell_at(ws, number, column), text)
            cell.alignment = WRAP_MIDDLE
            cell.border = border
        colour = GROUP_FILLS[move.group]
        cell_at(ws, number, 8).fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        if move.changed:
            for column in (6, 7):
                cell_at(ws, number, column).font = BOLD
        lines = max(wrapped_lines(text, width) for text, width in zip(texts, COMPARE_WIDTHS, strict=True))
        ws.row_dimensions[number].height = LINE_HEIGHT * lines + 4

    last_row = HEADER_ROW + max(len(comparison.moves), 1)
    ws.freeze_panes = cell_at(ws, HEADER_ROW + 1, 4)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COMPARE_HEADER))}{last_row}"
    ws.sheet_view.showGridLines = False
    note = "Bold: the function that answers for the responsibility changes. R: roles that do the work (R or A/R)."
    put_text(cell_at(ws, last_row + 2, 1), note).font = Font(name=FONT, italic=True, color="595959")
    cell_at(ws, last_row + 2, 1).alignment = Alignment(wrap_text=False)
    _page_setup(ws, comparison, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _plan_sheet(ws: Worksheet, comparison: Comparison) -> None:
    old, new = comparison.old, comparison.new
    put_text(cell_at(ws, 1, 1), f"Plan: from {old.title} to {new.title}").font = TITLE_FONT
    ws.column_dimensions[get_column_letter(1)].width = PLAN_WIDTH
    ws.column_dimensions[get_column_letter(2)].width = 18.0
    number = 2
    for sentence in plan_sentences(comparison):
        number += 1
        cell = put_text(cell_at(ws, number, 1), sentence)
        cell.alignment = WRAP_TOP
        ws.row_dimensions[number].height = LINE_HEIGHT * wrapped_lines(sentence, PLAN_WIDTH) + 4
    number += 2
    header_row(ws, number, ["Group", "Responsibilities"])
    ws.row_dimensions[number].height = LINE_HEIGHT + 4
    for entry in comparison.groups:
        number += 1
        put_text(cell_at(ws, number, 1), entry.group.label).border = GRID
        count = cell_at(ws, number, 2, len(entry.moves))
        count.border = GRID
        count.alignment = CENTRE
    number += 1
    total = put_text(cell_at(ws, number, 1), "All responsibilities")
    total.alignment = Alignment(horizontal="right")
    cell_at(ws, number, 2, len(comparison.moves)).alignment = CENTRE
    ws.sheet_view.showGridLines = False
    _page_setup(ws, comparison, landscape=False, title_rows=None)


def _page_setup(ws: Worksheet, comparison: Comparison, *, landscape: bool, title_rows: str | None) -> None:
    """The page settings of raci.excel's sheets, with this comparison's title."""
    title = _document_title(comparison)
    print_setup(ws, title, comparison.version, Translator(), landscape=landscape, title_rows=title_rows)


def _workbook_properties(workbook: Workbook, comparison: Comparison, when: datetime | None) -> None:
    props = workbook.properties
    props.title = _document_title(comparison)
    props.subject = "Sales and marketing responsibilities (RACI): how ownership changes with company size"
    props.creator = f"raci {comparison.version}"
    props.keywords = f"RACI, sales, marketing, comparison, {comparison.old.name}, {comparison.new.name}"
    props.description = f"Generated by raci {comparison.version}: {comparison.old.name} to {comparison.new.name}."
    if when is not None:
        props.created = props.modified = when


def _document_title(comparison: Comparison) -> str:
    return f"RACI comparison \u2014 {comparison.old.title} to {comparison.new.title}"


# --- the HTML page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareShift:
    key: str
    label: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class GroupCount:
    group: Group
    count: int
    share: float

    @property
    def width(self) -> str:
        """The share as a CSS percentage: 0.5102 -> "51.02%"."""
        return f"{self.share * 100:.2f}%"


def compare_context(comparison: Comparison) -> dict[str, Any]:
    """Every variable the compare template reads."""
    total = len(comparison.moves)
    catalogue = comparison.catalogue
    return {
        "comparison": comparison,
        "old": comparison.old,
        "new": comparison.new,
        "version": comparison.version,
        "catalogue_name": catalogue.path.name if catalogue.path.name else None,
        "title": _document_title(comparison),
        "plan": plan_sentences(comparison),
        "shifts": tuple(
            ShareShift(key, label, getattr(comparison.old_shares, key), getattr(comparison.new_shares, key))
            for key, label in SHARE_LABELS.items()
        ),
        "counts": tuple(
            GroupCount(entry.group, len(entry.moves), len(entry.moves) / total if total else 0.0)
            for entry in comparison.groups
        ),
        "total": total,
        "changes": _grouped(comparison.changes),
        "unchanged": _grouped(comparison.unchanged),
        "change_count": len(comparison.changes),
        "unchanged_count": len(comparison.unchanged),
    }


def render_compare(comparison: Comparison) -> str:
    """The comparison as one self-contained HTML page."""
    return environment().get_template(TEMPLATE).render(compare_context(comparison))


# --- writing -----------------------------------------------------------------------------------


def output_paths(out_dir: Path | str, comparison: Comparison) -> tuple[Path, Path]:
    stem = f"raci-{comparison.old.name}-to-{comparison.new.name}"
    out = Path(out_dir)
    return out / f"{stem}.xlsx", out / f"{stem}.html"


def write_compare(out_dir: Path | str, comparison: Comparison) -> tuple[Path, Path]:
    """Write `raci-FROM-to-TO.xlsx` and `.html` into `out_dir`; both are rendered before anything is written."""
    workbook = workbook_bytes(comparison)
    page = render_compare(comparison).encode("utf-8")
    paths = output_paths(out_dir, comparison)
    make_folder(Path(out_dir))
    for path, data in zip(paths, (workbook, page), strict=True):
        write_atomic(path, data)
    return paths


# --- helpers -----------------------------------------------------------------------------------


def _function(role: Role | None) -> str | None:
    return role.function if role is not None else None


def _responsible(matrix: Matrix, row: Row) -> tuple[str, ...]:
    return tuple(role.title for role, letter in zip(matrix.roles, row.letters, strict=True) if letter in RESPONSIBLE)


def _grouped(moves: tuple[Move, ...]) -> tuple[GroupMoves, ...]:
    found = []
    for group in GROUPS:
        members = tuple(move for move in moves if move.group == group.key)
        if members:
            found.append(GroupMoves(group, members))
    return tuple(found)


def _by_new_role(moves: tuple[Move, ...]) -> tuple[tuple[Role, tuple[Move, ...]], ...]:
    roles: list[Role] = []
    for move in moves:
        if move.new is not None and move.new not in roles:
            roles.append(move.new)
    found = [(role, tuple(move for move in moves if move.new == role)) for role in roles]
    return tuple(sorted(found, key=lambda entry: -len(entry[1])))


def _by_change(moves: tuple[Move, ...]) -> tuple[tuple[tuple[str | None, Role | None], tuple[Move, ...]], ...]:
    """Moves grouped by (old function, new role), in order of first appearance."""
    keys: list[tuple[str | None, Role | None]] = []
    for move in moves:
        if (move.old_function, move.new) not in keys:
            keys.append((move.old_function, move.new))
    return tuple((key, tuple(move for move in moves if (move.old_function, move.new) == key)) for key in keys)


def _describe(moves: tuple[Move, ...], catalogue: Catalogue) -> str:
    """Whole areas by name, larger parts of an area as "most of"/"part of", single items by name."""
    areas: list[str] = []
    for move in moves:
        if move.item.area not in areas:
            areas.append(move.item.area)
    whole, parts, items = [], [], []
    for area in areas:
        taken = [move.item for move in moves if move.item.area == area]
        size = sum(1 for item in catalogue.items if item.area == area)
        if len(taken) == size:
            whole.append(_area_phrase(area))
        elif len(taken) <= NAMED_ITEMS:
            items += [_lower_first(item.responsibility) for item in taken]
        else:
            amount = "most" if len(taken) * 2 > size else "part"
            parts.append(f"{amount} of {_area_phrase(area)} ({len(taken)} of {size})")
    return _join([*whole, *parts, *items])


def _area_phrase(area: str) -> str:
    text = area_label(area).lower()
    return f"the {text}" if area.endswith("_process") else text


def _join(phrases: list[str]) -> str:
    """ "a, b and c"; with semicolons when a phrase has its own commas, colons or "and"."""
    if len(phrases) <= 1:
        return "".join(phrases)
    if any("," in phrase or ":" in phrase or " and " in phrase for phrase in phrases):
        return "; ".join(phrases[:-1]) + "; and " + phrases[-1]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _owner(role: Role | None) -> str:
    return "no single role" if role is None else f"{role.function} ({role.title})"


def _count(number: int) -> str:
    return f"{number} responsibilit{'y' if number == 1 else 'ies'}"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"
