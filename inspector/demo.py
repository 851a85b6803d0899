"""`inspector demo`: a store that looks like a real campaign in all four sectors.

Two inspectors from a county market-regulation bureau, three subjects per
sector with valid credit codes, completed inspections with findings (from
demo_findings.yaml), one inspection still in progress per sector, and a
company self-check. Dates are spread over recent weeks so deadlines differ.
"""

import csv
import io
import os
import random
import secrets
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from . import checklists, contact, demo_loop, identity, ids, inspections, onsite, uscc
from .demo_answers import answer_all
from .evidence import add_signature
from .files import write_atomically
from .store import Store
from .subjects import add_subject

FINDINGS = Path(__file__).with_name("demo_findings.yaml")
# what a party says on the record when it accepts the findings (当事人意见)
STATEMENT = "对检查发现的问题无异议，将按要求限期整改。"
# the demo bureau's office, where companies send their rectification evidence
OFFICE = "某某县行政服务中心三楼 市场监管窗口"
INSPECTORS = [("张伟", "inspector", "某某县市场监督管理局"),
              ("李娜", "inspector", "某某县市场监督管理局")]
# their 执法证号: the first's goes with the store's identity (the default on the
# inspections it starts), the second's is given as each inspection starts
BADGES = {"张伟": "33010012345", "李娜": "33010012346"}
# the bureau competent for most of a sector's items leads its joint inspections (联合检查)
# with the market regulator, which orders only its own items (ads, prices); fireworks
# shops are inspected by the market regulator alone, as before
JOINT = {"telecom_vas": "通信管理局=某某省通信管理局",
         "clinic": "卫生健康行政部门=某某县卫生健康局",
         "ride_hailing": "交通运输主管部门=某某县交通运输局"}

# name, region, address, legal representative, phone
SUBJECTS = {
    "telecom_vas": [
        ("杭州讯达信息技术有限公司", "330106", "浙江省杭州市西湖区文三路478号华星时代广场B座1203室",
         "周建国", "0571-88216630"),
        ("南京云信通网络科技有限公司", "320106", "江苏省南京市鼓楼区中山北路105号中环国际广场9楼",
         "吴晓东", "025-83357120"),
        ("合肥易联移动通信服务有限公司", "340104", "安徽省合肥市蜀山区长江西路669号", "郑海涛",
         "0551-65528871"),
    ],
    "clinic": [
        ("杭州康宁综合门诊部有限公司", "330105", "浙江省杭州市拱墅区湖墅南路186号", "孙丽华",
         "0571-85107762"),
        ("宁波仁和口腔诊所", "330203", "浙江省宁波市海曙区中山西路236号一楼", "钱永康",
         "0574-87293316"),
        ("绍兴市越城区惠民中医诊所", "330602", "浙江省绍兴市越城区解放北路321号", "冯秀英",
         "0575-85123458"),
    ],
    "fireworks_retail": [
        ("德清县吉祥烟花爆竹零售店", "330521", "浙江省湖州市德清县武康街道永安街58号", "沈福根",
         "13905721186"),
        ("桐乡市红运烟花爆竹经营部", "330483", "浙江省嘉兴市桐乡市梧桐街道庆丰南路112号",
         "朱建明", "13857338820"),
        ("临安区平安烟花爆竹零售点", "330112", "浙江省杭州市临安区锦城街道石镜街90号", "许国庆",
         "13750816637"),
    ],
    "ride_hailing": [
        ("杭州快捷出行网络科技有限公司", "330108", "浙江省杭州市滨江区网商路599号4幢7楼", "何志强",
         "0571-87702218"),
        ("宁波畅行约车服务有限公司", "330212", "浙江省宁波市鄞州区天童南路588号宁波商会国贸中心A座",
         "曹文斌", "0574-88183065"),
        ("温州安途汽车租赁服务有限公司", "330302", "浙江省温州市鹿城区车站大道577号", "邓雅琴",
         "0577-88092451"),
    ],
}

# extra rows for trying `inspector subjects import` (not yet in the store)
REGISTER_EXTRA = [
    ("丽水百草堂中医诊所", "331102", "浙江省丽水市莲都区中山街221号", "蒋文华", "clinic"),
    ("金华喜乐烟花爆竹零售店", "330702", "浙江省金华市婺城区八一南街45号", "韩永福",
     "fireworks_retail"),
]

ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# the generated passphrase of the demo stores (demo data, never a real identity's)
PASSPHRASE_FILE = "demo-passphrase.txt"

