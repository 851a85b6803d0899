"""Documents at size, each against a bare library baseline in the same run:

- a report of 300 items with 30 photos, unsigned and signed, vs a bare reportlab
  document with the same text and photos (goal <= 3x); file size per photo;
- an XLSX ledger of 100,000 rows vs a bare openpyxl write-only workbook with the
  same values (goal <= 0.6x, issue #17).

    python tests/benchmarks/bench_documents.py [LEDGER_ROWS]
"""

import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Image as RLImage
from reportlab.platypus import Paragraph, SimpleDocTemplate

from inspector import checklists, fonts, i18n, identity, inspections
from inspector.evidence import add_evidence
from inspector.reports import render_inspection_report, report_content
from inspector.reports.ledger import COLUMNS, write_ledger
from inspector.signing import issue_report
from inspector.store import Store
from inspector.subjects import add_subject

SECRET = "benchmark secret"


def timed(function, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def checklist_yaml(items: int) -> str:
    lines = ["id: bench", "sector: bench", 'version: "1.0"', "title: {zh: 基准检查表}",
             "sections:"]
    for section in range(10):
        lines += [f"  - id: s{section}", f"    title: {{zh: 第{section + 1}部分}}", "    items:"]
        for n in range(items // 10):
            number = section * (items // 10) + n
            lines += [f"      - id: b-{number:03d}",
                      f"        text: {{zh: 检查项{number}：持有有效许可证并按规定公示，"
                      "经营范围与许可一致}",
                      "        type: yes_no", "        severity: minor",
                      "        basis: [{law: 基准条例, articles: 第一条、第二条}]",
                      "        requirement: {zh: 限期改正并报送整改材料}"]
    return "\n".join(lines) + "\n"


def photo(number: int) -> bytes:
    image = Image.new("RGB", (1600, 1200), (200, 205, 210))
    draw = ImageDraw.Draw(image)
    for x in range(0, 1600, 80):
        draw.rectangle([x, 300 + (x * number) % 300, x + 60, 900], fill=(90 + number, 60, 50))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def make_inspection(folder: Path) -> tuple[Store, str, list[bytes]]:
    store = Store(folder / "store.db")
    identity.init_identity(store, name="张伟", role="inspector", org="某县市场监督管理局",
                           secret=SECRET, kdf={"n": 2**10, "r": 8, "p": 1})
    checklist = checklists.find("bench")
    add_subject(store, name="基准测试单位", code="91110108MA01ABCD5T", sector="bench")
    started = inspections.start(store, subject="91110108MA01ABCD5T", checklist=checklist,
                                inspectors=["张伟", "李娜"])
    photos = [photo(n) for n in range(30)]
    for number, item in enumerate(checklist.items):
        failed = number % 10 == 0
        inspections.record_answer(store, started, item["id"], "no" if failed else "yes",
                                  "现场发现问题，已拍照取证" if failed else None)
        if failed:
            from inspector.photos import prepare

            stored = prepare(photos[number // 10])
            add_evidence(store, started, item["id"], stored.data, mime=stored.mime,
                         original_sha256=stored.original_sha256, caption=f"照片{number}")
    inspections.complete(store, started)
    return store, started, photos


def bare_report(content: dict, photos: list[bytes]) -> bytes:
    """The report's text and photos as plain paragraphs and images: no tables, no QR."""
    font = fonts.cjk_fonts().regular
    style = ParagraphStyle("p", fontName=font, fontSize=9, leading=12)
    story = []
    for section in content["sections"]:
        story.append(Paragraph(section["title"]["zh"], style))
        for item in section["items"]:
            story.append(Paragraph(f"{item['id']} {item['text']['zh']} — "
                                   f"{item.get('note') or ''}", style))
    for data in photos:
        story.append(RLImage(io.BytesIO(data), width=160, height=120))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def ledger_rows(count: int) -> list[dict]:
    start = date(2026, 1, 1)
    return [{"no": n + 1, "subject": f"某某烟花爆竹零售店{n % 5000}", "uscc": "91330521MAL94EEN0U",
             "sector": "烟花爆竹零售", "inspected_on": start + timedelta(days=n % 300),
             "problem": "零售场所使用面积不足10平方米：实测8.5平方米",
             "basis": "《烟花爆竹经营许可实施办法》",
             "severity": "一般", "requirement": "扩大经营面积或停止经营", "deadline":
             start + timedelta(days=n % 300 + 30), "responsible": "沈福根",
             "status": "待整改", "reviewed_on": None, "review": "", "overdue": n % 3 == 0,
             "id": str(n), "status_code": "open"} for n in range(count)]


def bare_xlsx(rows: list[dict], path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([header for _, header in COLUMNS])
    for row in rows:
        sheet.append([row[key] for key, _ in COLUMNS])
    book.save(path)


def main(ledger_count: int = 100_000) -> None:
    i18n.set_language("zh")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "checklists").mkdir()
        (folder / "checklists" / "bench.yaml").write_text(checklist_yaml(300), "utf-8")
        os.environ["INSPECTOR_CHECKLISTS"] = str(folder / "checklists")
        store, inspection, _ = make_inspection(folder)
        content = report_content(store, inspection)
        stored_photos = [store.conn.execute("SELECT data FROM blobs WHERE sha256 = ?", (
            e["sha256"],)).fetchone()[0] for s in content["sections"] for i in s["items"]
            for e in i["evidence"]]
        pdf = render_inspection_report(store, inspection)
        bare = timed(lambda: bare_report(content, stored_photos))
        unsigned = timed(lambda: render_inspection_report(store, inspection))
        counter = iter(range(100))
        signed = timed(lambda: issue_report(store, inspection,
                                            folder / f"r{next(counter)}.pdf", secret=SECRET))
        print(f"report: 300 items, {len(stored_photos)} photos, {len(pdf) / 2**20:.1f} MiB "
              f"({len(pdf) / len(stored_photos) / 1024:.0f} KiB per photo, photos stored at "
              f"{statistics.mean(map(len, stored_photos)) / 1024:.0f} KiB each)")
        print(f"  bare reportlab, same text and photos: {bare * 1000:7.0f} ms")
        print(f"  report, unsigned:                     {unsigned * 1000:7.0f} ms  "
              f"ratio {unsigned / bare:.2f}x (goal <= 3x)")
        print(f"  report, QR + PAdES signed + written:  {signed * 1000:7.0f} ms  "
              f"ratio {signed / bare:.2f}x (goal <= 3x)")
        rows = ledger_rows(ledger_count)
        bare_time = timed(lambda: bare_xlsx(rows, folder / "bare.xlsx"), runs=1)
        ours = timed(lambda: write_ledger(rows, folder / "ledger.xlsx"), runs=1)
        print(f"ledger XLSX, {ledger_count} rows:")
        print(f"  bare openpyxl write-only: {bare_time:6.2f} s")
        print(f"  write_ledger:             {ours:6.2f} s  ratio {ours / bare_time:.2f}x "
              f"(goal <= 0.6x)")
        store.close()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
