"""The authoring loop: fmt (canonical, idempotent, comments kept), the committed schema with the
YAML language server's own validator, and the pre-commit hooks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, VALID, write_map

from argmap.cli import main
from argmap.fmt import format_text

SEEDS = sorted((ROOT / "maps").glob("*.yaml"))


def comments(text: str) -> list[str]:
    """Every comment of a YAML text (outside quoted strings), in order."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            found.append(stripped)
        elif " #" in line and not re.search(r"""["'][^"']*\s#""", line):
            found.append(line[line.index(" #") + 1 :].strip())
    return found


_WORDS_FIELD = re.compile(r"^( *)(?:- )?(?:quote|from|to): (?!\[)\S|^( *)- (?![\w-]+: )")


def joined_quotes(text: str) -> str:
    """text with every quote (and every ignored stretch's from/to) that an older fmt folded over
    several lines joined back onto one line, as fmt now writes them."""
    out: list[str] = []
    words_indent = None  # the indentation of the line holding a quote's words, while it may go on
    in_quotes = None  # the indentation of a `quote:` whose value is a block list
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if words_indent is not None and stripped and indent > words_indent and not re.match(r"[\w-]+: |- |#", stripped):
            out[-1] += " " + stripped
            continue
        words_indent = None
        if re.match(r" *quote:\s*$", line):
            in_quotes = indent
        elif stripped and in_quotes is not None and indent <= in_quotes:
            in_quotes = None
        match = _WORDS_FIELD.match(line)
        if match and (match.group(1) is not None or in_quotes is not None):
            words_indent = indent
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem.split("-")[0])
def test_fmt_is_idempotent_and_keeps_every_comment_on_the_seed_maps(path):
    text = path.read_text(encoding="utf-8")
    once = format_text(text)
    assert format_text(once) == once
    # the seed maps are committed in the canonical layout ('argmap fmt maps/'); quotes folded by an
    # older fmt are the one thing this fmt writes differently
    assert once == joined_quotes(text)
    assert yaml.safe_load(once) == yaml.safe_load(text)


def test_fmt_reorders_and_keeps_comments(tmp_path):
    messy = (
        "# yaml-language-server: $schema=../schema/argmap.schema.json\n"
        "title: A Small Essay   # the essay's own title\n"
        "id: small\n"
        "argmap: 1\n"
        "claims:\n"
        "  # the first claim\n"
        "  faster:\n"
        "    type: fact\n"
        "    text: The tram cut commuting times by a fifth.\n"
        "arguments:\n"
        "  benefit:\n"
        "    conclusion: faster\n"
        "    premises:\n"
        "      - faster\n"
    )
    path = tmp_path / "m.yaml"
    path.write_text(messy)
    check = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert (check.exit_code, check.output) == (1, f"would reformat {path}\n1 map would be reformatted, 0 unchanged.\n")
    assert path.read_text() == messy
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert (result.exit_code, result.output) == (0, f"reformatted {path}\n1 map reformatted, 0 unchanged.\n")
    formatted = path.read_text()
    assert formatted.splitlines()[:4] == [
        "# yaml-language-server: $schema=../schema/argmap.schema.json",
        "argmap: 1",
        "id: small",
        "title: A Small Essay   # the essay's own title",
    ]
    assert "    premises: [faster]\n    conclusion: faster\n" in formatted
    assert "    text: The tram cut commuting times by a fifth.\n    type: fact\n" in formatted
    assert comments(formatted) == [
        "# yaml-language-server: $schema=../schema/argmap.schema.json",
        "# the essay's own title",
        "# the first claim",
    ]
    again = CliRunner().invoke(main, ["fmt", "--check", str(path)])
    assert (again.exit_code, again.output) == (0, "0 maps would be reformatted, 1 unchanged.\n")


def test_fmt_puts_every_field_of_the_format_in_the_models_order():
    messy = (
        "argmap: 1\nid: small\ntitle: A Small Essay\n"
        "claims:\n  a:\n    note: reported\n    attributed_to: the critics\n    text: A.\n  b: {text: B.}\n"
        "arguments:\n  s:\n    weight: 0.5\n    note: n\n    conceded: true\n    attacks: a\n    premises:\n      - b\n"
        "expect:\n  out:\n    - a\n  in:\n    - b\n"
        "issues:\n  q:\n    label: Which?\n    positions:\n      - a\n      - b\n"
        "assume_premises: false\nassumptions:\n  - b\nsemantics: carneades\nthesis: [a]\n"
    )
    assert format_text(messy) == (
        "argmap: 1\nid: small\ntitle: A Small Essay\nthesis: [a]\nsemantics: carneades\nassumptions: [b]\n"
        "assume_premises: false\nissues:\n  q:\n    positions: [a, b]\n    label: Which?\n"
        "expect:\n  in: [b]\n  out: [a]\n"
        "claims:\n  a:\n    text: A.\n    attributed_to: the critics\n    note: reported\n  b: {text: B.}\n"
        "arguments:\n  s:\n    premises: [b]\n    attacks: a\n    weight: 0.5\n    conceded: true\n    note: n\n"
    )


