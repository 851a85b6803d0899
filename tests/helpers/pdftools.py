"""Reading PDFs back the way a user's tools do (poppler), for the report tests."""

import re
import shutil
import subprocess
from pathlib import Path

from inspector import inspections
from inspector.demo import make_demo
from inspector.store import Store


def poppler(tool: str, *args: str) -> str:
    # a missing tool fails the test: scripts/setup installs poppler-utils
    assert shutil.which(tool), f"{tool} not installed (poppler-utils; run scripts/setup)"
    done = subprocess.run([tool, *args], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdf_text(pdf: bytes, tmp_path: Path, *, first: int | None = None,
             last: int | None = None, column: tuple[float, float] | None = None) -> str:
    """The text of the PDF; `column` (left edge, width in points) keeps only what lies
    in that strip of each page, so a table cell reads whole beside its neighbours."""
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    if column:
        pages += ["-x", str(round(column[0])), "-y", "0", "-W", str(round(column[1])),
                  "-H", "2000"]
    return poppler("pdftotext", "-enc", "UTF-8", *pages, str(path), "-")


def page_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "count.pdf"
    path.write_bytes(pdf)
    return int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", str(path))).group(1))


def fonts(pdf: bytes, tmp_path: Path) -> list[dict]:
    """pdffonts rows as {name, type, emb}."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    lines = poppler("pdffonts", str(path)).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [subtype] encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5]})
    return rows


def demo_store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("demo")
    store = Store(folder / "demo.db")
    make_demo(store, folder / "out")
    return store


def biggest_inspection(store: Store) -> str:
    """The completed on-site inspection with the most findings."""
    done = [r for r in inspections.list_inspections(store, status="completed")
            if r["kind"] == "inspection"]
    return max(done, key=lambda r: (r["non_compliant"], r["id"]))["id"]
