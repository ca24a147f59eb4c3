"""`python -m raci`: the same as the `raci` command."""

from .entry import main

if __name__ == "__main__":
    main()
