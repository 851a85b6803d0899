"""Documents made from the store: inspection reports, rectification notices, ledgers."""

from .content import content_hash, report_content
from .inspection_pdf import render_inspection_report
from .ledger import ledger_rows, render_ledger_pdf, write_ledger
from .notice_pdf import render_rectification_notice

__all__ = ["content_hash", "ledger_rows", "render_inspection_report", "render_ledger_pdf",
           "render_rectification_notice", "report_content", "write_ledger"]
