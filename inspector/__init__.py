"""Inspector: offline field inspections and self-checks (Qt-free core)."""

__version__ = "0.1.0"
