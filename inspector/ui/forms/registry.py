"""Item type -> answer widget class. A new item type is one class, registered here.

    @register("yes_no")
    class YesNoWidget(AnswerWidget): ...
"""

from ... import checklists

_WIDGETS: dict[str, type] = {}


def register(item_type: str):
    def add(cls):
        if item_type in _WIDGETS:
            raise ValueError(f"item type {item_type!r} already has {_WIDGETS[item_type]}")
        _WIDGETS[item_type] = cls
        cls.item_type = item_type
        return cls
    return add


def widget_class(item_type: str) -> type:
    from . import widgets  # noqa: F401  (registers the bundled widget classes)

    return _WIDGETS[item_type]


def widget_for(item: dict, parent=None):
    return widget_class(item["type"])(item, parent)


def missing_types() -> list[str]:
    """Item types of the checklist schema that have no widget (should be none)."""
    widget_class("yes_no")
    return [t for t in checklists.ITEM_TYPES if t not in _WIDGETS]
