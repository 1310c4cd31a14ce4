"""Reading a large map: the report opens with the outline (a WAI-ARIA tree) beside the essay, an
overview drawn a level at a time, the size budget, and `argmap report --pdf`."""

from __future__ import annotations

import html as html_lib
import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, write_map
from test_outline import SMALL

from argmap.cli import main
from argmap.load import load
from argmap.outline import build_outline, evaluation
from argmap.overview import MORE, TOP, views
from argmap.report import inline_svg

GREITENS = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"
SEED_MAPS = [GREITENS, MAAN]


def report(path: Path, tmp_path: Path) -> str:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


ROW = re.compile(
    r'<div role="treeitem" class="([^"]+)"(?: id="t--([^"]+)")?(?: data-ref="([^"]+)")?(?: aria-expanded="(\w+)")?>\n'
    r'<span class="lbl">(.*?)</span>(?:<span class="rs">(.*?)</span>)?</div>'
)


def rows(page: str) -> list[tuple[str, str, str, str, str]]:
    """The tree's rows in order: (classes, id, expanded, words, reason), words without tags."""
    tree = page[page.index('<ul role="tree"') : page.index('<div class="pane essay-pane"')]
    found = []
    for classes, full, ref, expanded, label, reason in ROW.findall(tree):
        words = html_lib.unescape(re.sub(r"<[^>]+>", "", label))
        found.append((classes, full or ref, expanded, words, html_lib.unescape(reason)))
    return found


GIVEN = "given: no argument concludes it, and nothing attacks it"


def test_the_outline_of_a_small_map_row_by_row(tmp_path):
    page = report(write_map(tmp_path, SMALL), tmp_path)
    assert rows(page) == [
        ("ti claim th", "extend", "true", "Thesis out The council should extend the line.",
         "defeated by the attack 'cost', which holds"),
        ("ti arg relation-support", "policy", "true",
         "Argument for out “Worth extending”, Practical reasoning 2 premises together", "its premise 'gains' is out"),
        ("ti claim", "gains", "false", "out The city gains from the tram.", "every argument for it fails"),
        ("ti arg relation-support", "benefit", "false", "Argument for out Cause to effect 2 premises together",
         "defeated by the attack 'doubt', which holds"),
        ("ti claim", "faster", "", "in The tram cut commuting times by a fifth.", GIVEN),
        ("ti claim", "happier", "", "in Shorter commutes make people happier.", GIVEN),
        ("ti arg relation-undercut", "doubt", "false", "Undercut in ", ""),
        ("ti claim", "preliminary", "", "in The figures are only preliminary. held by critics", GIVEN),
        ("ti claim implicit", "worth-it", "", "in What makes a city better is worth extending. implicit premise",
         GIVEN),
        ("ti arg relation-support", "mood", "true", "Argument for in ", ""),
        ("ti claim ref", "happier", "", "in Shorter commutes make people happier. (shown in full above)", ""),
        ("ti arg relation-rebuttal conceded", "cost", "true", "Concession in ", ""),
        ("ti claim implicit", "costly", "", "in Extending the line costs money. implicit premise", GIVEN),
        ("ti group", "", "false", "Not reached from a thesis: 1 claim and what supports it", ""),
        ("ti claim", "earlier", "false", "in Commuters now arrive earlier.", "the argument 'arrival' holds"),
        ("ti arg relation-support", "arrival", "false", "Argument for in Cause to effect", ""),
        ("ti claim ref", "faster", "", "in The tram cut commuting times by a fifth. (shown in full above)", ""),
    ]  # fmt: skip


def test_anchored_and_reconstructed_inferences_are_told_apart(tmp_path):
    from conftest import VALID

    page = report(write_map(tmp_path, VALID), tmp_path)
    by_id = {row[1]: row for row in rows(page)}
    assert by_id["benefit"][3] == "Argument for in Cause to effect 2 premises together the essay: “so the”"
    assert by_id["policy"][3] == "Argument for in Practical reasoning 2 premises together reconstructed"
    assert 'class="ti arg relation-support reconstructed"' in page


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_the_seed_reports_open_with_every_claim_and_argument_in_the_tree(path, tmp_path):
    page = report(path, tmp_path)
    m = load(path).map
    sections = re.findall(r'<section id="(am_\w+)"', page)
    assert sections[:5] == ["am_reading", "am_overview", "am_summary", "am_diagram", "am_claims"]
    found = rows(page)
    full = [row[1] for row in found if " ref" not in row[0] and "group" not in row[0]]
    assert sorted(full) == sorted([*m.claims, *m.arguments])  # each once in full
    assert found[0][1] == m.theses[0] and found[0][3].startswith("Thesis in ")
    refs = [row for row in found if " ref" in row[0]]
    assert refs and all(row[3].endswith("(shown in full above)") or "(a thesis" in row[3] for row in refs)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # the outline, the overview and the full diagram share no id


