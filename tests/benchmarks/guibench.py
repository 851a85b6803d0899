"""Shared set-up for the GUI benchmarks: offscreen Qt, a store, a synthetic long checklist."""

import copy
import os
import statistics
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from inspector import checklists, i18n, inspections
from inspector.checklists import Checklist
from inspector.store import Store
from inspector.subjects import add_subject

CODE = "91110108MA01ABCD5T"


def long_checklist(n_items: int = 300) -> Checklist:
    """The bundled checklists' items repeated (renamed, conditions dropped) to n items."""
    source = [item for c in checklists.load_bundled() for item in c.items]
    sections, per_section = [], 25
    for index in range(n_items):
        if index % per_section == 0:
            sections.append({"id": f"s{len(sections) + 1}", "items": [],
                             "title": {"zh": f"第{len(sections) + 1}部分", "en": "Part"}})
        item = copy.deepcopy(source[index % len(source)])
        item["id"] = f"x-{index:03d}"
        item.pop("condition", None)
        sections[-1]["items"].append(item)
    base = checklists.load_bundled()[0].content
    content = {**copy.deepcopy(base), "id": "long", "version": "1.0", "sections": sections}
    return Checklist(content)


def open_store(folder: Path, checklist: Checklist) -> tuple[Store, str]:
    """A store with one subject and one inspection on `checklist`."""
    store = Store(folder / "store.db")
    subject = add_subject(store, name="基准测试零售店", code=CODE, sector=checklist.sector)
    inspection = inspections.start(store, subject=subject["id"], checklist=checklist,
                                   inspectors=["张伟", "李娜"])
    return store, inspection


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(name, values, base=None):
    med, p99 = statistics.median(values), percentile(values, 0.99)
    text = f"  {name:34} median {med * 1000:8.2f} ms  p99 {p99 * 1000:8.2f} ms"
    if base:
        text += (f"  ratio median {med / statistics.median(base):4.2f}x"
                 f"  p99 {p99 / percentile(base, 0.99):4.2f}x")
    print(text)


def tempdir():
    i18n.set_language("zh")
    return tempfile.TemporaryDirectory()
