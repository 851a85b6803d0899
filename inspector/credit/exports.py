"""The lists as files: for publication (XLSX, red and black list sheets, no personal
data: no representative, phone, address, officer, statement or facts) and for
sharing with other departments (CSV or JSON, the full record). Every cell is safe
from formulas (inspector.spreadsheet_safe)."""

import csv
import io
import json
from pathlib import Path

from ..files import atomic_path, write_atomically
from ..i18n import t
from ..spreadsheet_safe import csv_cell, quoted_text, write_text

BLACK = ("subject_name", "uscc", "sector", "list", "ground", "basis", "effective_on",
         "publish_until", "authority")
BLACK_HEADS = ("credit.col_subject", "credit.col_uscc", "credit.col_sector", "credit.col_list",
               "credit.col_ground", "credit.col_basis", "credit.col_effective",
               "credit.col_until", "credit.col_authority")
RED = ("subject_name", "uscc", "sector", "inspections")
RED_HEADS = ("credit.col_subject", "credit.col_uscc", "credit.col_sector",
             "credit.col_inspections")
SHARED = ("proposal_id", "subject_id", "subject_name", "uscc", "sector", "address",
          "legal_rep", "phone", "list", "ground", "basis", "facts", "proposed_at",
          "notified_on", "deadline", "decided_at", "decided_by", "reason", "effective_on",
          "publish_until", "repaired_at")


def public_rows(listed: list[dict], authority: str) -> list[dict]:
    """What publication shows of each listing: nothing about people."""
    return [{"subject_name": r["subject_name"], "uscc": r["uscc"], "sector": r["sector"],
             "list": t(f"credit.list.{r['list']}"), "ground": r["ground"],
             "basis": r["basis"], "effective_on": r["effective_on"],
             "publish_until": r["publish_until"], "authority": authority} for r in listed]


def write_publication(path: str | Path, black: list[dict], red: list[dict]) -> None:
    """An XLSX with the black list and the red list (XlsxWriter, atomically)."""
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_numbers": False,
                                              "strings_to_formulas": False,
                                              "strings_to_urls": False})
        try:
            quoted = book.add_format({"quote_prefix": True})
            bold = book.add_format({"bold": True})
            for title, keys, heads, rows in ((t("credit.sheet_black"), BLACK, BLACK_HEADS,
                                              black),
                                             (t("credit.sheet_red"), RED, RED_HEADS, red)):
                sheet = book.add_worksheet(title)
                sheet.write_row(0, 0, [t(h) for h in heads], bold)
                for n, row in enumerate(rows, start=1):
                    for col, key in enumerate(keys):
                        _write(sheet, n, col, row[key], quoted)
                sheet.set_column(0, len(keys) - 1, 20)
        finally:
            try:
                book.close()
            except XlsxWriterException as exc:
                raise OSError(str(exc)) from None


def _write(sheet, row: int, col: int, value, quoted) -> None:
    if isinstance(value, str):
        text, risky = quoted_text(value)
        write_text(sheet, row, col, text, quoted if risky else None)
    else:
        sheet.write(row, col, value)


def shared_rows(listed: list[dict]) -> list[dict]:
    return [{**{k: r.get(k) for k in SHARED}, "proposal_id": r["proposal_id"]}
            for r in listed]


def write_shared(path: str | Path, rows: list[dict]) -> None:
    """The full record: JSON when `path` ends in .json, else CSV (UTF-8 with BOM)."""
    if str(path).lower().endswith(".json"):
        write_atomically(path, json.dumps(rows, ensure_ascii=False, indent=1).encode())
        return
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SHARED)
    for row in rows:
        writer.writerow([csv_cell(json.dumps(row[k], ensure_ascii=False, sort_keys=True)
                                  if isinstance(row[k], dict) else row[k]) for k in SHARED])
    write_atomically(path, ("\ufeff" + out.getvalue()).encode("utf-8"))
