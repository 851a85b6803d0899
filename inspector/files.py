"""Reading input files and writing output files without leaving half a file behind."""

import os
import tempfile
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


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InspectorError(t("file.cannot_write", err=exc.strerror or exc), path=str(path)) \
            from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InspectorError(t("file.cannot_write", err=exc.strerror or exc), path=str(path)) \
            from None
