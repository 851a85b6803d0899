"""Coverage per matter and the results for publication (一公开).

A task's result is the one recorded for it (the latest), or else follows from its
inspection: finished with findings, 发现问题已责令改正; finished without, 未发现问题.
The publication table holds what the public register shows (the campaign, the
matter, the subject's name and credit code, the authority, the day, the result)
and nothing about people: no officer, representative, phone or address.
"""

from pathlib import Path

from ..i18n import t
from ..store import Store

# the result categories as the public register words them (国家企业信用信息公示系统)
CATEGORIES = ("no_problem", "not_disclosed", "false_disclosure", "unreachable",
              "ordered_to_correct", "pending_followup", "no_activity", "refused")
FOUND = ("not_disclosed", "false_disclosure", "ordered_to_correct", "pending_followup",
         "refused")  # results that are findings
NOT_REACHED = ("unreachable",)
FINISHED = ("completed", "signed")


def derived_result(inspection_status: str | None, findings: int | None) -> str | None:
    if inspection_status not in FINISHED:
        return None
    return "ordered_to_correct" if findings else "no_problem"


def label(category: str) -> str:
    return t(f"result.{category}")


def coverage(store: Store, campaign: str) -> list[dict]:
    """Per matter: drawn, done, inspected, not reachable, with findings, open, overdue."""
    from .plans import get_campaign, matters
    from .tasks import INSPECTION, tasks

    plan = get_campaign(store, campaign)
    every = [task for task in tasks(store, plan["id"]) if task["kind"] == INSPECTION]
    rows = []
    for matter in matters(store, plan["id"]):
        mine = [task for task in every if task["matter_id"] == matter["id"]]
        reached = [task for task in mine if task["done"] and task["result"] not in NOT_REACHED]
        rows.append({"matter_id": matter["id"], "matter": matter["title"],
                     "sector": matter["sector"], "ratio": matter["ratio"],
                     "drawn": len(mine), "inspected": len(reached),
                     "unreachable": sum(task["result"] in NOT_REACHED for task in mine),
                     "findings": sum(task["result"] in FOUND for task in mine),
                     "open": sum(not task["done"] for task in mine),
                     "overdue": sum(task["overdue"] for task in mine)})
    return rows


PUBLIC_COLUMNS = ("campaign", "matter", "subject", "uscc", "authority", "finished_on",
                  "result")


def publication(store: Store, campaign: str) -> list[dict]:
    """The rows to publish: tasks with a result, no personal data."""
    from .tasks import INSPECTION, tasks

    rows = []
    for task in tasks(store, campaign):
        if task["kind"] != INSPECTION or not task["done"]:
            continue
        finished = task["result_at"] or _finished_at(store, task)
        rows.append({"campaign": task["campaign"], "matter": task["matter"],
                     "subject": task["subject"], "uscc": task["uscc"],
                     "authority": task["authority"],
                     "finished_on": _day(finished),
                     "result": label(task["result"])})
    return rows


def _finished_at(store: Store, task: dict) -> str | None:
    row = store.conn.execute("SELECT finished_at FROM inspections WHERE id = ?",
                             (task["inspection_id"],)).fetchone()
    return row[0] if row else None


def _day(moment: str | None) -> str:
    from .. import ids

    return ids.local_date(moment).isoformat() if moment else ""


def write_publication(rows: list[dict], path: str | Path) -> None:
    """The table as .xlsx or .csv (UTF-8 with BOM), every cell safe from formulas."""
    path = Path(path)
    heads = [t(f"col.public.{c}") for c in PUBLIC_COLUMNS]
    table = [[row[c] for c in PUBLIC_COLUMNS] for row in rows]
    if path.suffix.lower() == ".csv":
        _write_csv(path, heads, table)
    else:
        _write_xlsx(path, heads, table)


def _write_csv(path: Path, heads: list[str], table: list[list]) -> None:
    import csv

    from ..files import atomic_path
    from ..spreadsheet_safe import csv_cell

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(heads)
        writer.writerows([csv_cell(v) for v in line] for line in table)


def _write_xlsx(path: Path, heads: list[str], table: list[list]) -> None:
    from ..spreadsheet_safe import XlsxFormats, xlsx_book

    with xlsx_book(path) as book:
        sheet = book.add_worksheet(t("col.public.sheet"))
        cells = XlsxFormats(book)
        sheet.freeze_panes(1, 0)
        for row, line in enumerate([heads, *table]):
            for col, value in enumerate(line):
                cells.put(sheet, row, col, value)
