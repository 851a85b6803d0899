"""The frozen program's entry point (PyInstaller): the same `main` as the `inspector`
command of the wheel."""

import sys

from inspector.cli import main

if __name__ == "__main__":
    sys.exit(main())
