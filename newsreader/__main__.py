"""``python -m newsreader``: the same as the ``newsreader`` command."""

import sys

from newsreader.cli.main import main

# Guarded: a sync's worker processes (started with "spawn") import the main module again.
if __name__ == "__main__":
    sys.exit(main())
