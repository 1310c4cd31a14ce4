"""Imports: Argdown (files written by others, through @argdown/cli, and the JSON it writes), OVA3 saves
with their text, SADFace both ways, seed maps out and back in, and bad input refused with its place."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.formats.argdown import argdown_command, front_matter, read_argdown_file, read_argdown_json, run_argdown
from argmap.formats.importing import FormatError, parse_json, slugify
from argmap.load import load
from argmap.source import SourceText

DATA = ROOT / "tests" / "data"
SEEDS = [
    ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml",
    ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml",
]
ARGDOWN_BIN = Path(os.environ.get("ARGMAP_ARGDOWN", ROOT / "build" / "argdown" / "node_modules" / ".bin" / "argdown"))


@pytest.fixture
def argdown_tool(monkeypatch):
    """@argdown/cli on PATH for the test (skipped without it, except on CI where it must be there)."""
    if not ARGDOWN_BIN.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{ARGDOWN_BIN} is missing: .ci/run installs it with 'make argdown'")
        pytest.skip("@argdown/cli is not installed: run 'make argdown'")
    monkeypatch.delenv("ARGMAP_ARGDOWN", raising=False)
    monkeypatch.setenv("PATH", f"{ARGDOWN_BIN.parent}{os.pathsep}{os.environ['PATH']}")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def errors(path: Path) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.col, p.code, p.message) for p in argmap.check(path) if p.is_error]


# --- Argdown files written by others -------------------------------------------------------------------

ARGDOWN_FILES = {
    # file: the line argmap import prints (claims, arguments, attacks, issues), and its warnings
    "Populism-Core-Argument-Argdown-Example.argdown": (
        "79 claims, 39 arguments, 0 attacks",
        [
            "support of <Islam> by [Destabilization]: a map supports claims, not arguments: not carried",
            "support of <Injustice> by [Destabilization]: a map supports claims, not arguments: not carried",
        ],
    ),
    "semmelweis_betz.argdown": ("32 claims, 10 arguments, 10 attacks, 1 issue", []),
    "greenspan-schefczyk_hardwrap.argdown": ("38 claims, 9 arguments, 0 attacks, 1 issue", []),
    "legalisation-softdrugs.argdown": ("18 claims, 9 arguments, 10 attacks", []),
    "state-censorship.argdown": ("28 claims, 10 arguments, 4 attacks", []),
    "argdown-primer.argdown": (
        "20 claims, 6 arguments, 5 attacks",
        ["attack of <Argument 1> by [Intro]: which premise it attacks is not said; kept as an attack on the argument"],
    ),
    "veggie_debate.argdown": ("47 claims, 35 arguments, 23 attacks", []),
}


@pytest.mark.parametrize("name", sorted(ARGDOWN_FILES))
def test_argdown_files_of_others_import_whole_and_check_clean(name, tmp_path, argdown_tool):
    source = DATA / "argdown" / name
    out = tmp_path / "map.yaml"
    result = run("import", "argdown", str(source), "-o", str(out))
    counts, warnings = ARGDOWN_FILES[name]
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} ({counts})\n"
    assert result.stderr.splitlines() == [f"warning: {w}" for w in warnings]
    assert errors(out) == []
    # every statement and every argument of the file is in the map
    parsed = run_argdown(source)
    imported = read_argdown_json(parse_json(parsed), source.stem, front_matter(source.read_text()))
    parsed = json.loads(parsed)
    m = load(out).map
    assert m is not None
    for title in parsed["statements"]:
        (claim_id,) = imported.origins[f"[{title}]"]
        assert claim_id in m.claims
    for title in parsed["arguments"]:
        ids = imported.origins[f"<{title}>"]
        assert ids and all(i in m.arguments or i in m.claims for i in ids)


def test_a_debate_of_several_hundred_lines_keeps_its_structure(tmp_path, argdown_tool):
    source = DATA / "argdown" / "Populism-Core-Argument-Argdown-Example.argdown"
    assert len(source.read_text().splitlines()) == 303
    out = tmp_path / "populism.yaml"
    assert run("import", "argdown", str(source), "-o", str(out)).exit_code == 0
    m = load(out).map
    assert (m.id, m.title, m.analyst, m.theses) == (
        "populism-core-argument-argdown-example",
        "The Core Argument of Populism",
        "David Lanius",
        ["power"],
    )
    core = m.arguments["core-argument"]
    assert (core.premises, core.conclusion, core.label) == (["doom", "salvation"], "power", "Core Argument")
    assert core.note == "The populists are the only salvation of society from doom. Tags: #populism"
    assert m.claims["power"].text == "The populists must come to power."
    assert m.claims["power"].tags == ["populism"] and m.claims["power"].section == "The Core Argument of Populism"
    # a mention becomes the title it names; a link keeps its address
    assert "second premise Voice of the People of the argument Salvation by the People." in " ".join(
        c.text for c in m.claims.values()
    )
    assert any(
        "(https://forum-streitkultur.de/wie-argumentieren-rechtspopulisten/)" in c.text for c in m.claims.values()
    )


def test_strict_mode_contraries_become_mutual_attacks_and_contradictions_an_issue(tmp_path, argdown_tool):
    out = tmp_path / "semmelweis.yaml"
    assert run("import", "argdown", str(DATA / "argdown" / "semmelweis_betz.argdown"), "-o", str(out)).exit_code == 0
    m = load(out).map
    attacks = {(a.premises[0], a.attacks) for a in m.arguments.values() if a.attacks}
    assert len(attacks) == 10 and all((b, a) in attacks for a, b in attacks)
    # [More Injuries] >< its denial, which an untitled statement states
    assert {i: issue.positions for i, issue in m.issues.items()} == {
        "medical-students-don-t-cause-more-injuries-during-or-more": [
            "medical-students-don-t-cause-more-injuries-during",
            "more-injuries",
        ]
    }


def test_argdown_is_found_in_the_argmap_checkout_from_any_folder(tmp_path, monkeypatch):
    """`make argdown` installs the tool under build/argdown of the checkout: an import run from
    another folder, with no argdown on PATH and no ARGMAP_ARGDOWN, still finds it there."""
    installed = ROOT / "build" / "argdown" / "node_modules" / ".bin" / "argdown"
    if not installed.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{installed} is missing: .ci/run installs it with 'make argdown'")
        pytest.skip("@argdown/cli is not installed: run 'make argdown'")
    node = shutil.which("node")
    assert node is not None
    monkeypatch.delenv("ARGMAP_ARGDOWN", raising=False)
    monkeypatch.setenv("PATH", str(Path(node).parent))  # node (the tool's interpreter), no argdown
    assert shutil.which("argdown") is None
    monkeypatch.chdir(tmp_path)
    assert argdown_command() == [str(installed)]
    out = tmp_path / "map.yaml"
    result = run("import", "argdown", str(DATA / "argdown" / "state-censorship.argdown"), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"wrote {out} (28 claims, 10 arguments, 4 attacks)\n")


def test_argdown_is_looked_for_in_order(tmp_path, monkeypatch):
    """ARGMAP_ARGDOWN, then argdown on PATH, then build/argdown in the current folder, then in the
    argmap checkout (only when it is there), then npx."""
    tool = Path("build") / "argdown" / "node_modules" / ".bin" / "argdown"
    here, checkout, bin_dir, empty = (tmp_path / name for name in ("here", "checkout", "bin", "empty"))
    for folder in (here / tool.parent, checkout / tool.parent, bin_dir, empty):
        folder.mkdir(parents=True)
    for program in (here / tool, checkout / tool, bin_dir / "argdown", bin_dir / "npx"):
        program.write_text("#!/bin/sh\n")
        program.chmod(0o755)
    monkeypatch.setattr("argmap.formats.argdown.CHECKOUT", checkout)
    monkeypatch.chdir(here)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("ARGMAP_ARGDOWN", "/opt/my-argdown")
    assert argdown_command() == ["/opt/my-argdown"]
    monkeypatch.delenv("ARGMAP_ARGDOWN")
    assert argdown_command() == [str(bin_dir / "argdown")]
    (bin_dir / "argdown").unlink()
    assert argdown_command() == [str(here / tool)]
    monkeypatch.chdir(empty)
    assert argdown_command() == [str(checkout / tool)]
    monkeypatch.setattr("argmap.formats.argdown.CHECKOUT", empty)  # an installed argmap: no build/argdown
    assert argdown_command() == [str(bin_dir / "npx"), "--no-install", "@argdown/cli"]
    monkeypatch.setenv("PATH", str(empty))
    assert argdown_command() is None


def test_argdown_json_imports_without_the_tool(tmp_path, monkeypatch):
    monkeypatch.setattr("argmap.formats.argdown.argdown_command", lambda: None)
    out = tmp_path / "veggie.yaml"
    result = run("import", "argdown", str(DATA / "argdown" / "veggie_debate.json"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (47 claims, 35 arguments, 23 attacks)\n"
    assert errors(out) == []
    m = load(out).map
    assert m.claims["fleisch-ok"].section == "Zentrale Thesen"
    argument = m.arguments["fleischkuche-ist-kulturerbe"]
    assert (argument.label, argument.conclusion) == ("Fleischküche ist Kulturerbe", "fleisch-ok")
    assert argument.premises == ["fleischkuche-ist-kulturerbe-reason"]
    assert m.claims["fleischkuche-ist-kulturerbe-reason"].text.startswith("Der Verzicht auf Fleisch")


MAPPING = """\
===
title: "Tram \\"lines\\""
author: Ann Analyst
model:
    mode: strict
