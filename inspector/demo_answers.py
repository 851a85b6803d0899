"""How the demo fills in a checklist: the answers a compliant subject would get, the
findings a scenario plans, and stand-in site photos. Used by the inspector's
campaign (demo.py) and by the companies' self-checks (demo_loop.py)."""

import io
import random
from datetime import date, timedelta

from PIL import Image, ImageDraw

from . import evaluation, inspections
from .evidence import add_evidence
from .store import Store


def photo_png(label: int, rng: random.Random) -> bytes:
    """A stand-in site photo: a shelf-like scene, different per call."""
    image = Image.new("RGB", (640, 480), (rng.randint(150, 220),) * 3)
    draw = ImageDraw.Draw(image)
    for row in range(4):
        y = 60 + row * 100
        draw.rectangle([40, y, 600, y + 12], fill=(90, 70, 50))
        for col in range(8):
            x = 50 + col * 68 + rng.randint(0, 8)
            colour = (rng.randint(120, 230), rng.randint(20, 80), rng.randint(20, 80))
            draw.rectangle([x, y - 45, x + 50, y], fill=colour)
    draw.text((20, 450), f"IMG_{label:04d}", fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def default_answer(item: dict, day: date):
    """The answer a compliant subject would get."""
    kind = item["type"]
    if kind == "yes_no":
        return "yes"
    if kind in ("single_choice", "multi_choice"):
        good = [o["value"] for o in item["options"] if o.get("compliant", True)]
        return good[0] if kind == "single_choice" else good[:1]
    if kind == "number":  # comfortably on the compliant side, but plausible
        expect, low = item.get("expect", {}), item.get("min", 0)
        if "min" in expect:
            return round(expect["min"] * 1.6)
        if "max" in expect:
            return expect["max"] // 2
        return round(low + (item.get("max", low + 100) - low) * 0.05)
    if kind == "date":
        return (day + timedelta(days=400)).isoformat()
    if kind == "text":
        return "现场核查情况正常。"
    return None


def answer_all(store: Store, inspection_id: str, checklist, answers: dict, day: date,
                rng: random.Random, stop_after: int | None = None) -> None:
    done = 0
    for item in checklist.items:
        if stop_after is not None and done >= stop_after:
            return
        shown = {i["id"] for i in evaluation.visible_items(
            checklist, inspections.values(inspections.answers(store, inspection_id)))}
        if item["id"] not in shown:
            continue
        given = answers.get(item["id"], {})
        if item["type"] == "photo":
            add_evidence(store, inspection_id, item["id"], photo_png(rng.randint(1, 9999), rng),
                         mime="image/jpeg", file_name=f"IMG_{rng.randint(1000, 9999)}.jpg",
                         caption=item["text"]["zh"][:30])
            done += 1
            continue
        if item["type"] == "signature":
            continue
        value = given.get("value", default_answer(item, day))
        if value is None:
            continue
        inspections.record_answer(store, inspection_id, item["id"], value, given.get("note"))
        if evaluation.compliance(item, inspections.check_value(item, value),
                                 day.isoformat()) == "fail":
            add_evidence(store, inspection_id, item["id"], photo_png(rng.randint(1, 9999), rng),
                         mime="image/jpeg", caption=(given.get("note") or "")[:40] or None)
        done += 1
