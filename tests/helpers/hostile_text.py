"""A store whose one inspection carries hostile lengths of text, for the document tests."""

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from inspector import checklists, identity, inspections
from inspector.evidence import add_evidence
from inspector.store import Store
from inspector.subjects import add_subject

from .stores import FAST, SECRET
from .subjects import VALID_CODE

# each has a marker at both ends, so a reader can find where it starts and ends
LONG_NOTE = "起始标记" + "现场发现消防通道堆放杂物" * 416 + "结束标记"  # 5,000 ideographs
LONG_NAME = "名称开头" + "德清县吉祥烟花爆竹零售店" * 166 + "名称结尾"  # 2,000 characters
TOKEN = "TOKSTART" + "x7" * 143 + "TOKEND"  # 300 characters, nowhere to break a line

TESTS = Path(__file__).parent.parent


def hostile_store(folder: Path) -> tuple[Store, str]:
    """An inspector's store (passphrase SECRET) in `folder` with a completed inspection
    of a subject named LONG_NAME, whose address, place, legal representative and text
    answer are TOKEN, and whose failed items and photo caption carry LONG_NOTE.
    Returns (store, inspection id)."""
    mini = folder / "checklists"
    mini.mkdir()
    shutil.copy(TESTS / "data" / "mini.yaml", mini / "mini.yaml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSPECTOR_CHECKLISTS", str(mini))
        store = Store(folder / "hostile.db")
        identity.init_identity(store, name="张伟", role="inspector", org="某县市场监督管理局",
                               secret=SECRET, kdf=FAST)
        add_subject(store, name=LONG_NAME, code=VALID_CODE, sector="mini", address=TOKEN,
                    legal_rep=TOKEN)
        started = inspections.start(store, subject=VALID_CODE, checklist=checklists.find("mini"),
                                    inspectors=["张伟", "李娜"], place=TOKEN)
        for item, value in [("m-01", "no"), ("m-03", "stall"), ("m-05", 6),
                            ("m-06", ["sand"]), ("m-08", TOKEN)]:
            inspections.record_answer(store, started, item, value, note=LONG_NOTE)
        add_evidence(store, started, "m-07", _photo(), mime="image/png", caption=LONG_NOTE)
        inspections.complete(store, started)
    return store, started


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, "PNG")
    return out.getvalue()
