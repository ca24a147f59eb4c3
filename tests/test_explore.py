"""`raci generate --interactive`: one self-contained page holding every size (and the client's own matrix),
its data in one JSON island that agrees with `raci sizes`, the workbook and `raci check`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.html

from tests.helpers import read_raci, run

DATA = Path(__file__).parent / "data"


def _generate(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out"
    code, stdout, err = run("generate", "--out", str(out), "--interactive", *args)
    assert code == 0, err
    (page,) = out.glob("*-explore.html")
    assert str(page) in stdout
    return page


def _island(page: Path) -> dict[str, Any]:
    root = lxml.html.fromstring(page.read_bytes())
    (script,) = root.xpath("//script[@id='raci-data']")
    assert script.get("type") == "application/json"
    data: dict[str, Any] = json.loads(script.text)
    return data


def test_the_page_is_one_file_that_asks_for_nothing(tmp_path: Path) -> None:
    page = _generate(tmp_path, "--size", "small")
    text = page.read_text(encoding="utf-8")
    root = lxml.html.fromstring(page.read_bytes())
    assert root.xpath("//script[@src] | //link | //img[@src] | //iframe") == []
    assert not re.search(r"https?://", text)
    assert len(root.xpath("//script")) == 2  # the JSON island and the script
    assert root.get_element_by_id("controls").get("hidden") is not None  # shown by the script only


def test_the_island_agrees_with_raci_sizes_and_the_workbook(tmp_path: Path) -> None:
    page = _generate(tmp_path, "--size", "small")
    data = _island(page)
    code, out, _ = run("sizes", "--format", "json")
    assert code == 0
    sizes = json.loads(out)["sizes"]
    assert [view["name"] for view in data["views"]] == [size["size"] for size in sizes]
    assert [view["current"] for view in data["views"]] == [False, True, False, False]
    for view, size in zip(data["views"], sizes, strict=True):
        for key in ("sales_led", "marketing_led", "home_alignment", "strategy_alignment"):
            assert view["shares"][key] == size[key]
        assert len(view["roles"]) == size["roles"]

    header, rows = read_raci(page.with_name("raci-small.xlsx"))
    assert [row["id"] for row in data["rows"]] == [row[0] for row in rows]
    small = data["views"][1]
    first = header.index(small["roles"][0]["title"])
    assert small["cells"] == [[letter or "" for letter in row[first : first + len(small["roles"])]] for row in rows]

    code, out, _ = run("check", str(page.with_name("raci-small.xlsx")), "--format", "json")
    load = json.loads(out)["load"]
    assert [(p["person"], p["points"]) for p in small["load"]] == [(p["person"], p["points"]) for p in load["people"]]


def test_every_view_is_in_the_html_and_the_reports_own_shows_without_script(tmp_path: Path) -> None:
    page = _generate(tmp_path, "--size", "large", "--lang", "id")
    root = lxml.html.fromstring(page.read_bytes())
    main = root.get_element_by_id("explore")
    assert main.get("data-view") == "3"
    assert [block.get("data-s") for block in root.xpath("//section[@id='headline']/div")] == ["0", "1", "2", "3"]
    style = root.xpath("//style")[0].text
    assert 'main[data-view="3"] [data-s]:not([data-s="3"]):not(td) { display: none; }' in style
    assert '#matrix tbody tr[data-view="3"] > td[data-s]:not([data-s="3"]) { display: none; }' in style
    assert root.xpath("//title")[0].text.startswith("Jelajahi matriks RACI")
    assert {row.get("data-view") for row in root.xpath("//table[@id='matrix']/tbody/tr")} == {"3"}
    row = root.xpath("//table[@id='matrix']/tbody/tr")[0]
    data = _island(page)
    per_view = [len([cell for cell in row.xpath("td[@data-s=$s]", s=str(i))]) for i in range(4)]
    assert per_view == [len(view["roles"]) + 1 for view in data["views"]]  # letters, then the rule


def test_a_cell_whose_accountable_moves_in_the_next_size_is_framed(tmp_path: Path) -> None:
    page = _generate(tmp_path, "--size", "startup")
    data = _island(page)
    root = lxml.html.fromstring(page.read_bytes())
    for number, row in enumerate(root.xpath("//table[@id='matrix']/tbody/tr")):
        now, then = data["views"][0], data["views"][1]

        def accountable(view: dict[str, Any], index: int = number) -> str:
            held = [r["title"] for r, letter in zip(view["roles"], view["cells"][index], strict=True) if "A" in letter]
            return held[0] if len(held) == 1 else ""

        framed = row.xpath("td[@data-s='0'][contains(@class, 'moves')]")
        assert bool(framed) == (accountable(now) != accountable(then)), row.get("data-id")
    assert root.xpath("//td[@data-s='3'][contains(@class, 'moves')]") == []  # nothing above the largest


def test_a_matrix_made_elsewhere_comes_first_as_it_is(tmp_path: Path) -> None:
    page = _generate(tmp_path, str(DATA / "matrices" / "agency-deliverables.csv"))
    data = _island(page)
    assert data["views"][0]["current"]
    assert data["views"][0]["label"] == "As it is (agency-deliverables.csv)"
    assert [view["name"] for view in data["views"][1:]] == ["startup", "small", "medium", "large"]


def test_without_interactive_no_page_to_explore(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("generate", "--out", str(out), "-q")
    assert code == 0, err
    assert sorted(path.name for path in out.iterdir()) == ["raci-small.html", "raci-small.xlsx"]


def test_the_readme_picture_is_drawn_from_the_command_beside_it() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("pictures", root / "docs" / "pictures.py")
    assert spec is not None
    assert spec.loader is not None
    pictures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pictures)
    readme = (root / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- picture: raci generate (.*?) -->\n!\[[^]]*\]\(docs/explore\.png\)", readme)
    assert found is not None
    assert found.group(1) == pictures.EXPLORE
    assert (root / "docs" / "explore.png").is_file()


def test_a_batch_job_asking_for_it_writes_the_page_and_the_index_links_it(tmp_path: Path) -> None:
    manifest = tmp_path / "clients.csv"
    manifest.write_text("name,size,interactive\nToko Maju,startup,yes\nHarbor Tools,large,\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("batch", str(manifest), "--out", str(out), "--jobs", "1", "-q")
    assert code == 0, err
    pages = sorted(path.relative_to(out).as_posix() for path in out.rglob("*-explore.html"))
    assert len(pages) == 1
    assert pages[0].endswith("-startup-explore.html")
    index = lxml.html.fromstring((out / "index.html").read_bytes())
    assert [link.get("href") for link in index.xpath("//a[@class='explore']")] == pages
    assert _island(out / pages[0])["views"][0]["current"]
