"""Output paths: every command that writes creates missing folders, and any path it cannot write
ends in one line naming it (exit 2), never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import VALID, write_map

from argmap.cli import main
from argmap.output import OutputError, check_writable, make_folder, write_atomic


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def project(tmp_path):
    """A map and its essay, an AIF export of it, and a plain file to put where a folder is needed."""
    path = write_map(tmp_path, VALID, name="small.yaml")
    aif = tmp_path / "small.json"
    assert run("export", path, "--to", "aif", "-o", aif).exit_code == 0
    (tmp_path / "afile").write_text("not a folder\n")
    return tmp_path


def _commands(root: Path, out: Path) -> dict[str, list]:
    """Each writing command with its output under out (a folder path)."""
    return {
        "render": ["render", root / "small.yaml", "-o", out / "small.svg"],
        "report": ["report", root / "small.yaml", "-o", out / "small.html"],
        "export": ["export", root / "small.yaml", "--to", "argdown", "-o", out / "small.argdown"],
        "new": ["new", "--source", root / "essay.txt", "-o", out / "fresh.yaml"],
        "import": ["import", "aif", root / "small.json", "-o", out / "imported.yaml"],
        "schema": ["schema", "-o", out / "argmap.schema.json"],
        "build": ["build", root, "-o", out / "site"],
    }


NAMES = ["render", "report", "export", "new", "import", "schema", "build"]


@pytest.mark.parametrize("name", NAMES)
def test_missing_folders_are_created(project, name):
    out = project / "not" / "yet"
    args = _commands(project, out)[name]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    written = args[args.index("-o") + 1]
    assert written.is_dir() if name == "build" else written.is_file()
    if name == "build":
        assert (written / "index.html").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_a_file_where_a_folder_is_needed_is_one_line_and_exit_2(project, name):
    out = project / "afile"
    args = _commands(project, out)[name]
    written = args[args.index("-o") + 1]
    result = run(*args)
    assert (result.exit_code, result.output) == (
        2,
        f"argmap: error: cannot write {written}: {out} is a file, not a folder\n",
    )
    assert (project / "afile").read_text() == "not a folder\n"


@pytest.mark.parametrize("name", ["render", "report", "export", "new", "import", "schema"])
def test_a_folder_where_a_file_is_needed_is_a_usage_error(project, name):
    folder = project / "a-folder"
    folder.mkdir()
    args = _commands(project, project)[name]
    args[args.index("-o") + 1] = folder
    result = run(*args)
    assert result.exit_code == 2
    assert f"Invalid value for '-o' / '--output': File '{folder}' is a directory." in result.output
    assert "Traceback" not in result.output


def test_build_into_a_file_is_a_usage_error(project):
    result = run("build", project, "-o", project / "afile")
    assert result.exit_code == 2
    assert f"Invalid value for '-o' / '--output': Directory '{project / 'afile'}' is a file." in result.output


@pytest.fixture
def read_only(tmp_path):
    """A folder that cannot be written, holding a map: a read-only tmpfs mount when running as root
    (root writes through permissions), else a folder without write permission."""
    folder = tmp_path / "ro"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("running as root without the right to mount a read-only folder")
        mounted = True
    (folder / "map.yaml").write_text("argmap: 1\nid: m\ntitle:   T\n")
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        reason = f"{folder} is on a read-only file system"
    else:
        folder.chmod(0o555)
        reason = f"no permission to write in {folder}"
    yield folder, reason
    if mounted:
        subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.chmod(0o755)


@pytest.mark.parametrize("name", NAMES)
def test_a_folder_that_cannot_be_written_is_one_line_and_exit_2(project, read_only, name):
    folder, reason = read_only
    args = _commands(project, folder / "sub")[name]
    written = args[args.index("-o") + 1]
    result = run(*args)
    assert (result.exit_code, result.output) == (2, f"argmap: error: cannot write {written}: {reason}\n")


def test_fmt_of_a_map_it_cannot_write_says_so_and_goes_on(tmp_path, read_only):
    folder, reason = read_only
    other = tmp_path / "other.yaml"
    other.write_text("argmap: 1\nid: o\ntitle:   T\n")
    result = run("fmt", folder / "map.yaml", other)
    assert result.exit_code == 1
    assert result.output == (
        f"{folder / 'map.yaml'}: cannot write {folder / 'map.yaml'}: {reason}\n"
        f"reformatted {other}\n"
        "1 map reformatted, 0 unchanged, 1 not written (see above).\n"
    )
    assert (folder / "map.yaml").read_text() == "argmap: 1\nid: m\ntitle:   T\n"


def test_import_when_the_text_beside_the_map_is_a_folder(project):
    (project / "out").mkdir()
    (project / "out" / "imported.txt").mkdir()
    result = run("import", "aif", project / "small.json", "-o", project / "out" / "imported.yaml")
    text = project / "out" / "imported.txt"
    assert (result.exit_code, result.output) == (
        2,
        f"argmap: error: cannot write {text}: it is a folder; give the name of a file in it\n",
    )
    assert not (project / "out" / "imported.yaml").exists()


def test_serve_without_a_writable_temporary_folder(tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("")
    write_map(tmp_path, VALID, name="small.yaml")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "afile"))
    result = run("serve", tmp_path / "small.yaml", "--port", "0")
    assert result.exit_code == 2
    assert result.output.startswith(f"argmap: error: cannot create the preview's folder in {tmp_path / 'afile'}: ")
    assert result.output.count("\n") == 1


def test_no_traceback_in_a_real_process(project):
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(project / "small.yaml"), "-o", str(project / "afile" / "x.svg")],
        capture_output=True,
        text=True,
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2,
        "",
        f"argmap: error: cannot write {project / 'afile' / 'x.svg'}: {project / 'afile'} is a file, not a folder\n",
    )


def test_library_writes_raise_output_error_naming_the_path(tmp_path):
    (tmp_path / "afile").write_text("")
    (tmp_path / "adir").mkdir()
    with pytest.raises(OutputError, match=r"^cannot write .*/adir: it is a folder; give the name of a file in it$"):
        write_atomic(tmp_path / "adir", "x")
    with pytest.raises(OutputError, match=r"^cannot create the folder .*/afile/sub: .*/afile is a file$"):
        make_folder(tmp_path / "afile" / "sub")
    with pytest.raises(OutputError, match=r"^cannot write .*/afile/x: .*/afile is a file, not a folder$"):
        check_writable(tmp_path / "afile" / "x")
    write_atomic(tmp_path / "new" / "deeper" / "x.txt", "hello")
    assert (tmp_path / "new" / "deeper" / "x.txt").read_text() == "hello"
    assert isinstance(OutputError("x"), OSError)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("ok\n{% if %}\n", "report.html:2: Expected an expression, got 'end of statement block'"),
        ("{{ nothing.x }}\n", "report.html: 'nothing' is undefined"),
    ],
)
def test_a_broken_template_is_one_line(project, template, message):
    templates = project / "templates"
    templates.mkdir()
    (templates / "report.html").write_text(template)
    shown = message if message.startswith("report.html: ") else f"{templates}/{message}"
    for args in (["report", project / "small.yaml", "-o", project / "x.html"], ["build", project, "-o", project / "s"]):
        result = run(*args, "--templates", templates)
        assert (result.exit_code, result.output) == (1, f"argmap: error: template {shown}\n")
