"""Agreement of raci's Accountable with the answer keys of the client catalogues (tests/data/catalogues).

    python benchmarks/judgement.py                 # agreement per size per catalogue, raw and left-out
    python benchmarks/judgement.py --markdown      # the same as the table in docs/judgement.md
    python benchmarks/judgement.py --rows saas-en  # the rows of one catalogue that disagree (looking at it:
                                                   # record any change made after this in tuning.toml)

A row agrees at a size when one of its key's functions is among the hats of the role raci makes
Accountable; a row without a single Accountable disagrees (the folder's README).

Raw agreement counts every row. Left-out agreement is the honest figure: tuning.toml records which
rules and which vocabulary entries changed while looking at which catalogue's results, and a row is
scored only where none of what decided it (its profile rule at that size, its kind of work, the area
it was placed in) was changed while looking at that same catalogue. `n` says how many rows that leaves.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from raci.core.assign import build_matrix
from raci.inputs.catalog import read_catalogue
from raci.inputs.profiles import builtin_profile
from raci.model import Matrix, Row

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "tests" / "data" / "catalogues"
TUNING = CATALOGUES / "tuning.toml"
SIZES = ("startup", "small", "medium", "large")


@dataclass(frozen=True)
class Change:
    """One change to the rules or the vocabulary, and the catalogues whose results were seen."""

    looked_at: frozenset[str]
    touches: frozenset[str]  # "rule:SIZE:LABEL", "kind:NAME", "area:AREA", "row:CATALOGUE:ID", or "all"


@dataclass(frozen=True)
class Score:
    agree: int
    rows: int
    kept_agree: int  # among the rows no change made while looking at this catalogue decided
    kept: int

    @property
    def raw(self) -> float:
        return self.agree / self.rows if self.rows else 0.0

    @property
    def left_out(self) -> float | None:
        return self.kept_agree / self.kept if self.kept else None


def read_tuning(path: Path = TUNING) -> tuple[Change, ...]:
    if not path.exists():
        return ()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    changes = []
    for entry in data.get("change", []):
        touches = {f"rule:{rule}" for rule in entry.get("rules", [])}
        touches |= {f"kind:{kind}" for kind in entry.get("kinds", [])}
        touches |= {f"area:{area}" for area in entry.get("areas", [])}
        touches |= {f"row:{row}" for row in entry.get("rows", [])}
        if entry.get("all", False):
            touches.add("all")
        changes.append(Change(frozenset(entry.get("looked_at", [])), frozenset(touches)))
    return tuple(changes)


def deciders(matrix: Matrix, row: Row, size: str) -> set[str]:
    """What decided a row's letters at a size: its rule, its kind of work, the area it was placed in."""
    found = {f"rule:{size}:{row.rule.label}", f"area:{matrix.area_of(row)}"}
    if row.item.kind:
        found.add(f"kind:{row.item.kind}")
    return found


def tainted(changes: tuple[Change, ...], decided: set[str], name: str) -> bool:
    """Whether a change made while looking at catalogue `name` touched what decided this row."""
    return any(name in change.looked_at and ("all" in change.touches or change.touches & decided) for change in changes)


def read_key(path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return {
            row["id"].strip(): {size: tuple(part.strip() for part in row[size].split("|")) for size in SIZES}
            for row in csv.DictReader(stream)
        }


def score(folder: Path, changes: tuple[Change, ...], show: bool = False) -> dict[str, Score]:
    """Agreement per size on one catalogue; with `show`, print the rows that disagree."""
    catalogue = read_catalogue(folder / "catalogue.csv")
    key = read_key(folder / "key.csv")
    scores = {}
    for size in SIZES:
        matrix = build_matrix(catalogue, builtin_profile(size))
        agree = kept = kept_agree = 0
        for row in matrix.rows:
            role = matrix.accountable_role(row)
            wanted = key[row.item.id][size]
            ok = role is not None and any(function in role.functions for function in wanted)
            decided = deciders(matrix, row, size) | {f"row:{folder.name}:{row.item.id}"}
            left = not tainted(changes, decided, folder.name)
            agree += ok
            kept += left
            kept_agree += ok and left
            if show and not ok:
                print(
                    f"  {size:8} {row.item.id:8} key {'|'.join(wanted):22} raci {role.key if role else '-':18} "
                    f"{row.rule.label:36} {row.item.responsibility[:70]}"
                )
        scores[size] = Score(agree, len(matrix.rows), kept_agree, kept)
    return scores


def decided_by(folders: list[Path]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Per catalogue, size and row: what decided the row and who answers (the last item, "A:ROLE")."""
    found: dict[str, dict[str, dict[str, list[str]]]] = {}
    for folder in folders:
        catalogue = read_catalogue(folder / "catalogue.csv")
        found[folder.name] = {}
        for size in SIZES:
            matrix = build_matrix(catalogue, builtin_profile(size))
            found[folder.name][size] = {
                row.item.id: [
                    *sorted(deciders(matrix, row, size)),
                    f"A:{getattr(matrix.accountable_role(row), 'key', '')}",
                ]
                for row in matrix.rows
            }
    return found


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", metavar="CATALOGUE", help="print the rows of one catalogue that disagree")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--deciders",
        metavar="CATALOGUES",
        help="print, as JSON, what decides each row of these catalogues (comma-separated) at each size and "
        "who answers: run it before and after a change and record every decider of a row that moved",
    )
    args = parser.parse_args(argv)
    changes = read_tuning()
    folders = sorted(path for path in CATALOGUES.iterdir() if (path / "key.csv").exists())
    if args.deciders:
        print(json.dumps(decided_by([CATALOGUES / name for name in args.deciders.split(",")]), indent=1))
        return 0
    if args.rows:
        folder = CATALOGUES / args.rows
        if folder not in folders:
            parser.error(f"no catalogue '{args.rows}'; there are {', '.join(path.name for path in folders)}")
        score(folder, changes, show=True)
        return 0
    results = {folder.name: score(folder, changes) for folder in folders}
    head = ["catalogue", *(f"{size} raw" for size in SIZES), *(f"{size} left out (n)" for size in SIZES)]
    lines = []
    for name, scores in results.items():
        raw = [percent(scores[size].raw) for size in SIZES]
        left = [f"{percent(scores[size].left_out)} ({scores[size].kept})" for size in SIZES]
        lines.append([f"{name} ({scores['startup'].rows})", *raw, *left])
    totals = []
    for size in SIZES:
        agree = sum(scores[size].agree for scores in results.values())
        rows = sum(scores[size].rows for scores in results.values())
        totals.append((agree, rows))
    kept_totals = []
    for size in SIZES:
        agree = sum(scores[size].kept_agree for scores in results.values())
        rows = sum(scores[size].kept for scores in results.values())
        kept_totals.append((agree, rows))
    lines.append(
        [
            "all rows",
            *(percent(agree / rows) for agree, rows in totals),
            *(f"{percent(agree / rows if rows else None)} ({rows})" for agree, rows in kept_totals),
        ]
    )
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for line in lines:
            print("| " + " | ".join(line) + " |")
    else:
        widths = [max(len(str(line[i])) for line in [head, *lines]) for i in range(len(head))]
        for line in [head, *lines]:
            print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))
        print(f"\n{len(changes)} change(s) recorded in {TUNING.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