def test_objections_concessions_undercuts_and_speakers_in_the_greitens_tree(tmp_path):
    found = {row[1]: row for row in rows(report(GREITENS, tmp_path))}
    m = load(GREITENS).map
    kinds = {row[3].split(" in ")[0].split(" out ")[0] for row in found.values() if "arg" in row[0]}
    assert kinds == {"Argument for", "Objection", "Concession", "Undercut"}
    conceded = [a for a, argument in m.arguments.items() if argument.conceded]
    assert conceded and all(found[a][3].startswith("Concession ") for a in conceded)
    held = [c for c, claim in m.claims.items() if claim.attributed_to]
    assert held and all(" held by " in found[c][3] for c in held)
    reconstructed = [a for a, argument in m.arguments.items() if argument.reconstructed and not argument.quotes]
    assert reconstructed and all(found[a][3].endswith("reconstructed") for a in reconstructed)


def test_the_greitens_report_stays_under_its_size_budget(tmp_path):
    size = len(report(GREITENS, tmp_path).encode("utf-8"))
    assert size < 1_500_000, f"{size:,} bytes"


def test_compacted_svg_keeps_the_words_and_drops_what_the_page_does_not_need():
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg>\n'
        '<svg width="120.50pt" height="40.00pt" viewBox="0.00 0.00 120.50 40.00">\n'
        '<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 36)">\n'
        '<g id="a_graph0"><a xlink:title="Plan 2.25 &quot;B&quot;">\n'
        "<!-- rose&#45;12 -->\n"
        '<g id="rose&#45;12" class="node claim">\n<title>rose&#45;12</title>\n'
        '<polygon fill="#addfff" stroke="#222222" points="112.25,-32 0,-32 0,0 112.25,0 112.25,-32"/>\n'
        '<text xml:space="preserve" text-anchor="middle" x="56.12" y="-12.80" font-family="Helvetica,sans-Serif" '
        'font-size="11.00" fill="#222222">Costs rose 12.55% to 2021.50</text>\n'
        '<text text-anchor="start" x="1.04" y="-2.00" font-size="8.50">id 0.05</text>\n</g>\n</g>\n</svg>\n'
    )
    assert str(inline_svg(svg)) == (
        '<svg class="gv" width="120.5pt" height="40pt" viewBox="0 0 120.5 40">\n'
        '<g id="am_graph" class="graph" transform="scale(1 1) rotate(0) translate(4 36)">\n'
        '<g id="a_graph0"><a>\n'
        '<g id="rose-12" class="node claim">\n'
        '<polygon fill="#addfff" stroke="#222222" points="112.2,-32 0,-32 0,0 112.2,0 112.2,-32"/>\n'
        '<text x="56.1" y="-12.8" font-size="11">Costs rose 12.55% to 2021.50</text>\n'
        '<text text-anchor="start" x="1" y="-2" font-size="8.5">id 0.05</text>\n</g>\n</g>\n</svg>\n'
    )


# -- the overview ---------------------------------------------------------------------------------


def overview_of(path: Path):
    m = load(path).map
    semantics, labels, reasons = evaluation(m)
    return m, views(m, build_outline(m, labels, reasons, semantics=semantics))


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_every_sub_argument_unfolds_in_exactly_one_view(path):
    m, found = overview_of(path)
    assert found[0].key == TOP and found[0].parent is None
    keys = [view.key for view in found]
    assert len(keys) == len(set(keys))
    concluded = {argument.conclusion for argument in m.arguments.values() if argument.conclusion}
    concluded |= {argument.target for argument in m.arguments.values() if argument.target in m.claims}
    unfolded = [claim for view in found for claim in view.unfolded if claim in concluded]
    assert sorted(unfolded) == sorted(concluded)  # each claim with arguments, once
    home = {claim: view.key for view in found for claim in view.unfolded}
    for view in found:
        assert view.parent is None or view.parent in keys
        for node, target in view.opens.items():
            assert target == (MORE if node == MORE else home[node])
        chain, key = [], view.key
        while key is not None:
            chain.append(key)
            key = found[keys.index(key)].parent
        assert chain[-1] == TOP and len(chain) == len(set(chain))


def test_the_first_view_of_a_small_map_holds_the_thesis_and_a_box_for_the_rest(tmp_path):
    m, found = overview_of(write_map(tmp_path, SMALL))
    assert [(v.key, v.parent, v.unfolded, v.opens) for v in found] == [
        (TOP, None, ["extend", "gains"], {MORE: MORE}),
        (MORE, TOP, ["earlier"], {}),
    ]
    top = found[0].dot
    assert '"ov0--_more" [label="1 more claim\\nnot reached from a thesis\\n+ open"' in top
    assert '"ov0--cost" [label=concession class="argument rebuttal concession"' in top
    assert '"ov0--doubt" -> "ov0--benefit" [arrowhead=diamond class=undercut' in top
    assert 'label="[critics] The figures are only\\npreliminary."' in top


