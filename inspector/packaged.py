"""Where the data that ships with Inspector is: the installed checklists and the
resources (fonts, translations). In a checkout they are the layout's checklists/ and
resources/; an installed wheel carries the same folders as inspector._checklists and
inspector._resources (see pyproject.toml)."""

from importlib.util import find_spec
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
PACKAGES = {"checklists": "inspector._checklists", "resources": "inspector._resources"}


def data_dir(name: str) -> Path:
    """The folder `name` (checklists or resources) as a real path."""
    if (CHECKOUT / "pyproject.toml").is_file():  # a checkout, or an editable install of one
        return CHECKOUT / name
    # data folders travel as namespace packages (no __init__.py): their one location
    spec = find_spec(PACKAGES[name])
    return Path(next(iter(spec.submodule_search_locations)))
