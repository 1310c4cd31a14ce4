"""The command line: exact output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from conftest import ROOT, VALID, write_map

import argmap
from argmap import __version__
from argmap.cli import main


def run(*args, cwd=None):
    runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"argmap, version {__version__}\n"


def test_check_clean_map(tmp_path):
    path = write_map(tmp_path, VALID)
    result = run("check", path)
    assert (result.exit_code, result.output) == (0, "Checked 1 map: no problems.\n")


def test_check_typo_in_premise(tmp_path):
    path = write_map(tmp_path, VALID.replace("[gains, worth-it]", "[gains, worth-ti]"))
    result = run("check", path)
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:22:3: W303 claim 'worth-it' is in no argument and is not the thesis\n"
        "    = hint: use it as a premise or conclusion of an argument, or remove it\n"
        f"{path}:32:23: E201 premise 'worth-ti' of argument 'policy' is not a claim; did you mean 'worth-it'?\n"
        "    = hint: define it under 'claims' or correct the id\n"
        "Found 1 error and 1 warning in 1 of 1 map.\n"
    )


def test_check_duplicate_key_at_second_key(tmp_path):
    path = write_map(tmp_path, VALID.replace("  policy:\n", "  benefit:\n"))
    result = run("check", path)
    assert result.exit_code == 1
    assert f"{path}:31:3: E002 duplicate key 'benefit' (first defined at line 26)\n" in result.output


def test_show_source_prints_line_and_caret(tmp_path):
    path = write_map(tmp_path, VALID.replace("scheme: cause-to-effect", "scheme: cause-effect"))
    result = run("check", "--show-source", path)
    assert result.output == (
        f"{path}:29:13: E206 unknown scheme 'cause-effect'; did you mean 'cause-to-effect'?\n"
        "        scheme: cause-effect\n"
        "                ^\n"
        "    = hint: 'argmap schemes' lists the schemes\n"
        "Found 1 error in 1 of 1 map.\n"
    )


def test_warnings_fail_only_when_strict(tmp_path):
    path = write_map(tmp_path, VALID.replace("thesis: [extend]", "thesis: [faster]"))
    assert run("check", path).exit_code == 0
    strict = run("check", "--strict", path)
    assert strict.exit_code == 1
    assert strict.output.endswith("Found 1 warning in 1 of 1 map.\n")


def test_check_folder_sorts_files_and_problems(tmp_path):
    write_map(tmp_path / "b", VALID.replace("thesis: [extend]", "thesis: [faster]"), name="b.yaml")
    write_map(tmp_path / "a", VALID.replace("title: A Small Essay", "title: [x]"), name="a.yaml")
    write_map(tmp_path / ".hidden", "not: a map", name="h.yaml")
    result = run("check", tmp_path)
    lines = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert lines == [
        f"{tmp_path}/a/a.yaml:3:8: E103 'title' must be text, not a list",
        f"{tmp_path}/b/b.yaml:6:10: W304 the thesis 'faster' is the conclusion of no argument",
        "Found 1 error and 1 warning in 2 of 2 maps.",
    ]
    assert result.exit_code == 1


def test_json_format(tmp_path):
    path = write_map(tmp_path, VALID.replace("scheme: cause-to-effect", "scheme: cause-effect"))
    result = run("check", "--format", "json", path)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data == {
        "files": 1,
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "path": str(path),
                "line": 29,
                "col": 13,
                "code": "E206",
                "name": "unknown-scheme",
                "severity": "error",
                "message": "unknown scheme 'cause-effect'; did you mean 'cause-to-effect'?",
                "hint": "'argmap schemes' lists the schemes",
            }
        ],
    }


def test_github_format(tmp_path):
    path = write_map(tmp_path, VALID.replace("scheme: cause-to-effect", "scheme: cause-effect"))
    result = run("check", "--format", "github", path)
    assert result.output == (
        f"::error file={path},line=29,col=13,title=E206::unknown scheme 'cause-effect'; "
        "did you mean 'cause-to-effect'? (hint: 'argmap schemes' lists the schemes)\n"
    )


def test_usage_errors_exit_2(tmp_path):
    result = run("check", tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert run("check").exit_code == 2
    assert run("check", "--format", "xml", tmp_path).exit_code == 2


def test_folder_without_maps(tmp_path):
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"argmap: error: no maps (*.yaml, *.yml files that look like maps) under {tmp_path}\n"


def test_new_writes_a_clean_map_with_paragraphs(tmp_path):
    write_map(tmp_path, VALID)
    out = tmp_path / "maps" / "fresh.yaml"
    out.parent.mkdir()
    result = run("new", "--source", tmp_path / "essay.txt", "-o", out)
    assert (result.exit_code, result.output) == (0, f"wrote {out}\n")
    text = out.read_text()
    assert "id: fresh\n" in text and 'title: "A Small Essay"\n' in text
    assert '  path: "../essay.txt"\n' in text
    assert "# \u00b62 (line 3, 16 words): The city\u2019s new tram line" in text
    assert run("check", out).output == (
        f"{out}:15:1: W308 the map has no claims: it maps nothing yet\n"
        "    = hint: write the essay's claims under 'claims', then the arguments that connect them\n"
        "Found 1 warning in 1 of 1 map.\n"
    )
    again = CliRunner().invoke(main, ["new", "--source", str(tmp_path / "essay.txt"), "-o", str(out)])
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert out.read_text() == text


def test_schema_command_prints_the_committed_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads((ROOT / "schema" / "argmap.schema.json").read_text())


def test_explain_and_schemes():
    listing = run("explain").output.splitlines()
    assert "E201  unknown-claim" in next(line for line in listing if line.startswith("E201"))
    detail = run("explain", "e201")
    assert detail.output.startswith(
        "E201 unknown-claim (error)\n\n"
        "A premise, conclusion, thesis, assumption, issue position or expectation names no claim"
    )
    assert "Fails:" in detail.output and "Passes" in detail.output
    assert run("explain", "quote-ambiguous").output == run("explain", "E404").output
    assert run("explain", "E999").output.endswith(
        "Error: Invalid value for CODE: no such code or name: E999 ('argmap explain' lists them)\n"
    )
    wrong_name = run("explain", "quote-ambigous")
    assert wrong_name.exit_code == 2
    assert wrong_name.output.endswith(
        "Error: Invalid value for CODE: no such code or name: quote-ambigous; did you mean 'quote-ambiguous'? "
        "('argmap explain' lists them)\n"
    )
    assert run("schemes").output.splitlines()[1] == "cause-to-effect        Cause to effect"
    expert = run("schemes", "expert-opinion").output
    assert "Critical questions:\n  1. How credible is E as an expert source?" in expert
    wrong = run("schemes", "analogie")
    assert wrong.exit_code == 2 and "did you mean 'analogy'?" in wrong.output


def test_module_entry_point_and_no_traceback_on_bad_input(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"argmap: 1\ntitle: !!python/object/apply:os.system ['true']\n\x00")
    proc = subprocess.run([sys.executable, "-m", "argmap", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stdout.startswith(f"{bad}:3:1: E005")


def test_check_of_a_folder_takes_its_maps_and_leaves_other_yaml_alone(tmp_path):
    """A repository's root: its maps are checked; CI files, dependencies, virtual environments and
    other YAML configuration are not walked into or read as maps. A file named by its path is checked
    whatever it holds."""
    write_map(tmp_path, VALID, name="essay-map.yaml")
    write_map(tmp_path / "more", VALID.replace("id: ", "id: more-", 1), name="second.yml")
    others = {
        ".github/workflows/ci.yml": "on: push\njobs:\n  test: {runs-on: ubuntu-latest}\n",
        "node_modules/x/appveyor.yml": "environment:\n  nodejs_version: '20'\n",
        "env/lib/site.yaml": "claims: {}\n",  # a map's shape, inside a virtual environment
        "config.yaml": "jobs: 2\noutput: site\n",
        ".hidden.yaml": "claims: {}\n",
    }
    for name, text in others.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    assert argmap.find_maps([tmp_path]) == [tmp_path / "essay-map.yaml", tmp_path / "more" / "second.yml"]
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert (result.exit_code, result.output) == (0, "Checked 2 maps: no problems.\n")
    config = CliRunner().invoke(main, ["check", str(tmp_path / "config.yaml")])
    assert config.exit_code == 1
    assert config.output.startswith(f"{tmp_path / 'config.yaml'}:1:1: E10")
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "config.yaml").write_text("jobs: 2\n", encoding="utf-8")
    none = CliRunner().invoke(main, ["check", str(empty)])
    assert (none.exit_code, none.output) == (
        1,
        f"argmap: error: no maps (*.yaml, *.yml files that look like maps) under {empty}\n",
    )
