"""The rows raci could not place with confidence ("please confirm"), and the rows whose Accountable the
client chose: typed facts every output lists (the words are render's)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Doubt, Matrix, Role


@dataclass(frozen=True)
class Uncertain:
    """A row whose letters rest on a guess: `role` is the Accountable raci gave it (None when not one)."""

    id: str
    responsibility: str
    role: Role | None
    doubt: Doubt
    area: str = ""  # the row's own area, as the catalogue wrote it
    home: str = ""


@dataclass(frozen=True)
class Pinned:
    """A row whose Accountable the catalogue's `accountable` column chose."""

    id: str
    role: Role
    value: str


def uncertain_rows(matrix: Matrix) -> tuple[Uncertain, ...]:
    return tuple(
        Uncertain(
            row.item.id,
            row.item.responsibility,
            matrix.accountable_role(row),
            row.doubt,
            row.item.area,
            row.item.home,
        )
        for row in matrix.rows
        if row.doubt is not None
    )


@dataclass(frozen=True)
class Inferred:
    """A row whose empty area (or home) raci read from its wording, and the area it placed it in."""

    id: str
    area: str
    columns: tuple[str, ...]  # area, home: the ones the catalogue left empty


def inferred_rows(matrix: Matrix) -> tuple[Inferred, ...]:
    return tuple(
        Inferred(row.item.id, matrix.area_of(row), row.item.reading.inferred)
        for row in matrix.rows
        if row.item.reading.inferred and row.doubt is None
    )


def pinned_rows(matrix: Matrix) -> tuple[Pinned, ...]:
    found = []
    for row in matrix.rows:
        role = matrix.accountable_role(row)
        if row.pinned and role is not None:
            found.append(Pinned(row.item.id, role, row.pinned))
    return tuple(found)