def test_fmt_refuses_a_map_that_does_not_parse(tmp_path):
    path = write_map(tmp_path, "argmap: 1\ntitle: [a\n")
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:2:8: E001 invalid YAML: this list in [ ] is not closed on its line\n"
        "    = hint: close it with ']', and put items holding ',' or ':' in quotes\n"
    )
    assert result.stdout == "0 maps reformatted, 0 unchanged, 1 not read (its problems above).\n"
    assert path.read_bytes() == before


def test_committed_schema_validates_the_seed_maps_with_check_jsonschema():
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    proc = subprocess.run(
        [exe, "--schemafile", str(ROOT / "schema" / "argmap.schema.json"), *map(str, SEEDS)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok -- validation done" in proc.stdout


def test_check_jsonschema_rejects_a_map_the_schema_forbids(tmp_path):
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    bad = write_map(tmp_path, VALID.replace("scheme: cause-to-effect", "scheme: cause-effect"))
    proc = subprocess.run(
        [exe, "--schemafile", str(ROOT / "schema" / "argmap.schema.json"), str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 1 and "cause-effect" in proc.stdout


def test_schema_for_a_map_lists_its_ids(tmp_path):
    result = CliRunner().invoke(main, ["schema", "--for", str(SEEDS[1])])
    import json

    schema = json.loads(result.output)
    claim_ids = schema["$defs"]["Argument"]["properties"]["premises"]["items"]["enum"]
    assert "taiwan-must-focus" in claim_ids and len(claim_ids) == 54
    concept_ids = schema["$defs"]["Claim"]["properties"]["concepts"]["items"]["enum"]
    assert "comprehensive-security" in concept_ids


def test_pre_commit_hooks_run_our_commands(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"]: h["entry"] for h in hooks} == {
        "argmap-check": "argmap check --strict",
        "argmap-fmt": "argmap fmt --check",
    }
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    seed = tmp_path / "maps" / SEEDS[0].name
    seed.parent.mkdir()
    seed.write_text(format_text(SEEDS[0].read_text(encoding="utf-8")), encoding="utf-8")  # as 'argmap fmt' leaves it
    for hook in hooks:
        args = hook["entry"].split()[1:] + [str(seed)]
        assert CliRunner().invoke(main, args).exit_code == 0


def test_fmt_never_folds_a_quote(tmp_path):
    quote = "Shorter commutes make people happier, and happier workers are more productive"
    long_quote = " ".join([quote] * 4)[:300].rstrip()
    assert len(long_quote) == 300
    text = VALID.replace("    quote: Shorter commutes make people happier, and\n", f"    quote: {long_quote}\n")
    text = text.replace("    text: The city gains from the tram.\n", f"    text: {long_quote}\n")
    text = text.replace(
        "    quote: so the city gains\n", f"    quote:\n      - {long_quote}\n      - so the city gains\n"
    )
    path = write_map(tmp_path, text)
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.output == f"reformatted {path}\n1 map reformatted, 0 unchanged.\n"
    lines = path.read_text().splitlines()
    assert f"    quote: {long_quote}" in lines
    assert f"      - {long_quote}" in lines
    text_at = lines.index("  gains:") + 1
    assert lines[text_at].startswith("    text: Shorter") and len(lines[text_at]) <= 100  # other text still folds
    assert yaml.safe_load(path.read_text()) == yaml.safe_load(text)


def test_joined_quotes_joins_only_quotes():
    folded = (
        "claims:\n  a:\n    text: some long\n      text\n    quote: some long\n      quote\n"
        "  b:\n    quote:\n      - first\n        quote\n      - second\n"
    )
    assert joined_quotes(folded) == (
        "claims:\n  a:\n    text: some long\n      text\n    quote: some long quote\n"
        "  b:\n    quote:\n      - first quote\n      - second\n"
    )