===

# Trams

[fast]: Trams are fast, says @[slow] and [the report](http://example.org/r). #fact #(city life) #thesis
  >< [slow]: Trams are slow.
  - [costly]: Trams cost a lot. {source: "council minutes"}

<Speed>: Faster trips. #sign

(1) [fast]: Trams cover the city fast.
(2) [busy]: People are busy.
-- Sign --
(3) [worth]: Trams are worth it.
(4) [cheap]: Tickets are cheap.
----
(5) [take]: People should take the tram.

<Doubt>
  + [costly]
  _> <Speed>

# Aside

<Loose>: A reason of its own.
  -> [take]
"""


def test_how_argdown_maps_to_a_map(tmp_path, argdown_tool):
    source = tmp_path / "trams.argdown"
    source.write_text(MAPPING)
    imported = read_argdown_file(source)
    data = imported.data
    assert (data["id"], data["title"], data["analyst"], data["thesis"]) == (
        "trams",
        'Tram "lines"',
        "Ann Analyst",
        ["fast"],
    )
    assert data["claims"] == {
        "fast": {
            "text": "Trams cover the city fast.",
            "note": "Also stated as: \u201cTrams are fast, says slow and the report (http://example.org/r).\u201d",
            "type": "fact",
            "tags": ["city-life"],
            "section": "Trams",
        },
        "slow": {"text": "Trams are slow.", "section": "Trams"},
        "costly": {"text": "Trams cost a lot.", "section": "Trams", "note": "source: council minutes"},
        "busy": {"text": "People are busy.", "section": "Trams"},
        "worth": {"text": "Trams are worth it.", "section": "Trams"},
        "cheap": {"text": "Tickets are cheap.", "section": "Trams"},
        "take": {"text": "People should take the tram.", "section": "Trams"},
        "loose-reason": {"text": "A reason of its own."},
    }
    assert data["arguments"] == {
        "speed-step-1": {"premises": ["fast", "busy"], "conclusion": "worth", "scheme": "sign"},
        "speed": {
            "premises": ["worth", "cheap"],
            "conclusion": "take",
            "scheme": "sign",
            "label": "Speed",
            "note": "Faster trips.",
        },
        "doubt": {"premises": ["costly"], "attacks": "speed", "label": "Doubt"},  # the last inference
        "loose": {"premises": ["loose-reason"], "attacks": "take", "label": "Loose"},
        "costly-attacks-fast": {"premises": ["costly"], "attacks": "fast"},
        "fast-attacks-costly": {"premises": ["fast"], "attacks": "costly"},
    }
    assert data["issues"] == {"fast-or-slow": {"positions": ["fast", "slow"]}}
    assert imported.warnings == []
    assert imported.origins["<Speed>"] == ["speed-step-1", "speed"]
    out = tmp_path / "trams.yaml"
    assert run("import", "argdown", str(source), "-o", str(out)).exit_code == 0
    assert errors(out) == []


def test_front_matter_gives_title_and_author_only():
    text = "===\ntitle: \"A \\\"quoted\\\" title\"\nauthor: 'O''Neil'\nsubTitle: x\n===\n\n[a]: b\n"
    assert front_matter(text) == {"title": 'A "quoted" title', "author": "O'Neil"}
    assert front_matter("[a]: b\n===\ntitle: no\n===\n") == {}


def test_without_the_tool_a_clear_message_names_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setattr("argmap.formats.argdown.argdown_command", lambda: None)
    source = tmp_path / "a.argdown"
    source.write_text("[a]: b\n")
    result = run("import", "argdown", str(source), "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 1
    assert result.output == (
        f"argmap: error: {source}: Argdown not found: reading .argdown files needs Argdown's command-line tool "
        "(@argdown/cli): install it with 'npm install -g @argdown/cli', or import the JSON that "
        "'argdown json FILE' writes\n"
    )
    assert not (tmp_path / "a.yaml").exists()


def test_argdown_syntax_errors_are_placed(tmp_path, argdown_tool):
    source = tmp_path / "bad.argdown"
    source.write_text("[a]: text\n\n<c>\n\n(1) p\n----\n")
    result = run("import", "argdown", str(source), "-o", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 1
    assert result.output.startswith(f"argmap: error: {source}:6:5: Argdown syntax error: Expecting")
    assert not (tmp_path / "bad.yaml").exists()


# --- seed maps out to Argdown and back ------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=["greitens", "maan"])
def test_seed_maps_survive_argdown_out_and_back(path, tmp_path, argdown_tool):
    original = load(path).map
    exported = tmp_path / f"{original.id}.argdown"
    assert run("export", str(path), "--to", "argdown", "-o", str(exported)).exit_code == 0
    out = tmp_path / "back.yaml"
    result = run("import", "argdown", str(exported), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    back = load(out).map

    def claims(m):
        return {cid: (c.text, c.type, c.tags, c.implicit) for cid, c in m.claims.items()}

    def arguments(m):
        return {
            aid: (a.premises, a.conclusion, a.attacks, a.scheme, a.note if a.conclusion else None)
            for aid, a in m.arguments.items()
        }

    assert list(back.claims) == list(original.claims)  # the same ids, in the same order
    assert list(back.arguments) == list(original.arguments)
    assert claims(back) == claims(original)
    assert arguments(back) == arguments(original)
    assert (back.id, back.title, back.issues) == (original.id, original.title, original.issues)
    assert sorted(back.theses) == sorted(original.theses)  # #thesis tags say which, not in what order
    assert errors(out) == []


# --- OVA3 saves with their text --------------------------------------------------------------------------


def test_ova3_dialogical_save_quotes_locutions_and_names_speakers(tmp_path):
    out = tmp_path / "ab.yaml"
    result = run("import", "aif", str(DATA / "ova3" / "a-because-b.json"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (2 claims, 1 argument, 0 attacks)\n"
    assert result.stderr.splitlines() == [
        f"wrote {tmp_path / 'ab.txt'}",
        "warning: not carried (the dialogue around the argument): 4 L nodes, 1 TA node, 5 YA nodes",
    ]
    assert (tmp_path / "ab.txt").read_text(encoding="utf-8") == "A because B\n"
    m = load(out).map
    assert {cid: (c.text, c.quote, c.attributed_to) for cid, c in m.claims.items()} == {
        "a": ("A", "A", "Participant Rachel"),
        "b": ("B", "B", "Participant Rachel"),
    }
    assert {aid: (a.premises, a.conclusion) for aid, a in m.arguments.items()} == {"for-a": (["b"], "a")}
    # OVA highlights no words that draw the inference: the argument is neither anchored nor marked reconstructed
    assert [(p.code, p.message) for p in argmap.check(out)] == [
        ("W601", "argument 'for-a' is neither anchored in the essay nor marked reconstructed")
    ]


def test_ova3_save_with_text_imports_with_every_quote_in_its_essay(tmp_path):
    out = tmp_path / "dnd.yaml"
    result = run("import", "aif", str(DATA / "ova3" / "dungeons-and-dragons.json"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (12 claims, 9 arguments, 4 attacks)\n"
    assert result.stderr.splitlines()[1:] == [
        "warning: claim 'no-christian-or-sane-decent-individual': its text is not in the essay word for word; "
        "its quote is the closest passage, at line 9",
        "warning: claim 'people-who-think-they-can-play': its text is not in the essay word for word; "
        "its quote is the closest passage, at line 7",
        "warning: claim 'if-you-play-at-shooting-your': its text is not in the essay word for word; "
        "its quote is the closest passage, at line 5",
    ]
    essay = (tmp_path / "dnd.txt").read_text(encoding="utf-8")
    assert essay == json.loads((DATA / "ova3" / "dungeons-and-dragons.json").read_text())["text"]
    m = load(out).map
    source = SourceText(essay)
    assert all(len(source.find_all(c.quote, limit=3)) == 1 for c in m.claims.values())
    problems = argmap.check(out)
    assert [p for p in problems if p.code.startswith("E4") or p.code == "W406"] == []  # every quote found once
    assert sorted({p.code for p in problems}) == ["W601", "W603"]  # unanchored inferences, a reported "say"
    assert m.arguments["for-no-christian-or-sane-decent-individual"].scheme == "consequences"


def test_ova3_spans_keep_their_place_even_when_the_words_recur():
    from argmap.formats.aif import read_aif

    doc = {
        "AIF": {
            "nodes": [
                {"nodeID": "1_99", "text": "it works", "type": "I"},
                {"nodeID": "2_99", "text": "Bob: it works", "type": "L"},
                {"nodeID": "3_99", "text": "Asserting", "type": "YA"},
            ],
            "edges": [{"edgeID": 1, "fromID": "2_99", "toID": "3_99"}, {"edgeID": 2, "fromID": "3_99", "toID": "1_99"}],
            "locutions": [{"nodeID": "2_99", "personID": 7}],
            "participants": [{"participantID": 7, "firstname": "Bob", "surname": "Builder"}],
        },
        "text": 'Yes, it works. I said <span class="highlighted" id="node2_99">it works</span>'
        " twice.<br>Done &amp; dusted.",
        "OVA": {},
    }
    imported = read_aif(json.dumps(doc))
    assert imported.text == "Yes, it works. I said it works twice.\nDone & dusted."
    assert imported.data["claims"] == {
        "it-works": {"text": "it works", "quote": "it works twice.", "attributed_to": "Bob Builder"}
    }


# --- SADFace both ways ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=["greitens", "maan"])
def test_seed_maps_survive_sadface_out_and_back_whole(path, tmp_path):
    original = load(path).map
    exported = tmp_path / "map.json"
    result = run("export", str(path), "--to", "sadface", "-o", str(exported))
    assert result.exit_code == 0
    out = tmp_path / "back.yaml"
    result = run("import", "sadface", str(exported), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {tmp_path / 'back.txt'}\n"
    back = load(out).map
    assert back.model_dump(exclude={"source"}) == original.model_dump(exclude={"source"})
    assert back.source.model_dump(exclude={"path", "sha256"}) == original.source.model_dump(exclude={"path", "sha256"})
    assert (tmp_path / "back.txt").read_bytes() == (ROOT / "seeds" / Path(original.source.path).name).read_bytes()
    assert argmap.check(out) == []


def test_sadface_export_follows_the_format(tmp_path):
    from argmap.checks import Context
    from argmap.formats.sadface import to_sadface

    mf = load(SEEDS[1])
    doc = json.loads(to_sadface(mf.map, Context.of(mf).source, now="2024-01-02T03:04:05+00:00").text)
    core = doc["metadata"]["core"]
    assert set(core) == {"analyst_email", "analyst_name", "created", "edited", "id", "version", "title", "description"}
    assert core["created"] == "2024-01-02T03:04:05+00:00" and core["title"] == mf.map.title
    (resource,) = doc["resources"]
    atoms = [n for n in doc["nodes"] if n["type"] == "atom"]
    schemes = [n for n in doc["nodes"] if n["type"] == "scheme"]
    assert len(atoms) == len(mf.map.claims) and len(schemes) == len(mf.map.arguments)
    assert sorted({s["name"] for s in schemes}) == [
        "Abduction",
        "Cause To Effect",
        "Consequences",
        "Definition To Verbal Classification",
        "Example",
        "Practical Reasoning",
        "Sign",
        "conflict",
    ]
    for atom in atoms:  # every source points at its words in the essay
        for src in atom["sources"]:
            assert resource["content"][src["offset"] : src["offset"] + src["length"]] == src["text"]
    ids = {n["id"] for n in doc["nodes"]}
    assert all(e["source_id"] in ids and e["target_id"] in ids for e in doc["edges"])
    again = json.loads(to_sadface(mf.map, Context.of(mf).source, now="2024-01-02T03:04:05+00:00").text)
    assert again == doc  # the same ids every time


HANGBACK = {  # the shape of SADFace's own README example, with ids and texts of our own
    "edges": [
        {"id": "e1", "source_id": "s1", "target_id": "a1"},
        {"id": "e2", "source_id": "a2", "target_id": "s1"},
        {"id": "e3", "source_id": "a3", "target_id": "s1"},
        {"id": "e4", "source_id": "c1", "target_id": "a2"},
        {"id": "e5", "source_id": "a4", "target_id": "c1"},
        {"id": "e6", "source_id": "d1", "target_id": "a1"},
        {"id": "e7", "source_id": "d1", "target_id": "a5"},
    ],
    "metadata": {
        "core": {"analyst_name": "Sam", "title": "Tram campaign", "description": "An example.", "notes": "Incomplete."},
    },
    "nodes": [
        {"id": "a1", "type": "atom", "text": "The campaign should be withdrawn.", "sources": [], "metadata": {}},
        {"id": "s1", "type": "scheme", "name": "support", "metadata": {}},
        {
            "id": "a2",
            "type": "atom",
            "text": "It was the wrong campaign.",
            "metadata": {},
            "sources": [{"resource_id": "r1", "text": "the wrong campaign", "offset": 11, "length": 18}],
        },
        {"id": "a3", "type": "atom", "text": "Its message is unclear.", "sources": [], "metadata": {"core": {"x": 1}}},
        {"id": "c1", "type": "scheme", "name": "conflict", "metadata": {}},
        {"id": "a4", "type": "atom", "text": "Road users must be vigilant.", "sources": [], "metadata": {}},
        {"id": "d1", "type": "conflict", "name": "disagree", "metadata": {}},
        {"id": "a5", "type": "atom", "text": "The campaign should stay.", "sources": [], "metadata": {}},
    ],
    "resources": [
        {"id": "r1", "content": "It was not the wrong campaign, but the wrong campaign to run.", "type": "text"}
    ],
}


def test_sadface_written_elsewhere_imports(tmp_path):
    from argmap.formats.sadface import read_sadface

    imported = read_sadface(json.dumps(HANGBACK))
    data = imported.data
    assert (data["id"], data["title"], data["analyst"], data["description"]) == (
        "tram-campaign",
        "Tram campaign",
        "Sam",
        "An example. Incomplete.",
    )
    assert data["claims"]["it-was-the-wrong-campaign"] == {
        "text": "It was the wrong campaign.",
        "quote": "the wrong campaign,",
    }
    assert data["arguments"] == {
        "for-the-campaign-should-be-withdrawn": {
            "premises": ["it-was-the-wrong-campaign", "its-message-is-unclear"],
            "conclusion": "the-campaign-should-be-withdrawn",
        },
        "against-it-was-the-wrong-campaign": {
            "premises": ["road-users-must-be-vigilant"],
            "attacks": "it-was-the-wrong-campaign",
        },
    }
    assert data["issues"] == {
        "the-campaign-should-be-withdrawn-or-the-campaign-should-stay": {
            "positions": ["the-campaign-should-be-withdrawn", "the-campaign-should-stay"]
        }
    }
    assert imported.warnings == ["atom a3: its metadata (core) has no place in a map: not carried"]
    source = tmp_path / "h.json"
    source.write_text(json.dumps(HANGBACK))
    out = tmp_path / "h.yaml"
    assert run("import", "sadface", str(source), "-o", str(out)).exit_code == 0
    assert errors(out) == []


# --- bad input: refused with its place, nothing written --------------------------------------------------

BAD = [
    ("aif", "[1, 2]", "1:1: wrong shape: the top level is not a JSON object, as AIF's is"),
    (
        "aif",
        '{"nodes": [{"nodeID": 1, "type": "I"}], "edges": [\n {"fromID": 1, "toID": 2}]}',
        "2:24: dangling edge: the edge goes to node 2, which the file does not have",
    ),
    ("aif", '{"nodes": [{"nodeID": 1}, {"nodeID": "1"}], "edges": []}', "1:38: duplicate id: two nodes have the id 1"),
    (
        "aif",
        '{"nodes": [{"nodeID": 1}], "edges": [{"edgeID": 1, "fromID": 1, "toID": 1}'
        ', {"edgeID": 1, "fromID": 1, "toID": 1}]}',
        "1:88: duplicate id: two edges have the id 1",
    ),
    ("aif", '{"nodes": [{"nodeID": 1}], "edges": 2}', "1:37: wrong shape: not AIF: 'edges' is not a list"),
    ("aif", '{"nodes": [], "nodes": []}', '1:15: duplicate key: the key "nodes" appears twice in one object'),
    ("aif", '{"nodes": [NaN], "edges": []}', "not JSON: NaN is not a JSON value"),
    ("aif", '{\n  "nodes": [\n', "3:1: not JSON: Expecting value"),
    ("aif", "[" * 100_000, "not JSON: the document is nested too deeply to read"),
    (
        "sadface",
        '{"nodes": [{"id": "a", "type": "atom", "text": "x"}],'
        ' "edges": [{"id": "e", "source_id": "a", "target_id": "b"}]}',
        "1:108: dangling edge: the edge's target_id b is not a node of the document",
    ),
    (
        "sadface",
        '{"nodes": [{"id": "a", "type": "atom", "text": "x"}, {"id": "b", "type": "atom", "text": "y"}],'
        ' "edges": [{"id": "e", "source_id": "a", "target_id": "b"}]}',
        "1:107: wrong shape: not SADFace: an edge links two atoms (atoms meet through schemes)",
    ),
    (
        "sadface",
        '{"nodes": [{"id": "a", "type": "atom", "text": "x"}, {"id": "a", "type": "scheme"}], "edges": []}',
        "1:61: duplicate id: two nodes have the id a",
    ),
    (
        "sadface",
        '{"nodes": [{"id": "a", "type": "claim"}], "edges": []}',
        '1:32: wrong shape: not SADFace: a node\'s type is "claim"',
    ),
    ("sadface", '{"atoms": []}', "1:1: wrong shape: not SADFace: expected an object with 'nodes' and 'edges' lists"),
    (
        "argdown.json",
        '{"statements": {}, "arguments": {},'
        ' "relations": [{"relationType": "support", "from": "a",'
        ' "fromType": "equivalence-class", "to": "b", "toType": "equivalence-class"}]}',
        "1:87: dangling reference: a relation names the statement 'a', which the document does not have",
    ),
    (
        "argdown.json",
        '{"statements": {"a": {"members": 3}}, "arguments": {}}',
        "1:22: wrong shape: statement [a] has no list of members",
    ),
    (
        "argdown.json",
        '{"statements": [], "arguments": {}}',
        "1:1: wrong shape: not Argdown's JSON: expected 'statements' and 'arguments' objects",
    ),
]


@pytest.mark.parametrize("fmt, text, message", BAD, ids=[f"{f}-{i}" for i, (f, _, _) in enumerate(BAD)])
def test_bad_input_is_refused_with_its_place_and_nothing_is_written(fmt, text, message, tmp_path):
    source = tmp_path / "in.json"
    source.write_text(text, encoding="utf-8")
    result = run("import", fmt.split(".")[0], str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1
    separator = ":" if message[0].isdigit() else ": "
    assert result.output == f"argmap: error: {source}{separator}{message}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


@pytest.mark.parametrize("fmt", ["aif", "argdown", "sadface"])
@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "tests" / "bad").iterdir() if p.is_file()))
def test_every_hostile_file_is_refused_cleanly(fmt, name, tmp_path, monkeypatch):
    monkeypatch.setattr("argmap.formats.argdown.argdown_command", lambda: None)
    source = tmp_path / (name.rsplit(".", 1)[0] + ".json")
    shutil.copyfile(ROOT / "tests" / "bad" / name, source)
    result = CliRunner().invoke(
        main, ["import", fmt, str(source), "-o", str(tmp_path / "out.yaml")], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"argmap: error: {source}") and result.output.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]


def test_not_utf8_is_placed(tmp_path):
    source = tmp_path / "x.json"
    source.write_bytes(b'{"nodes": [],\n "edges": ["\xff"]}')
    result = run("import", "aif", str(source), "-o", str(tmp_path / "x.yaml"))
    assert result.output == f"argmap: error: {source}:2:13: not UTF-8: byte 0xff is not UTF-8 text\n"


def test_an_existing_output_or_essay_is_never_overwritten(tmp_path):
    source = tmp_path / "ab.json"
    shutil.copyfile(DATA / "ova3" / "a-because-b.json", source)
    (tmp_path / "ab.txt").write_text("another essay")
    result = run("import", "aif", str(source), "-o", str(tmp_path / "ab.yaml"))
    assert result.output == f"argmap: error: {tmp_path / 'ab.txt'} already exists with other text; move it away first\n"
    assert not (tmp_path / "ab.yaml").exists() and (tmp_path / "ab.txt").read_text() == "another essay"
    result = run("import", "aif", str(source), "-o", str(source))
    assert result.exit_code == 1 and "is the input" in result.output


@pytest.mark.parametrize(
    "part, value, message",
    [
        ("expect", True, "E103 'expect' must be a mapping, not 'true'"),
        ("issues", {"x": 5}, "E103 issue 'x' must be a mapping, not the number 5"),
    ],
)
def test_argmap_metadata_of_the_wrong_shape_is_refused_by_name(part, value, message, tmp_path):
    exported = tmp_path / "maan.json"
    assert run("export", str(SEEDS[1]), "--to", "aif", "-o", str(exported)).exit_code == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    doc["argmap"]["map"][part] = value
    exported.write_text(json.dumps(doc), encoding="utf-8")
    result = run("import", "aif", str(exported), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1
    assert result.output.startswith(
        f"argmap: error: {exported}: not a sound map: the map made from it would have {message}"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [exported.name]


def test_slugs_of_titles():
    assert slugify("Fleischküche ist Kulturerbe") == "fleischkuche-ist-kulturerbe"
    assert slugify("Straße") == "strasse"
    assert slugify('The "Establishment"') == "the-establishment"
    assert slugify("???", "claim") == "claim"
    assert len(slugify("word " * 40)) <= 60


def test_parse_json_places_what_is_wrong():
    with pytest.raises(FormatError) as info:
        parse_json('{"a": 1,\n "b": }')
    assert (info.value.kind, info.value.line, info.value.col) == ("not JSON", 2, 7)
    doc = parse_json('{"a": [1, {"b": 2}]}')
    assert doc.position(("a", 1, "b")) == (1, 17)
    assert doc.position(("a", 5)) == (1, 7)  # the nearest enclosing value


def test_read_argdown_json_refuses_a_premise_that_names_no_statement():
    doc = parse_json(
        '{"statements": {}, "arguments": {"x": {"members": [], "pcs": [{"title": "p", "role": "premise"}]}}}'
    )
    with pytest.raises(FormatError) as info:
        read_argdown_json(doc, "x")
    assert info.value.located("f.json") == (
        "f.json:1:73: dangling reference: argument <x> uses the statement [p], which the document does not have"
    )


def test_the_tool_runs_in_an_empty_folder(tmp_path, argdown_tool, monkeypatch):
    """A configuration file in the user's folder is not loaded (it could run code)."""
    (tmp_path / "argdown.config.js").write_text("require('fs').writeFileSync('pwned', 'x'); module.exports = {};")
    source = tmp_path / "a.argdown"
    source.write_text("[a]: b\n")
    monkeypatch.chdir(tmp_path)
    assert json.loads(run_argdown(source))["statements"]["a"]["members"][0]["text"] == "b"
    assert not (tmp_path / "pwned").exists()


# --- fuzzing: whatever comes in, an importer refuses it by name or writes a sound map --------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
anything = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=10,
)


