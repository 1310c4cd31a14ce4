"""`argmap new`: a template a new user fills in without tripping, a title cut at a word, counts
that agree with their nouns, and a warning while the map maps nothing."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import ESSAY, found, write_map

from argmap.cli import main
from argmap.load import load
from argmap.scaffold import TITLE_LIMIT, _title


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def new_map(tmp_path, essay: str = ESSAY):
    write_map(tmp_path, "", essay=essay)
    out = tmp_path / "fresh.yaml"
    assert run("new", "--source", tmp_path / "essay.txt", "-o", out).exit_code == 0
    return out


def test_the_template_has_empty_blocks_with_a_commented_claim_argument_and_attack(tmp_path):
    text = new_map(tmp_path).read_text()
    lines = text.splitlines()
    claims = lines.index("claims:               # each claim: its id, then its fields indented under it")
    assert lines[claims + 1 : claims + 5] == [
        "  # faster-commutes:",
        "  #   text: The tram cut commuting times.       # the claim in your words",
        "  #   quote: has cut commuting times by a fifth  # the essay's exact words",
        "  #   type: fact   # fact | interpretation | prediction | recommendation | definition | value",
    ]
    arguments = lines.index(
        "arguments:            # each argument: premises that together support a conclusion, or attack"
    )
    assert lines[arguments + 1 : arguments + 8] == [
        "  # tram-works:",
        "  #   premises: [faster-commutes]",
        "  #   conclusion: build-more-lines",
        "  #   scheme: consequences   # 'argmap schemes' lists them",
        "  # doubt:",
        "  #   premises: [figures-preliminary]",
        "  #   attacks: tram-works    # a claim id: a rebuttal; an argument id: an undercut",
    ]
    assert "{}" not in text


def test_a_fresh_map_warns_that_it_maps_nothing(tmp_path):
    out = new_map(tmp_path)
    result = run("check", "--strict", out)
    assert (result.exit_code, result.output) == (
        1,
        f"{out}:15:1: W308 the map has no claims: it maps nothing yet\n"
        "    = hint: write the essay's claims under 'claims', then the arguments that connect them\n"
        "Found 1 warning in 1 of 1 map.\n",
    )


def test_a_map_without_a_claims_section_warns_at_the_top(tmp_path):
    path = write_map(tmp_path, "argmap: 1\nid: x\ntitle: X\n")
    assert found(path) == [(1, 1, "W308")]


def test_uncommenting_the_examples_gives_a_map_that_loads(tmp_path):
    out = new_map(tmp_path)
    text = out.read_text()
    start, end = text.index("claims:"), text.index("references:")
    body = "\n".join("  " + line[4:] if line.startswith("  # ") else line for line in text[start:end].splitlines())
    out.write_text(text[:start] + body + "\n\n" + text[end:])
    mf = load(out)
    assert [p.code for p in mf.problems] == []
    assert list(mf.map.claims) == ["faster-commutes", "build-more-lines", "figures-preliminary"]
    assert mf.map.arguments["doubt"].attacks == "tram-works"


def test_writing_a_claim_under_the_template_loads_without_a_syntax_error(tmp_path):
    out = new_map(tmp_path)
    text = out.read_text().replace(
        "claims:               # each claim: its id, then its fields indented under it\n",
        "claims:               # each claim: its id, then its fields indented under it\n"
        "  faster:\n"
        "    text: The tram cut commuting times by a fifth.\n"
        "    quote: new tram line has cut commuting times by a fifth\n",
    )
    out.write_text(text)
    assert found(out) == [(10, 1, "W305"), (16, 3, "W303")]


def test_the_title_is_the_first_line_cut_at_a_word():
    assert _title("\n\n  A Small   Essay  \n\nBody.\n") == "A Small Essay"
    assert _title("# A Markdown Title\n\nBody.\n") == "A Markdown Title"
    long = "word " * 40 + "end"
    title = _title(long)
    assert title == ("word " * 24).strip() + "\u2026"
    assert len(title) <= TITLE_LIMIT + 1
    assert _title("x" * 200) == "x" * TITLE_LIMIT + "\u2026"
    assert _title("") == ""


def test_a_one_paragraph_text_without_a_title(tmp_path):
    sentence = "Trams are good for cities because they move many people quickly and quietly, " * 2
    out = new_map(tmp_path, essay=sentence.strip() + "\n")
    text = out.read_text()
    assert (
        'title: "Trams are good for cities because they move many people quickly and quietly, Trams are good'
        ' for cities because they move\u2026"\n'
    ) in text
    assert "# The source's 1 paragraph (number, line, words, opening):\n" in text


def test_counts_agree_with_their_nouns(tmp_path):
    out = new_map(tmp_path, essay="Trams.\n\nGood.\n")
    assert "# \u00b61 (line 1, 1 word): Trams.\n" in out.read_text()


ONE = """\
argmap: 1
id: one
title: One
source: {path: essay.txt}
thesis: [build]
concepts:
  tram: {label: Tram}
claims:
  good: {text: Trams are good., quote: Trams are good., tags: [x], concepts: [tram], cites: [r]}
  build: {text: Build trams., quote: So build trams.}
  bad: {text: Trams are bad., implicit: true}
arguments:
  a: {premises: [good], conclusion: build}
  b: {premises: [bad], attacks: a}
references:
  r: {citation: R}
links:
  - {claim: good, map: other, to: x, relation: same}
"""


def test_counts_of_one_are_singular_in_every_command(tmp_path):
    path = write_map(tmp_path, ONE, essay="One\n\nTrams are good. So build trams." + " More words here." * 9 + "\n")
    analysis = run("analyze", path).output
    assert "Roles: 1 thesis, 2 premises\n" in analysis
    assert "Quote coverage: 1 of 1 body paragraph (100%)" in analysis
    argdown = CliRunner().invoke(main, ["export", str(path), "--to", "argdown", "-o", str(tmp_path / "one.ad")])
    assert argdown.stderr == (
        f"wrote {tmp_path / 'one.ad'}\n"
        "not carried: Argdown has no place for the map's id, the source's metadata, 1 concept, 2 quotes of claims, "
        "1 concept assignment, 1 citation, 1 reference, 1 link to another map\n"
    )
    aif = CliRunner().invoke(main, ["export", str(path), "--to", "aif", "-o", str(tmp_path / "one.json")])
    assert aif.stderr == (
        f"wrote {tmp_path / 'one.json'}\n"
        "not carried: AIF has no place for the map's id, the title, the source's metadata, the thesis, 1 concept, "
        "1 implicit flag, 1 concept assignment, 1 tag, 1 citation, 1 reference, 1 link to another map: they are "
        "kept under the 'argmap' key, which other AIF tools ignore\n"
    )
    imported = CliRunner().invoke(main, ["import", "aif", str(tmp_path / "one.json"), "-o", str(tmp_path / "b.yaml")])
    assert imported.stdout == f"wrote {tmp_path / 'b.yaml'} (3 claims, 1 argument, 1 attack)\n"
    site = run("build", tmp_path, "-o", tmp_path / "site")
    assert site.exit_code == 0, site.output
    index = (tmp_path / "site" / "index.html").read_text()
    assert '<span class="badge">1 argument</span>' in index and '<span class="badge">1 attack</span>' in index
    assert '<span class="badge">1 implicit premise</span>' in index
    report = (tmp_path / "site" / "map.html").read_text()
    assert "1 of 1 body paragraph (100%)" in report
