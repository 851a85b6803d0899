"""A write-protected folder, as a locked USB stick is, and a process that respects it."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def write_protected(folder: Path) -> Iterator[Path]:
    """`folder` and its files read-only while the block runs (modes restored after)."""
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    for path in modes:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield folder
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def unprivileged(command: list[str]) -> list[str]:
    """`command` run so that file modes hold for it: root ignores them, so as root it
    runs without any capability (setpriv, util-linux), as an ordinary user would."""
    if os.geteuid() == 0:
        return ["setpriv", "--bounding-set=-all", "--inh-caps=-all", *command]
    return command
