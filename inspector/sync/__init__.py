"""Signed bundles, the files that carry records between stores: the container
format (container), trust (verify), export, import and preview (transfer), and
which records a recipient may see (sharing)."""

from .container import BundleError
from .transfer import ImportReport, Preview, export, import_bundle, import_bundles, preview
from .verify import Bundle, read

__all__ = ["Bundle", "BundleError", "ImportReport", "Preview", "export", "import_bundle",
           "import_bundles", "preview", "read"]