def test_a_folded_claim_says_how_many_claims_lie_below_it():
    _, found = overview_of(GREITENS)
    top = found[0].dot
    assert (
        '"ov0--concept-is-regime-security" [label="The comprehensive national security\\nconcept was really a '
        'regime-security\\nconcept codified as grand strategy.\\ninterpretation · + 13 claims below" '
        'class="ov claim intermediate interpretation collapsed tagged"'
    ) in top
    assert found[0].opens["concept-is-regime-security"] == "concept-is-regime-security"


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_the_first_view_is_small_enough_to_read_on_a_laptop(path, tmp_path):
    page = report(path, tmp_path)
    first = page[page.index('<div class="ov-view" id="ov--0"') :]
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', first).groups())
    # fitted into 1,380 x 720 px (a 1440 x 900 screen), 14-point text stays above 11 px
    assert min(1380 / width, 720 / height) * 14 > 11, (width, height)


# -- PDF ------------------------------------------------------------------------------------------


def fake_chromium(folder: Path, body: str) -> Path:
    """An executable standing in for Chromium: a shell script with body."""
    program = folder / "fake-chromium"
    program.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program


def test_pdf_without_chromium_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(tmp_path / "no-such-chromium"))
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["report", str(GREITENS), "--pdf", "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"argmap: error: printing to PDF needs Chromium, and none was found ({tmp_path / 'no-such-chromium'}): "
        "install Chromium (Debian/Ubuntu: 'apt-get install chromium'; Fedora: 'dnf install chromium'; "
        "macOS: 'brew install --cask chromium'; Windows: 'winget install Hibbiki.Chromium') "
        "or Google Chrome, or name its program in ARGMAP_CHROMIUM\n"
    )
    assert not out.exists()


def test_chromium_is_run_headless_and_offline_on_a_file(tmp_path, monkeypatch):
    calls = tmp_path / "calls.txt"
    script = (
        f'for a in "$@"; do echo "$a" >> "{calls}"; done\n'
        'for a in "$@"; do case "$a" in --print-to-pdf=*) printf "%%PDF-1.4 fake" > "${a#--print-to-pdf=}";; '
        "esac; done\n"
    )
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(fake_chromium(tmp_path, script)))
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["report", str(write_map(tmp_path / "m", SMALL)), "--pdf", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, f"wrote {out}\n")
    assert out.read_bytes() == b"%PDF-1.4 fake"
    args = calls.read_text().splitlines()
    for flag in (
        "--headless",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--no-pdf-header-footer",
    ):
        assert flag in args
    assert args[-1].startswith("file://") and args[-1].endswith("/report.html")
    profile = next(a for a in args if a.startswith("--user-data-dir="))
    assert not Path(profile.split("=", 1)[1]).exists()  # a fresh profile, gone with its folder


def test_a_chromium_that_prints_nothing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CHROMIUM", str(fake_chromium(tmp_path, 'echo "no display" >&2\nexit 3\n')))
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["report", str(write_map(tmp_path / "m", SMALL)), "--pdf", "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == f"argmap: error: {tmp_path / 'fake-chromium'} printed no PDF (no display)\n"
    assert not out.exists()


def test_chromium_is_found_on_path_by_its_usual_names(tmp_path, monkeypatch):
    from argmap.pdf import find_chromium

    for name in ("google-chrome", "chromium-browser"):
        fake_chromium(tmp_path, "exit 0\n").rename(tmp_path / name)
    monkeypatch.delenv("ARGMAP_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() == str(tmp_path / "chromium-browser")


CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")


def test_the_pdf_of_the_greitens_map_holds_every_claim(tmp_path, monkeypatch):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium", pytrace=False)
        pytest.skip(f"no Chromium to print with at {CHROMIUM} (apt-get install chromium)")
    pypdf = pytest.importorskip("pypdf")
    monkeypatch.setenv("ARGMAP_CHROMIUM", CHROMIUM)
    out = tmp_path / "greitens.pdf"
    result = CliRunner().invoke(main, ["report", str(GREITENS), "--pdf", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, f"wrote {out}\n")
    reader = pypdf.PdfReader(out)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    m = load(GREITENS).map
    missing = [claim_id for claim_id, claim in m.claims.items() if " ".join(claim.text.split()) not in text]
    assert missing == []
    assert "Expand all" not in text and "Reject" not in text  # no interactive chrome on paper
    first = {i for i, page in enumerate(reader.pages) if page.extract_text().lstrip().startswith("The essay")}
    assert first, "the essay starts a page of its own"


def test_a_map_without_claims_has_neither_tree_nor_overview(tmp_path):
    path = write_map(tmp_path, "argmap: 1\nid: empty\ntitle: Nothing yet\n", essay=None)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<p>This map has no claims yet.</p>" in page
    assert 'role="tree"' not in page and 'id="am_overview"' not in page
