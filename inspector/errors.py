"""Errors the user can act on: each carries one clear line, with file and place."""


class InspectorError(Exception):
    """A failure caused by input or state the user controls; the CLI exits 1."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class ValidationError(InspectorError):
    """Input that does not satisfy a rule (credit code, answer, checklist)."""


class NotFound(InspectorError):
    """A record the user named does not exist."""


class StoreError(InspectorError):
    """The database cannot be opened or written (not SQLite, too new, disk full)."""


class Cancelled(Exception):
    """The user cancelled a long operation; `results` holds what was done before."""

    def __init__(self, results: list | None = None):
        super().__init__("cancelled")
        self.results = [] if results is None else results
