"""Documents made from the store: inspection reports, rectification notices, ledgers."""

from .content import content_hash, report_content
from .inspection_pdf import render_inspection_report
from .ledger import ledger_rows, render_ledger_pdf, write_ledger
from .notice_pdf import render_rectification_notice
from .output import write_bytes

__all__ = ["content_hash", "ledger_rows", "render_inspection_report", "render_ledger_pdf",
           "render_rectification_notice", "report_content", "write_bytes", "write_ledger"]
