"""`python -m raci`: the same as the `raci` command."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="raci")
