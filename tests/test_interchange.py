"""Interchange: AIF out and in (round trips, arguebuf reading our AIF), Argdown out (@argdown/cli
parsing it), JSON out (valid against its committed schema), and imports of AIF shapes we wrote."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

import argmap
from argmap.checks import Context
from argmap.cli import main
from argmap.formats.aif import read_aif, scheme_from_aif, to_aif
from argmap.formats.argdown import to_argdown
from argmap.load import load
from argmap.model import export_json_schema

SEEDS = [
    ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml",
    ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml",
]
IDS = ["greitens", "maan"]


def graph(m, fold=False) -> dict:
    """What a round trip must keep: claims with text and quotes, arguments with their structure and scheme.
    With fold, quotes compare as the checker matches them (typography folded)."""
    from argmap.source import fold_quote

    return {
        "claims": {cid: (c.text, tuple(fold_quote(q) if fold else q for q in c.quotes)) for cid, c in m.claims.items()},
        "arguments": {aid: (tuple(a.premises), a.conclusion, a.attacks, a.scheme_id) for aid, a in m.arguments.items()},
    }


def export_import(path: Path, tmp_path: Path, strip_extension: bool = False) -> Path:
    runner = CliRunner()
    aif_file = tmp_path / "map.json"
    result = runner.invoke(main, ["export", str(path), "--to", "aif", "-o", str(aif_file)])
    assert result.exit_code == 0, result.output
    if strip_extension:
        doc = json.loads(aif_file.read_text())
        del doc["argmap"]
        aif_file.write_text(json.dumps(doc))
    out = tmp_path / "imported.yaml"
    result = runner.invoke(main, ["import", "aif", str(aif_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("path", SEEDS, ids=IDS)
def test_round_trip_through_aif_keeps_the_whole_map(path, tmp_path):
    original = load(path).map
    out = export_import(path, tmp_path)
    back = load(out).map
    assert graph(back) == graph(original)
    assert back.theses == original.theses
    assert {c: m.type for c, m in back.claims.items()} == {c: m.type for c, m in original.claims.items()}
    assert back.concepts == original.concepts and back.references == original.references
    assert back.links == original.links
    assert argmap.check(out) == []
    assert (tmp_path / "imported.txt").read_bytes() == (ROOT / "seeds" / Path(original.source.path).name).read_bytes()


@pytest.mark.parametrize("path", SEEDS, ids=IDS)
def test_round_trip_through_plain_aif_keeps_the_graph_and_quotes(path, tmp_path):
    original = load(path).map
    back = load(export_import(path, tmp_path, strip_extension=True)).map
    assert graph(back, fold=True) == graph(original, fold=True)
    # without the extension, claims the essay does not quote come back as plain claims
    assert not any(c.implicit for c in back.claims.values())


def test_export_says_what_aif_cannot_hold(tmp_path):
    result = CliRunner().invoke(main, ["export", str(SEEDS[1]), "--to", "aif", "-o", str(tmp_path / "m.json")])
    assert result.stderr.splitlines() == [
        f"wrote {tmp_path / 'm.json'}",
        "not carried: AIF has no place for the map's id, the title, the description, the source's metadata, "
        "the theses, the carneades semantics, 15 expected labels, 9 concepts, 53 claim types, 1 implicit flag, "
        "65 concept assignments, 8 citations, 2 attributions, 8 notes of claims, 2 argument labels, 37 quotes of "
        "arguments, 23 reconstruction flags, 1 concession, 30 notes of supporting arguments, 1 note of an attack, "
        "8 references: they are kept under the 'argmap' key, which other AIF tools ignore",
    ]


@pytest.mark.parametrize("path", SEEDS, ids=IDS)
def test_aif_nodes_and_edges_follow_aif(path):
    mf = load(path)
    doc = json.loads(to_aif(mf.map, Context(mf).source).text)
    kinds = {}
    for node in doc["nodes"]:
        kinds[node["type"]] = kinds.get(node["type"], 0) + 1
        assert isinstance(node["nodeID"], str)
    m = mf.map
    assert kinds == {
        "I": len(m.claims),
        "RA": sum(1 for a in m.arguments.values() if a.conclusion),
        "CA": sum(1 for a in m.arguments.values() if a.attacks),
    }
    edges = {(e["fromID"], e["toID"]) for e in doc["edges"]}
    for arg_id, argument in m.arguments.items():
        assert all((p, arg_id) in edges for p in argument.premises)
        assert (arg_id, argument.target) in edges
    assert doc["locutions"] == [] and doc["text"].count('<span class="highlighted"') == sum(
        len(c.quotes) for c in m.claims.values()
    )


@pytest.mark.parametrize("path", SEEDS, ids=IDS)
def test_arguebuf_reads_our_aif(path, tmp_path):
    arguebuf = pytest.importorskip("arguebuf")
    mf = load(path)
    out = tmp_path / "map.json"
    out.write_text(to_aif(mf.map, Context(mf).source).text)
    g = arguebuf.load.file(out)
    assert len(g.atom_nodes) == len(mf.map.claims)
    assert len(g.scheme_nodes) == len(mf.map.arguments)
    supports = [n for n in g.scheme_nodes.values() if type(n.scheme).__name__ == "Support"]
    assert len(supports) == sum(1 for a in mf.map.arguments.values() if a.conclusion)
    named = {type(n.scheme).__name__ + "." + n.scheme.name for n in supports}
    assert "Support.CAUSE_TO_EFFECT" in named and "Support.PRACTICAL_REASONING" in named


ARGDOWN = Path(os.environ.get("ARGMAP_ARGDOWN", ROOT / "build" / "argdown" / "node_modules" / ".bin" / "argdown"))


@pytest.mark.parametrize("path", SEEDS, ids=IDS)
def test_argdown_cli_parses_our_argdown(path, tmp_path):
    if not ARGDOWN.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{ARGDOWN} is missing: .ci/run installs it with 'make argdown'")
        pytest.skip("@argdown/cli is not installed: run 'make argdown'")
    m = load(path).map
    source = tmp_path / f"{m.id}.argdown"
    source.write_text(to_argdown(m).text)
    proc = subprocess.run([str(ARGDOWN), "json", str(source), "--stdout"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "error" not in proc.stderr.lower()
    data, _ = json.JSONDecoder().raw_decode(proc.stdout)
    attacks = [a for a in m.arguments.values() if a.attacks]
    assert len(data["statements"]) == len(m.claims)
    assert len(data["arguments"]) == len(m.arguments)
    assert len(data["relations"]) == len(attacks) + sum(len(a.premises) for a in attacks)
    for arg_id, argument in m.arguments.items():
        parsed = data["arguments"][arg_id]
        if argument.conclusion:
            roles = [(s["title"], s["role"]) for s in parsed["pcs"]]
            assert roles == [(p, "premise") for p in argument.premises] + [(argument.conclusion, "main-conclusion")]
    kinds = sorted((r["relationType"], r["to"]) for r in data["relations"] if r["fromType"] == "argument")
    assert kinds == sorted(("undercut" if a.attacks in m.arguments else "attack", a.attacks) for a in attacks)


def test_argdown_escapes_special_characters():
    from argmap.formats.argdown import escape

    assert (
        escape("a [b] <c> #d *e* _f_ @g {h} `i` - + \\ j\n k")
        == "a \\[b\\] \\<c\\> \\#d \\*e\\* \\_f\\_ \\@g \\{h\\} \\`i\\` \\- \\+ \\\\ j k"
    )


def test_json_export_matches_its_committed_schema(tmp_path):
    from jsonschema import Draft202012Validator

    committed = json.loads((ROOT / "schema" / "argmap-export.schema.json").read_text())
    assert committed == export_json_schema()
    result = CliRunner().invoke(main, ["export", str(SEEDS[0]), "--to", "json"])
    data = json.loads(result.output)
    assert list(Draft202012Validator(committed).iter_errors(data)) == []
    assert (
        data["thesis"] == ["xi-applies-framework-abroad", "us-should-not-underestimate"]
        and data["claims"]["gsi-extends-concept"]["implicit"] is False
    )


# --- import of AIF written by hand in the shapes of AIFdb, OVA2 and xAIF --------------------------------

AIFDB = {
    "nodes": [
        {"nodeID": 1, "text": "The council should extend the line.", "type": "I"},
        {"nodeID": "2", "text": "The tram cut commuting times.", "type": "I"},
        {"nodeID": 3, "text": "Cause To Effect", "type": "RA", "scheme": "Cause To Effect"},
        {"nodeID": "4", "text": "The figures are preliminary.", "type": "I"},
        {"nodeID": 5, "text": "Default Conflict", "type": "CA"},
        {"nodeID": "6", "text": "The tram made journeys shorter.", "type": "I"},
        {"nodeID": 7, "text": "Default Rephrase", "type": "MA"},
        {"nodeID": 8, "text": "Alice: the tram cut commuting times", "type": "L"},
        {"nodeID": 9, "text": "Asserting", "type": "YA"},
        {"nodeID": 10, "text": "Default Transition", "type": "TA"},
        {"nodeID": 11, "text": "Argument From Goodwill", "type": "RA"},
    ],
    "edges": [
        {"edgeID": 1, "fromID": "2", "toID": 3},
        {"edgeID": 2, "fromID": 3, "toID": "1"},
        {"edgeID": 3, "fromID": 4, "toID": "5"},
        {"edgeID": 4, "fromID": "5", "toID": 3},
        {"edgeID": 5, "fromID": 2, "toID": 7},
        {"edgeID": 6, "fromID": 7, "toID": 6},
        {"edgeID": 7, "fromID": 8, "toID": 9},
        {"edgeID": 8, "fromID": 9, "toID": 2},
        {"edgeID": 10, "fromID": 6, "toID": 11},
        {"edgeID": 11, "fromID": 11, "toID": 1},
    ],
    "locutions": [{"nodeID": 8, "personID": 1}],
    "participants": [{"participantID": 1, "firstname": "Alice", "surname": "Smith"}],
}


def test_import_aifdb_with_mixed_ids_dialogue_speaker_and_rephrase():
    imported = read_aif(json.dumps(AIFDB))
    data = imported.data
    assert data["claims"] == {
        "the-council-should-extend-the-line": {"text": "The council should extend the line."},
        "the-tram-cut-commuting-times": {"text": "The tram cut commuting times.", "attributed_to": "Alice Smith"},
        "the-figures-are-preliminary": {"text": "The figures are preliminary."},
        "the-tram-made-journeys-shorter": {
            "text": "The tram made journeys shorter.",
            "note": "Rephrases claim 'the-tram-cut-commuting-times' (The tram cut commuting times.).",
        },
    }
    assert data["arguments"] == {
        "for-the-council-should-extend-the-line": {
            "premises": ["the-tram-cut-commuting-times"],
            "conclusion": "the-council-should-extend-the-line",
            "scheme": "cause-to-effect",
        },
        "against-argument": {
            "premises": ["the-figures-are-preliminary"],
            "attacks": "for-the-council-should-extend-the-line",
        },
        "for-the-council-should-extend-the-line-2": {
            "premises": ["the-tram-made-journeys-shorter"],
            "conclusion": "the-council-should-extend-the-line",
            "note": "AIF scheme: Argument From Goodwill",
        },
    }
    assert data["thesis"] == ["the-council-should-extend-the-line"]
    assert imported.text is None
    assert imported.warnings == [
        "RA node 11: the scheme 'Argument From Goodwill' is not in argmap's catalogue: kept as a note",
        "MA node 7 (rephrase) kept as a note on the-tram-made-journeys-shorter",
        "not carried (the dialogue around the argument): 1 L node, 1 TA node, 1 YA node",
    ]


def test_import_cli_writes_a_map_that_checks(tmp_path):
    source = tmp_path / "aifdb.json"
    source.write_text(json.dumps(AIFDB))
    out = tmp_path / "imported.yaml"
    result = CliRunner().invoke(main, ["import", "aif", str(source), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == f"wrote {out} (4 claims, 2 arguments, 1 attack)\n"
    assert result.stderr.splitlines()[-1] == (
        "warning: not carried (the dialogue around the argument): 1 L node, 1 TA node, 1 YA node"
    )
    assert argmap.check(out) == []
    again = CliRunner().invoke(main, ["import", "aif", str(source), "-o", str(out)])
    assert again.exit_code == 1 and "already exists" in again.output


OVA2 = {
    "nodes": [
        {"id": 1, "type": "I", "text": "Trams are faster", "text_begin": [4], "text_end": [20]},
        {"id": 2, "type": "I", "text": "Extend the line", "text_begin": [35], "text_end": [50]},
        {"id": 3, "type": "RA", "text": "Practical Reasoning", "scheme": "Practical Reasoning"},
    ],
    "edges": [{"from": {"id": 1}, "to": {"id": 3}}, {"from": {"id": 3}, "to": {"id": 2}}],
    "participants": [],
    "analysis": {
        "txt": "Now trams are faster, so we should extend the line.",
        "plain_txt": "Now trams are faster, so we should extend the line.",
    },
}


def test_import_ova2_uses_the_text_offsets(tmp_path):
    imported = read_aif(json.dumps(OVA2))
    assert imported.text == "Now trams are faster, so we should extend the line."
    assert imported.data["claims"]["trams-are-faster"]["quote"] == "trams are faster"
    assert imported.data["claims"]["extend-the-line"]["quote"] == "extend the line"
    assert imported.data["arguments"] == {
        "for-extend-the-line": {
            "premises": ["trams-are-faster"],
            "conclusion": "extend-the-line",
            "scheme": "practical-reasoning",
        }
    }
    out = tmp_path / "ova.yaml"
    (tmp_path / "ova.json").write_text(json.dumps(OVA2))
    assert CliRunner().invoke(main, ["import", "aif", str(tmp_path / "ova.json"), "-o", str(out)]).exit_code == 0
    # OVA2 records no words that draw an inference: the imported argument is the analyst's to anchor
    assert [(p.code, p.message) for p in argmap.check(out)] == [
        ("W601", "argument 'for-extend-the-line' is neither anchored in the essay nor marked reconstructed")
    ]
    assert (tmp_path / "ova.txt").read_text() == OVA2["analysis"]["txt"]


XAIF = {
    "AIF": {
        "nodes": [
            {"nodeID": "a", "text": "Trams are faster", "type": "I"},
            {"nodeID": "b", "text": "Extend the line", "type": "I"},
            {"nodeID": "r", "text": "Example", "type": "RA"},
        ],
        "edges": [{"edgeID": 1, "fromID": "a", "toID": "r"}, {"edgeID": 2, "fromID": "r", "toID": "b"}],
        "locutions": [],
        "participants": [],
        "schemefulfillments": [],
    },
    "text": 'Now <span class="highlighted" id="node_a">trams are faster</span>, so we should '
    '<span class="highlighted" id="node_b">extend the line</span> &amp; more.',
}


def test_import_xaif_keeps_the_highlighted_passages_as_quotes():
    imported = read_aif(json.dumps(XAIF))
    assert imported.text == "Now trams are faster, so we should extend the line & more."
    assert imported.data["claims"] == {
        "a": {"text": "Trams are faster", "quote": "trams are faster"},
        "b": {"text": "Extend the line", "quote": "extend the line"},
    }
    assert imported.data["arguments"] == {"r": {"premises": ["a"], "conclusion": "b", "scheme": "example"}}


@pytest.mark.parametrize(
    "text, message",
    [
        ("[1, 2]", "1:1: wrong shape: the top level is not a JSON object, as AIF's is"),
        ('{"nodes": 3, "edges": []}', "1:11: wrong shape: not AIF: 'nodes' is not a list"),
        (
            '{"foo": 1}',
            "1:1: wrong shape: not AIF: expected 'nodes' and 'edges' (AIFdb), 'AIF' (xAIF) or 'analysis' (OVA2)",
        ),
        ("{nope", "1:2: not JSON: Expecting property name enclosed in double quotes"),
    ],
)
def test_import_refuses_what_is_not_aif(tmp_path, text, message):
    source = tmp_path / "x.json"
    source.write_text(text)
    result = CliRunner().invoke(main, ["import", "aif", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 1
    assert result.output == f"argmap: error: {source}:{message}\n"
    assert not (tmp_path / "x.yaml").exists()


def test_scheme_names_map_both_ways():
    from argmap.formats.aif import AIF_SCHEME_NAMES

    for scheme, name in AIF_SCHEME_NAMES.items():
        assert scheme_from_aif(name) == scheme
    assert scheme_from_aif("Argument from Expert Opinion") == "expert-opinion"
    assert scheme_from_aif("Negative Consequences") == "consequences"
    assert scheme_from_aif("Something Else") is None
