"""Reading input files, and writing output files whole or not at all.

Each output is written to a temporary file in the target folder (same file
system, so the rename is atomic), synced, and renamed over the target: a crash
or an error never leaves a half-written report, ledger or bundle at the path.
"""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InspectorError
from .i18n import t


def read_input(path: Path, limit: int = 512 * 2**20) -> bytes:
    try:
        if path.stat().st_size > limit:
            raise InspectorError(t("file.too_big", mb=limit // 2**20), path=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise InspectorError(t("file.missing"), path=str(path)) from None
    except IsADirectoryError:
        raise InspectorError(t("file.is_dir"), path=str(path)) from None
    except OSError as exc:
        raise InspectorError(exc.strerror or str(exc), path=str(path)) from None


def _fail(path: Path, exc: OSError) -> InspectorError:
    return InspectorError(t("file.cannot_write", err=exc.strerror or exc), path=str(path))


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`.

    Unwritable folders and failed renames raise InspectorError naming `path`;
    on any failure the temporary file is removed.
    """
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.part")
    try:
        # 0o666 less the umask, as an ordinary new file (mkstemp would make it private)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise _fail(target, exc) from None
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _fail(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` atomically (see atomic_path)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
