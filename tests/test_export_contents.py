"""What an export carries and what it says it leaves out: every field of the format is counted, each
format's list of what it drops is exact, and what it claims to carry comes back through its import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

import argmap
import argmap.model
from argmap.cli import main
from argmap.formats import argdown
from argmap.formats.contents import FIELDS, KEYS, inventory
from argmap.load import load

EVERY_FIELD = ROOT / "tests" / "data" / "every-field" / "map.yaml"
"""A map that uses every field of the format (and checks clean)."""
ARGDOWN = ROOT / "build" / "argdown" / "node_modules" / ".bin" / "argdown"


def run(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


def counts(path: Path) -> dict[str, int]:
    return {item.key: item.count for item in inventory(load(path).map)}


def test_every_field_of_the_format_is_counted():
    models = [
        value
        for value in vars(argmap.model).values()
        if isinstance(value, type) and issubclass(value, argmap.model._Model) and value is not argmap.model._Model
    ]
    fields = {f"{model.__name__}.{name}" for model in models for name in model.model_fields}
    assert fields == set(FIELDS)
    assert argmap.check(EVERY_FIELD) == []
    assert set(counts(EVERY_FIELD)) == KEYS  # the map holds some of everything


EXPECTED = {
    "argdown": "Argdown has no place for the map's id, the description, the source's metadata, the carneades "
    "semantics, 3 assumptions, assume_premises: false, 1 issue of other than two positions, 1 standard of an issue, "
    "1 label of an issue, 1 note of an issue, 2 expected labels, 1 concept, 5 quotes of claims, 2 concept "
    "assignments, 1 citation, 2 sections of claims, 2 attributions, 1 note of a claim, 1 argument label, 1 quote of "
    "an argument, 2 reconstruction flags, 2 weights, 2 notes of attacks, 1 reference, 1 link to another map",
    "aif": "AIF has no place for the map's id, the title, the analyst, the description, the source's metadata, "
    "the thesis, the carneades semantics, 3 assumptions, assume_premises: false, 2 issues, 1 standard of an issue, "
    "1 label of an issue, 1 note of an issue, 2 expected labels, 1 concept, 3 claim types, 1 implicit flag, "
    "2 concept assignments, 1 tag, 1 citation, 2 sections of claims, 2 attributions, 1 note of a claim, 1 scheme of "
    "an attack, 1 argument label, 1 quote of an argument, 2 reconstruction flags, 2 weights, 1 concession, 1 note "
    "of a supporting argument, 2 notes of attacks, 1 reference, 1 link to another map: they are kept under the "
    "'argmap' key, which other AIF tools ignore",
    "sadface": "SADFace has no place for the map's id, the source's metadata, the thesis, the carneades semantics, "
    "3 assumptions, assume_premises: false, 1 standard of an issue, 1 label of an issue, 1 note of an issue, "
    "2 expected labels, 1 concept, 3 claim types, 1 implicit flag, 2 concept assignments, 1 tag, 1 citation, "
    "2 sections of claims, 2 attributions, 1 note of a claim, 1 scheme of an attack, 1 argument label, 1 quote of an "
    "argument, 2 reconstruction flags, 2 weights, 1 concession, 1 note of a supporting argument, 2 notes of attacks, "
    "1 reference, 1 link to another map: they travel in the 'argmap' metadata namespace, which other SADFace tools "
    "ignore",
}


@pytest.mark.parametrize("to", sorted(EXPECTED))
def test_each_export_names_everything_it_leaves_out(to, tmp_path):
    out = tmp_path / f"map.{to}"
    result = run("export", EVERY_FIELD, "--to", to, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}\nnot carried: {EXPECTED[to]}\n"


@pytest.mark.parametrize("to", ["aif", "sadface"])
def test_aif_and_sadface_bring_back_the_whole_map(to, tmp_path):
    exported, back = tmp_path / f"map.{to}.json", tmp_path / "back.yaml"
    assert run("export", EVERY_FIELD, "--to", to, "-o", exported).exit_code == 0
    result = run("import", to, exported, "-o", back)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    original, again = load(EVERY_FIELD).map, load(back).map
    assert again.source is not None and original.source is not None
    assert again.source.path == "back.txt"  # the essay is written beside the map
    again.source.path, again.source.sha256 = original.source.path, original.source.sha256
    assert again.model_dump() == original.model_dump()


def test_argdown_brings_back_what_it_does_not_list(tmp_path, monkeypatch):
    if not ARGDOWN.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{ARGDOWN} is missing: .ci/run installs it with 'make argdown'")
        pytest.skip("@argdown/cli is not installed: run 'make argdown'")
    monkeypatch.setenv("ARGMAP_ARGDOWN", str(ARGDOWN))
    exported, back = tmp_path / "map.argdown", tmp_path / "back.yaml"
    assert run("export", EVERY_FIELD, "--to", "argdown", "-o", exported).exit_code == 0
    result = run("import", "argdown", exported, "-o", back)
    assert (result.exit_code, result.stderr) == (0, "")
    original = counts(EVERY_FIELD)
    # what Argdown carries comes back whole; of the rest, only an id (made from the file's name) and the
    # issue of two positions (a contradiction)
    assert counts(back) == {key: original[key] for key in argdown.CARRIED} | {"id": 1, "issues": 1}
    assert load(back).map.id == "map"


def test_the_readme_quotes_the_argdown_export_as_it_is(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    maan = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"
    quoted = [line for line in readme.splitlines() if line.startswith("not carried: Argdown has no place for")]
    result = run("export", maan, "--to", "argdown", "-o", tmp_path / "maan.argdown")
    assert quoted == [result.stderr.splitlines()[1]]