def _seed_documents() -> dict[str, dict]:
    from argmap.checks import Context
    from argmap.formats.aif import to_aif
    from argmap.formats.sadface import to_sadface

    mf = load(ROOT / "tests" / "bad" / ".." / ".." / "maps" / SEEDS[1].name)
    small = mf.map.model_copy(
        update={
            "claims": dict(list(mf.map.claims.items())[:6]),
            "arguments": {},
            "links": [],
        }
    )
    return {
        "aif": json.loads((DATA / "ova3" / "a-because-b.json").read_text()),
        "aif-export": json.loads(to_aif(small, Context.of(mf).source).text),
        "sadface": HANGBACK,
        "sadface-export": json.loads(to_sadface(small, None, now="2024-01-01T00:00:00").text),
        "argdown": json.loads((DATA / "argdown" / "argdown-primer.json").read_text()),
    }


SEED_DOCUMENTS = _seed_documents()


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:4]):
            yield from _paths(item, (*prefix, index))


@st.composite
def mutants(draw):
    name = draw(st.sampled_from(sorted(SEED_DOCUMENTS)))
    doc = json.loads(json.dumps(SEED_DOCUMENTS[name]))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(doc))))
        if not path:
            continue
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(anything)
    return name.split("-")[0], json.dumps(doc, ensure_ascii=False)


