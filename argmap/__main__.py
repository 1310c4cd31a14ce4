"""`python -m argmap`: the same as the `argmap` command."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="argmap")
