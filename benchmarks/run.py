"""Times every stage of argmap in one run and writes benchmarks/RESULTS.md (run by `make bench`).

Each figure is the median of several runs, all measured in this one process run on this machine,
so that the ratios compare like with like. Nothing here is part of `make test`.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402
from lsp_latency import check_only, measure  # noqa: E402

SIZES = (100, 1_000, 10_000)
ARGMAP = [str(Path(sys.executable).parent / "argmap")]
ARGDOWN = Path(os.environ.get("ARGMAP_ARGDOWN", ROOT / "build" / "argdown" / "node_modules" / ".bin" / "argdown"))
SEED = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def wall(cmd: list[str], runs: int, **kwargs) -> float:
    def once():
        subprocess.run(cmd, check=True, capture_output=True, **kwargs)

    once()  # warm the file cache and the compiled-module cache
    return median_time(once, runs)


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gib = int(mem.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        mem_gib = 0
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB, "
        f"Python {platform.python_version()}"
    )


def main() -> None:
    import yaml

    import argmap
    from argmap.analysis import analyze
    from argmap.checks import Context
    from argmap.dot import to_dot
    from argmap.formats.argdown import to_argdown
    from argmap.load import load
    from argmap.render import render, system_dot
    from argmap.site import build_report

    work = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    rows: list[tuple[str, str, float, int]] = []
    figures: dict[str, float] = {}

    def row(stage: str, size: str, seconds: float, runs: int) -> float:
        rows.append((stage, size, seconds, runs))
        print(f"{stage:<44} {size:>8} {seconds * 1000:10.1f} ms  (median of {runs})", flush=True)
        return seconds

    paths = {n: write(n, work / "maps") for n in SIZES}
    render("digraph { a -> b }", "svg")  # the compiled module is loaded once, as in a long run

    for n in SIZES:
        runs = 3 if n == 10_000 else 5
        path = paths[n]
        text = path.read_text(encoding="utf-8")
        figures[f"parse {n}"] = row(
            "bare C YAML parse (yaml.load, CSafeLoader)",
            f"{n:,}",
            median_time(lambda: yaml.load(text, Loader=yaml.CSafeLoader), runs),
            runs,
        )
        figures[f"check {n}"] = row("load + check", f"{n:,}", median_time(lambda: argmap.check(path), runs), runs)
        mf = load(path)
        ctx = Context.of(mf)
        figures[f"analyze {n}"] = row(
            "analyze (roles, foundations, grounded, coverage)",
            f"{n:,}",
            median_time(
                lambda: analyze(mf.map, source=ctx.source, quote_spans=ctx.quote_spans, ignored=ctx.ignored_spans), runs
            ),
            runs,
        )
        figures[f"dot {n}"] = row("DOT", f"{n:,}", median_time(lambda: to_dot(mf.map).source, runs), runs)
        if n <= 1_000:
            source = to_dot(mf.map).source
            figures[f"svg {n}"] = row(
                "SVG, embedded Graphviz (layout alone)",
                f"{n:,}",
                median_time(lambda: render(source, "svg", "wasm"), runs),
                runs,
            )
            if system_dot():
                figures[f"system {n}"] = row(
                    "SVG, system Graphviz dot (layout alone)",
                    f"{n:,}",
                    median_time(lambda: render(source, "svg", "system"), runs),
                    runs,
                )

            def pipeline():  # what `argmap render MAP -o OUT.svg` does, in this process
                from argmap.api import diagram

                render(diagram([path]).source, "svg", "wasm")

            figures[f"render {n}"] = row(
                "render to SVG: load, check, DOT, layout", f"{n:,}", median_time(pipeline, runs), runs
            )
            figures[f"report {n}"] = row(
                "report (HTML with diagram)", f"{n:,}", median_time(lambda: build_report(path), runs), runs
            )

    # the command line, as a user meets it
    figures["version"] = row("CLI: argmap --version", "", wall(ARGMAP + ["--version"], 10), 10)
    figures["check seed"] = row(
        "CLI: argmap check (Greitens seed map)", "", wall(ARGMAP + ["check", str(SEED)], 10), 10
    )
    # the language server, as an author typing in an editor meets it
    latency = measure(SEED)
    figures["lsp edit"] = row("argmap lsp: diagnostics after an edit (Greitens)", "", latency["edit"], 21)
    row("argmap lsp: diagnostics after opening the map", "", latency["open"], 1)
    row("argmap lsp: diagnostics after ten quick edits", "", latency["burst"], 1)
    row("argmap lsp: index and check one edit (in-process)", "", check_only(SEED), 21)

    site = work / "site"
    folder = ROOT / "maps"

    def cold():
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run(ARGMAP + ["build", str(folder), "-o", str(site)], check=True, capture_output=True)

    figures["build cold"] = row("CLI: argmap build maps/ (cold)", "2 maps", median_time(cold, 3), 3)
    figures["build warm"] = row(
        "CLI: argmap build maps/ (warm, unchanged)",
        "2 maps",
        wall(ARGMAP + ["build", str(folder), "-o", str(site)], 5),
        5,
    )

    # peak memory of load + check + analyze at 10,000 claims, in a fresh process
    code = (
        "import resource, sys, argmap\nfrom argmap.analysis import analyze\nfrom argmap.load import load\n"
        "mf = load(sys.argv[1]); argmap.check(mf); analyze(mf.map)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    peak_kb = int(
        subprocess.run(
            [sys.executable, "-c", code, str(paths[10_000])], check=True, capture_output=True, text=True
        ).stdout
    )
    figures["peak MB"] = peak_kb / 1024
    print(f"peak memory, 10,000 claims: {peak_kb / 1024:.0f} MB", flush=True)

    # against Argdown: the same map exported to Argdown, drawn by @argdown/cli
    argdown_rows = []
    if ARGDOWN.exists():
        for n in (100, 1_000):
            m = load(paths[n]).map
            source = work / f"synthetic-{n}.argdown"
            source.write_text(to_argdown(m).text)
            out = work / "argdown-out"
            try:
                ad = wall([str(ARGDOWN), "map", "-f", "svg", str(source), str(out)], 3, timeout=600)
            except subprocess.TimeoutExpired:
                ad = float("nan")
            am = wall(ARGMAP + ["render", str(paths[n]), "-o", str(work / f"am-{n}.svg")], 3)
            argdown_rows.append((n, ad, am))
            print(f"argdown map -f svg {n}: {ad:.2f} s; argmap render: {am:.2f} s", flush=True)
        argdown_note = ""
    else:
        argdown_note = f"skipped: {ARGDOWN} is missing (run `make argdown`; it needs the npm registry)"
        print(argdown_note)

    write_results(rows, figures, argdown_rows, argdown_note, peak_kb)
    shutil.rmtree(work, ignore_errors=True)


def write_results(rows, figures, argdown_rows, argdown_note, peak_kb) -> None:
    def ms(seconds: float) -> str:
        return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"

    overhead = figures["render 1000"] / figures["svg 1000"] - 1
    check_ratio = figures["check 10000"] / figures["parse 10000"]
    targets = [
        ("`argmap --version`", "< 150 ms", ms(figures["version"]), figures["version"] < 0.15),
        ("`argmap check` of a seed map", "< 350 ms", ms(figures["check seed"]), figures["check seed"] < 0.35),
        (
            "diagnostics after an edit of the Greitens map (`argmap lsp`)",
            "< 300 ms",
            ms(figures["lsp edit"]),
            figures["lsp edit"] < 0.3,
        ),
        ("check of 10,000 claims", "< 1 s", ms(figures["check 10000"]), figures["check 10000"] < 1.0),
        ("check / bare C YAML parse, 10,000 claims", "< 3x", f"{check_ratio:.2f}x", check_ratio < 3),
        ("render overhead over Graphviz alone, 1,000 claims", "< 15%", f"{overhead * 100:.0f}%", overhead < 0.15),
        ("report of 1,000 claims", "< 2 s", ms(figures["report 1000"]), figures["report 1000"] < 2.0),
        ("warm `build` of an unchanged folder", "< 300 ms", ms(figures["build warm"]), figures["build warm"] < 0.3),
        ("peak memory, 10,000 claims", "< 300 MB", f"{peak_kb / 1024:.0f} MB", peak_kb / 1024 < 300),
        ("analysis of 10,000 claims", "about 1 s", ms(figures["analyze 10000"]), figures["analyze 10000"] < 1.5),
    ]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}: {machine()}.",
        "Every figure is the median of the runs shown, all taken in the same run. Synthetic maps come from",
        "`benchmarks/generate.py` (arguments of 1-3 linked premises, one attack per nine supports, a quote for",
        "every explicit claim drawn from a generated essay).",
        "",
        "## Targets",
        "",
        "| what | target | measured | met |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {what} | {target} | {measured} | {'yes' if ok else '**no**'} |" for what, target, measured, ok in targets
    ]
    lines += [
        "",
        "## Ratios",
        "",
        f"- Render overhead at 1,000 claims: `argmap render`'s pipeline (load, check, DOT, layout) takes "
        f"{ms(figures['render 1000'])} against {ms(figures['svg 1000'])} for the embedded Graphviz laying out the "
        f"same DOT alone: {overhead * 100:.0f}% more.",
        f"- Check against the bare C YAML parse at 10,000 claims: {ms(figures['check 10000'])} against "
        f"{ms(figures['parse 10000'])} for `yaml.load` with `CSafeLoader`: {check_ratio:.2f}x.",
    ]
    if "system 1000" in figures:
        lines.append(
            f"- Embedded against system Graphviz at 1,000 claims: {ms(figures['svg 1000'])} against "
            f"{ms(figures['system 1000'])} for Debian's `dot` ({figures['system 1000'] / figures['svg 1000']:.2f}x)."
        )
    if argdown_rows:
        for n, ad, am in argdown_rows:
            lines.append(
                f"- Against Argdown at {n:,} claims: `argdown map -f svg` (@argdown/cli 1.7.5) "
                f"{ad:.2f} s against `argmap render` {am:.2f} s, both from the command line "
                f"({ad / am:.1f}x)."
            )
    else:
        lines.append(f"- Against Argdown: {argdown_note}.")
    lines += ["", "## Every stage", "", "| stage | claims | median | runs |", "|---|---|---|---|"]
    lines += [f"| {stage} | {size} | {ms(seconds)} | {runs} |" for stage, size, seconds, runs in rows]
    lines += [
        "",
        f"Peak memory of load, check and analysis at 10,000 claims: {peak_kb / 1024:.0f} MB (maximum resident set).",
        "",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}))


if __name__ == "__main__":
    main()
