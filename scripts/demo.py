"""`make demo`: runs the main job on the example specs (grows as the product does)."""

from __future__ import annotations

import sys

from reconciler.cli import main

if __name__ == "__main__":
    sys.exit(main(["--help"]))
