"""Variants of the small test checklist, for rules only some items have."""

from pathlib import Path

from inspector import checklists
from inspector.checklists import Checklist

# m-01 orders a measure at once besides its requirement; m-05 only notes what it finds
ORDERS_AT_ONCE = ("requirement: {zh: 立即办理许可证, en: Obtain a licence}",
                  "immediate: {zh: 立即停止销售烟花爆竹, en: Stop selling fireworks at once}\n"
                  "        requirement: {zh: 依法办理零售许可证, en: Obtain a retail licence}")
OBSERVES_AREA = ("        expect: {min: 10}\n", "        expect: {min: 10}\n"
                 "        observation: true\n")


def mini_variant(folder: Path, *edits: tuple[str, str]) -> Checklist:
    """mini.yaml in the checklist folder with (old, new) text edits, found as a bundled one."""
    path = folder / "mini.yaml"
    text = path.read_text("utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")
    return checklists.find("mini")
