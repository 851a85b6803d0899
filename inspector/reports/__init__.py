"""Documents made from the store: inspection reports, rectification notices, ledgers."""

from .content import content_hash, report_content
from .inspection_pdf import render_inspection_report
from .notice_pdf import render_rectification_notice
from .output import write_bytes

__all__ = ["content_hash", "render_inspection_report", "render_rectification_notice",
           "report_content", "write_bytes"]
