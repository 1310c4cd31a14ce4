"""The documentation stays true: every command has help with an example, the README names every
command and every problem code, and every module says what it is for."""

from __future__ import annotations

import ast

import pytest
from click.testing import CliRunner

from argmap.checks import CHECKS  # noqa: F401  (registers the codes)
from argmap.cli import main
from argmap.problems import CODES
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    command = main.commands[name]
    assert command.help and len(command.help.strip()) > 40
    assert "Example: argmap " + name in result.output
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"{name} {param.opts} has no help"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_readme_shows_every_command(name):
    assert f"argmap {name}" in README


@pytest.mark.parametrize("code", sorted(CODES))
def test_readme_lists_every_problem_code(code):
    assert f"`{code}`" in README


def test_every_module_has_a_docstring():
    for path in sorted((ROOT / "argmap").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path} has no module docstring"


def test_readme_example_map_is_clean(tmp_path):
    import re

    import argmap
    from conftest import ESSAY

    block = re.search(r"```yaml\n(# yaml-language-server.*?)```", README, re.S).group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "tram-essay.txt").write_text(
        ESSAY + "\nReferences\n\nSmith, A. (2020). Trams and towns.\n", encoding="utf-8"
    )
    (tmp_path / "maps").mkdir()
    path = tmp_path / "maps" / "tram-essay.yaml"
    path.write_text(block, encoding="utf-8")
    assert argmap.check(path) == []
