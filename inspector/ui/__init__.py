"""The desktop app (PySide6): windows, pages, dialogs and table models over the core."""