def _import_or_refuse(fmt: str, raw: str) -> None:
    import tempfile

    from argmap.formats.aif import read_aif
    from argmap.formats.argdown import read_argdown_json
    from argmap.formats.importing import ImportRefused, write_imported
    from argmap.formats.sadface import read_sadface

    readers = {
        "aif": read_aif,
        "sadface": read_sadface,
        "argdown": lambda text: read_argdown_json(parse_json(text), "fuzz"),
    }
    try:
        imported = readers[fmt](raw)
    except FormatError as exc:
        assert exc.kind and exc.message
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "fuzz.yaml"
        try:
            write_imported(imported, out)
        except FormatError as exc:
            assert exc.kind == "not a sound map"
            assert not out.exists() and not out.with_suffix(".txt").exists()
            return
        except ImportRefused:  # pragma: no cover - a fresh folder holds nothing to overwrite
            raise
        assert [p for p in argmap.check(out) if p.is_error] == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_mutated_documents_are_imported_soundly_or_refused_by_name(case):
    _import_or_refuse(*case)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["aif", "sadface", "argdown"]), anything, st.integers(0, 2))
def test_any_json_at_all_is_imported_soundly_or_refused_by_name(fmt, value, damage):
    raw = json.dumps(value)
    if damage == 1:
        raw = raw[: len(raw) // 2]
    elif damage == 2:
        raw = raw.replace('"', "'", 1)
    _import_or_refuse(fmt, raw)
