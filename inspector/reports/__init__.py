"""Documents made from the store: inspection reports, rectification notices, ledgers.

The names below load their modules on first use: reportlab and openpyxl are heavy,
and the app imports this package (for its labels) long before it makes a document.
"""

from importlib import import_module

_HOMES = {
    "report_content": ".content",
    "render_inspection_report": ".inspection_pdf",
    "ledger_rows": ".ledger", "render_ledger_pdf": ".ledger", "write_ledger": ".ledger",
    "render_rectification_notice": ".notice_pdf", "issue_notice": ".notice_pdf",
    "issue_notices": ".notice_pdf", "notice_path": ".notice_pdf",
    "render_blank_checklist": ".blank_pdf",
    "issue_transfers": ".transfer_pdf", "transfer_path": ".transfer_pdf",
    "kinds_to_transfer": ".transfer_pdf",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_HOMES[name], __name__), name)
    globals()[name] = value  # next time, a plain lookup
    return value
