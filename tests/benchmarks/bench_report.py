"""Rendering the demo's biggest inspection report vs a bare reportlab document.

The baseline has the same number of A4 pages of plain paragraphs, built with
the same reportlab in the same run: once in Helvetica (nothing to embed) and
once in the CJK font (the cost of subsetting and embedding it). Prints medians
and ratios; no goal is set. The first report render, which also finds and
loads the font, is shown separately.

    python tests/benchmarks/bench_report.py [RUNS]
"""

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from inspector import fonts, inspections
from inspector.demo import make_demo
from inspector.reports import render_inspection_report, render_rectification_notice
from inspector.store import Store

LINES_PER_PAGE = 45


def biggest(store: Store) -> dict:
    done = [r for r in inspections.list_inspections(store, status="completed")
            if r["kind"] == "inspection"]
    return max(done, key=lambda r: (r["non_compliant"], r["id"]))


def bare_document(pages: int, font: str, text: str) -> bytes:
    style = ParagraphStyle("plain", fontName=font, fontSize=10, leading=14)
    story = []
    for page in range(pages):
        story += [Paragraph(f"{page + 1}.{line} {text}", style) for line in range(LINES_PER_PAGE)]
        story.append(PageBreak())
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story[:-1])
    return out.getvalue()


def median_time(make, runs: int) -> tuple[float, bytes]:
    times, result = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        result = make()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(runs: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "demo.db")
        make_demo(store, Path(tmp) / "out")
        target = biggest(store)
        payload = "INSPECTOR:1:" + "x" * 180  # about the size of a signed QR payload

        start = time.perf_counter()
        first = render_inspection_report(store, target["id"], qr_text=payload)
        cold = time.perf_counter() - start
        pages = first.count(b"/Type /Page\n")
        report, pdf = median_time(
            lambda: render_inspection_report(store, target["id"], qr_text=payload), runs)
        notice, _ = median_time(lambda: render_rectification_notice(store, target["id"]), runs)
        store.close()

    cjk = fonts.cjk_fonts().regular
    latin, bare = median_time(
        lambda: bare_document(pages, "Helvetica", "The quick brown fox jumps over the lazy dog."),
        runs)
    chinese, _ = median_time(
        lambda: bare_document(pages, cjk, "现场检查发现问题，责令限期整改并报送佐证材料。"), runs)
    assert bare.count(b"/Type /Page\n") == pages

    print(f"biggest demo report: {target['subject']}, {target['non_compliant']} findings, "
          f"{pages} pages, {len(pdf) / 1024:.0f} KiB; median of {runs} runs")
    print(f"  inspection report     {report * 1000:7.1f} ms  (first render incl. font loading "
          f"{cold * 1000:.1f} ms)")
    print(f"  rectification notice  {notice * 1000:7.1f} ms")
    print(f"  bare reportlab, {pages} pages of paragraphs, Helvetica  {latin * 1000:7.1f} ms")
    print(f"  bare reportlab, {pages} pages of paragraphs, CJK font   {chinese * 1000:7.1f} ms")
    print(f"  ratio report / bare Helvetica {report / latin:.1f}x; "
          f"report / bare CJK {report / chinese:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