def org_code(rng: random.Random) -> str:
    """A 9-character organisation code (GB 11714) with its own check character."""
    body = "MA" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
    total = sum(ORG_CHARS.index(c) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(rng: random.Random, region: str, kind: str = "1") -> str:
    return uscc.complete("9" + kind + region + org_code(rng))


def signature_png(name: str, rng: random.Random) -> bytes:
    """A pen-like scribble standing in for a handwritten signature."""
    image = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    x, y = 20, 70
    points = [(x, y)]
    for _ in range(18 + len(name) * 4):
        x += rng.randint(6, 16)
        y = max(20, min(100, y + rng.randint(-28, 28)))
        points.append((x, y))
    draw.line(points, fill=(20, 30, 90, 255), width=3, joint="curve")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _sign(store: Store, inspection_id: str, people: list[str], representative: str,
          rng: random.Random) -> None:
    for person in people:
        add_signature(store, inspection_id, role="inspector", signer_name=person,
                      image_png=signature_png(person, rng))
    add_signature(store, inspection_id, role="representative", signer_name=representative,
                  image_png=signature_png(representative, rng))


def make_demo(store: Store, out: Path, seed: int = 20261123) -> dict | None:
    """Fill `store` with the demo campaign; None if it already holds it."""
    if store.setting("demo_created_at"):
        return None
    rng = random.Random(seed)
    scenarios = yaml.safe_load(FINDINGS.read_text("utf-8"))
    # both inspectors are named on each inspection; the store is the first one's,
    # whose identity alone it records (no one writes another's identity)
    people = [name for name, role, _ in INSPECTORS if role == "inspector"]
    chosen = os.environ.get("INSPECTOR_PASSPHRASE")
    secret = chosen or secrets.token_urlsafe(12)
    name, role, org = INSPECTORS[0]
    identity.init_identity(store, name=name, role=role, org=org, secret=secret,
                           badge=BADGES[name])
    contact.set_contact(store, phone="0571-8888 1234", address=OFFICE)  # on its notices
    today = date.fromisoformat(ids.today())  # Beijing's day, whatever this machine's clock
    subjects_made, inspections_made, rectifications = [], 0, 0
    for sector, rows in SUBJECTS.items():
        checklist = checklists.find(sector)
        made = [add_subject(store, name=name, code=credit_code(rng, region), sector=sector,
                            address=address, legal_rep=rep, phone=phone)
                for name, region, address, rep, phone in rows]
        subjects_made += made
        plans = scenarios.get(checklist.id, [])
        for index, subject in enumerate(made):
            day = today - timedelta(days=45 - index * 15 + rng.randint(0, 5))
            started = datetime(day.year, day.month, day.day, 1 + index, 30, tzinfo=UTC)
            inspection = inspections.start(
                store, subject=subject["id"], checklist=checklist, inspectors=people,
                badges={person: BADGES[person] for person in people[1:]},
                authorities=[JOINT[sector], org] if sector in JOINT else [],
                started_at=started.isoformat().replace("+00:00", "Z"))
            inspections_made += 1
            findings = plans[index]["answers"] if index < len(plans) else {}
            if index == 2:  # still on site: half answered, resumable
                answer_all(store, inspection, checklist, findings, day, rng,
                            stop_after=len(checklist.items) // 2)
                continue
            answer_all(store, inspection, checklist, findings, day, rng)
            # the record's details as an officer enters them on site (inspector.onsite)
            onsite.set_details(store, inspection, badges={p: BADGES[p] for p in people},
                               representative=subject["legal_rep"],
                               statement=STATEMENT if findings else None,
                               recorder=people[1], withdrawal=False)
            _sign(store, inspection, people, subject["legal_rep"], rng)
            finished = (started + timedelta(hours=2)).isoformat().replace("+00:00", "Z")
            rectifications += len(inspections.complete(store, inspection, finished))
    _write_files(out, rng)
    if not chosen:  # demo data only: kept where a second run can point to it
        write_atomically(out / PASSPHRASE_FILE, (secret + "\n").encode())
    stores = demo_loop.play(store, out, secret, scenarios, rng)
    with store.transaction():
        store.set_setting("demo_created_at", ids.now())
    return {"subjects": len(subjects_made), "inspections": inspections_made,
            "rectifications": rectifications, "passphrase": None if chosen else secret,
            "stores": stores}


def _write_files(out: Path, rng: random.Random) -> None:
    """A sample register to try `inspector subjects import` with."""
    out.mkdir(parents=True, exist_ok=True)
    rows = [("序号", "企业名称", "统一社会信用代码", "注册地址", "法定代表人", "行业")]
    for number, (name, region, address, rep, sector) in enumerate(REGISTER_EXTRA, 1):
        rows.append((str(number), name, credit_code(rng, region), address, rep,
                     checklists.find(sector).sector_name))
    with open(out / "subjects-register.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
