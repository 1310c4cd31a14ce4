"""The `argmap` command's entry point: answers --version at once, hands everything else to the click commands."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line; `argmap --version` (or -V) alone is answered without loading any command."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"argmap, version {__version__}\n")
        return
    from .cli import main as cli

    cli()
