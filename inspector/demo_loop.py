"""The demo's campaign loop across stores, by files, as real users would run it.

Beside the inspector's store (the default one), the demo folder gets a store for
one company per sector and one for the supervisor. The bureau certifies the
inspector, the inspector enrols the companies (one trust step per party),
the inspector's bundle goes to the companies, they answer some items with
evidence and send their own self-checks back, the inspector re-checks (closing
one item, reopening another), a heavier penalty proposes a listing, a figure and
a typical case are entered for the monthly report, signed reports, a notice and
the ledger are written, and the supervisor imports everyone's bundles. The listing
then goes to its end between the bureau and the company (notice, statement,
decision, publication, repair), and a second one waits for its deadline. So every
stage of the loop is in the demo, and each store can be opened with --db.
"""

import io
import json
import random
from pathlib import Path

from PIL import Image, ImageDraw

from . import (
    checklists,
    identity,
    ids,
    inspections,
    ledger_query,
    numbering,
    rectification_rules,
    rectifications,
    sync,
    trust_chain,
)
from .credit import service as credit
from .demo_answers import answer_all
from .files import write_atomically
from .ledger_query import LedgerFilter, LedgerOrder
from .reports import (
    issue_notice,
    issue_transfers,
    kinds_to_transfer,
    ledger_rows,
    transfer_path,
    write_ledger,
)
from .signing import issue_report
from .statistics import manual
from .store import Store

SUPERVISOR = ("陈静", "supervisor", "某某市市场监督管理局")
NOTICE_PREFIX = "某某市监责改"
RECORD_PREFIX = "某某市监现记"  # numbers printed on blank paper records (checklists blank)


def play(inspector: Store, out: Path, secret: str, scenarios: dict,
         rng: random.Random) -> dict:
    """Run the loop; returns the paths of the stores made, by role."""
    out.mkdir(parents=True, exist_ok=True)
    companies = _company_stores(inspector, out, secret)
    supervisor = _store(out / "supervisor.db", *SUPERVISOR, secret)
    company_stores = [store for store, _ in companies.values()]
    everyone = [inspector, supervisor, *company_stores]
    _introduce(inspector, supervisor, company_stores, out, secret)
    _ship(inspector, out / "bundles" / "1-inspector.zip", secret, [supervisor])
    for sector, (company, subject_id) in companies.items():  # each gets its own records
        _ship(inspector, out / "bundles" / f"1-for-{sector}.zip", secret, [company],
              subject=subject_id)
    for sector, (company, subject_id) in companies.items():
        _answer_items(company, subject_id, rng)
        _self_check(company, subject_id, checklists.find(sector), scenarios.get(sector, []),
                    rng)
        _ship(company, out / "bundles" / f"2-{sector}.zip", secret, [inspector, supervisor])
    _campaign(supervisor, inspector, out, secret, {s for _, s in companies.values()})
    _review(inspector)
    _consequences(inspector, next(iter(companies.values()))[1])
    _documents(inspector, out, secret)
    _ship(inspector, out / "bundles" / "3-inspector.zip", secret, [supervisor])
    for sector, (company, subject_id) in companies.items():
        _ship(inspector, out / "bundles" / f"3-for-{sector}.zip", secret, [company],
              subject=subject_id)
    company, subject_id = next(iter(companies.values()))
    _listing(supervisor, inspector, company, subject_id, out, secret)
    paths = {"supervisor": supervisor.path,
             **{f"company-{sector}": store.path for sector, (store, _) in companies.items()}}
    for store in everyone[1:]:
        store.close()
    return paths


def _campaign(supervisor: Store, inspector: Store, out: Path, secret: str,
              reachable: set[str]) -> None:
    """The bureau's 双随机 campaign: its two inspectors in the officers register, two
    check matters at 50%, the draw (seed committed, then revealed and signed), tasks
    shipped to the inspector, who reports one subject not reachable: never one of the
    `reachable` companies that keep their own store. (Which subjects a draw picks
    changes from run to run: the seed is secret and the draw orders matters by their
    ids. Were the unreachable one the penalised company, the rules would propose a
    second listing for it on some runs only.)"""
    from datetime import date, timedelta

    from .campaign import draws, plans, registers, tasks

    first = inspector.conn.execute("SELECT inspectors FROM inspections ORDER BY created_at, "
                                   "id LIMIT 1").fetchone()
    for number, name in enumerate(json.loads(first[0]) if first else []):
        registers.add_officer(supervisor, name=name, badge=f"33010{number + 1:04d}",
                              department="执法稽查科", sectors=list(checklists.sectors()))
    today = date.fromisoformat(ids.today())
    made = plans.new_campaign(supervisor, name=CAMPAIGN, authority=SUPERVISOR[2],
                              starts_on=today.isoformat(),
                              ends_on=(today + timedelta(days=60)).isoformat())
    for sector, title, basis in CAMPAIGN_MATTERS:
        plans.add_matter(supervisor, made["id"], title=title, checklist=sector, ratio="50%",
                         basis=basis, due_days=30)
    draws.commit(supervisor, made["id"])
    draws.draw(supervisor, made["id"], secret=secret)
    tasks.make_tasks(supervisor, made["id"])
    _ship(supervisor, out / "bundles" / "1-campaign.zip", secret, [inspector])
    mine = [task for task in tasks.tasks(inspector, mine=True)
            if task["subject_id"] not in reachable]
    if mine:
        tasks.record_result(inspector, mine[-1]["id"], "unreachable", note="登记住所无人")


CAMPAIGN = "双随机、一公开抽查（演示）"
CAMPAIGN_MATTERS = (
    ("clinic", "医疗机构执业资质检查", "《医疗机构管理条例》第十五条、第二十四条"),
    ("fireworks_retail", "烟花爆竹零售经营许可检查", "《烟花爆竹安全管理条例》第十九条"),
)


def _store(path: Path, name: str, role: str, org: str | None, secret: str,
           code: str | None = None) -> Store:
    path.unlink(missing_ok=True)
    store = Store(path)
    identity.init_identity(store, name=name, role=role, org=org, secret=secret, code=code)
    return store


def _company_stores(inspector: Store, out: Path, secret: str) -> dict[str, tuple[Store, str]]:
    """The first subject of each sector, running its own store: sector -> (store, subject)."""
    stores = {}
    for sector in checklists.sectors():
        row = inspector.conn.execute("SELECT id, name, uscc FROM subjects WHERE sector = ? "
                                     "ORDER BY created_at, rowid LIMIT 1", (sector,)).fetchone()
        if row:  # the company's identity is bound to its subject's credit code
            store = _store(out / f"company-{sector}.db", row[1], "company", row[1], secret,
                           code=row[2])
            stores[sector] = (store, row[0])
    return stores


def _introduce(inspector: Store, supervisor: Store, companies: list[Store], out: Path,
               secret: str) -> None:
    """One trust step per party, as the README walks it (each fingerprint compared; in
    real life, read out): the bureau certifies its inspector, the inspector trusts the
    bureau and enrols each company in person, each company trusts the bureau."""
    _vouch(supervisor, inspector, secret)
    # the bureau's document numbers for the inspector's notices this year (文号)
    numbering.assign_block(supervisor, holder=identity.own_identity(inspector).fingerprint,
                           prefix=NOTICE_PREFIX, year=int(ids.today()[:4]), first=1, last=500)
    numbering.assign_block(supervisor, holder=identity.own_identity(inspector).fingerprint,
                           prefix=RECORD_PREFIX, year=int(ids.today()[:4]), first=1, last=500,
                           kind=numbering.RECORD)
    _trust(inspector, supervisor)
    _ship(supervisor, out / "bundles" / "0-bureau.zip", secret, [inspector])
    for company in companies:
        _vouch(inspector, company, secret, code=identity.own_identity(company).uscc)
        _trust(company, supervisor)


def _trust(store: Store, other: Store) -> None:
    identity.trust(store, identity.export_public(other),
                   expected=identity.own_identity(other).fingerprint)


def _vouch(store: Store, other: Store, secret: str, code: str | None = None) -> None:
    trust_chain.vouch(store, identity.export_public(other), "-", code=code, secret=secret,
                      expected=identity.own_identity(other).fingerprint)


def _ship(source: Store, path: Path, secret: str, targets: list[Store],
          subject: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    me, key = identity.signing_key(source, secret)
    sync.export(source, path, me, key, subject=subject)
    for target in targets:
        sync.import_bundle(target, path)
    return path


def _evidence_photo(label: str, rng: random.Random) -> bytes:
    """A stand-in photo of a rectified site (a clean shelf with a sign)."""
    image = Image.new("RGB", (800, 600), (225, 228, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle([60, 380, 740, 400], fill=(120, 90, 60))
    draw.rectangle([300, 120, 500, 220], fill=(40, 120, 60))
    for x in range(80, 720, 90):
        draw.rectangle([x, 300 + rng.randint(-10, 10), x + 60, 380], fill=(70, 110, 160))
    draw.text((20, 570), label, fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _answer_items(company: Store, subject_id: str, rng: random.Random) -> None:
    """The company answers its two earliest open items; the rest stay open."""
    found = ledger_query.items(company, LedgerFilter(subject_id=subject_id,
                                                     status=rectification_rules.OPEN),
                               LedgerOrder("found_on"))
    items = [i for i in found if i["kind"] == "inspection"]
    for item in items[:2]:
        photo = _evidence_photo(f"rectified {item['item_id']}", rng)
        rectifications.respond(company, item["id"], measure=_measure(item),
                               evidence=[("整改后照片.jpg", photo)])


def _measure(item: dict) -> str:
    return f"已按要求整改：{item['requirement'][:40]}。附整改后现场照片。"


def _self_check(company: Store, subject_id: str, checklist, plans: list[dict],
                rng: random.Random) -> None:
    """The company's own 自查: the findings of the lighter scenario, one fixed at once."""
    me = identity.own_identity(company)
    started = inspections.start(company, subject=subject_id, checklist=checklist,
                                kind="self_check", inspectors=[me.name])
    findings = plans[1]["answers"] if len(plans) > 1 else {}
    day = ids.local_date(inspections.get(company, started)["started_at"])  # its Beijing day
    answer_all(company, started, checklist, findings, day, rng)
    created = inspections.complete(company, started)
    if created:
        rectifications.respond(company, created[0], measure="已自行整改完毕。")
        rectifications.review(company, created[0], accept=True, note="自查整改完成")


def _review(inspector: Store) -> None:
    """The inspector's 复查: accepts the first answer, sends the second back."""
    answered = ledger_query.items(inspector, LedgerFilter(status=rectification_rules.SUBMITTED),
                                  LedgerOrder("found_on"))
    for number, item in enumerate(answered):
        if number % 3 == 0:
            rectifications.review(inspector, item["id"], accept=True, note="复查合格")
        elif number % 3 == 1:
            rectifications.review(inspector, item["id"], accept=False,
                                  note="佐证材料不足，请补充整改前后对比照片")
        # every third stays submitted: waiting for the re-check


def _consequences(inspector: Store, subject_id: str) -> None:
    """A heavier penalty for one company and the listing it proposes (the 信用 page
    shows it waiting for the supervisor's notice), and this month's figure entered
    by hand and typical case (the monthly report shows them)."""
    credit.enter_penalty(inspector, subject_id, decision_no="某市监罚〔2026〕18号",
                         decided_on=None, heavier=True, note="拒不整改，依法从重处罚")
    credit.propose(inspector, subject=subject_id)
    month = ids.today()[:7]
    manual.enter_figure(inspector, month, "fines", 20000)
    manual.enter_case(inspector, month, "某信息技术公司拒不整改被从重处罚",
                      "检查发现未按规定公示增值电信业务经营许可证，责令整改后复查仍未"
                      "改正，依法从重处罚并拟列入严重违法失信名单。")


def _listing(supervisor: Store, inspector: Store, company: Store, subject_id: str,
             out: Path, secret: str) -> None:
    """The penalised company's listing walked through, each party on its own store:
    the bureau notifies (the notice PDF among the demo's notices) and the company
    states its case in time; the bureau decides to list it, effective the day after
    the time to state its case, and writes the lists as published that day; the
    company applies for repair, the bureau grants it. The bureau also proposes from
    the rules what the inspector's results show (a subject not reachable: 经营异常名录)
    and notifies it: that one waits for its deadline. Everything then goes to the
    inspector's store (the demo's default one)."""
    from .credit import notice_pdf

    def ship(source: Store, name: str, target: Store) -> None:
        _ship(source, out / "bundles" / f"{name}.zip", secret, [target],
              subject=subject_id if target is company else None)

    listing = next(p for p in credit.proposals(supervisor, subject=subject_id)
                   if p["rule"] == "heavier_penalty")
    for proposal in [listing, *credit.propose(supervisor)]:
        notice = credit.notify(supervisor, proposal["id"])
        notice_pdf.write_notice(supervisor, notice, _mkdir(out, "notices") /
                                f"{proposal['subject_name']}_拟列入告知书.pdf")
    ship(supervisor, "4-notice-for-company", company)
    credit.state_case(company, listing["id"], "我公司已认识到问题，正在全面整改，"
                      "请求从轻处理、不予列入严重违法失信名单。")
    ship(company, "5-statement", supervisor)
    decided = credit.decide(supervisor, listing["id"], approve=True,
                            reason="已听取陈述申辩，拒不整改事实清楚，申辩理由不成立")
    _publish(supervisor, out / "信用名单公示.xlsx", as_of=decided["deadline"])
    ship(supervisor, "6-decision-for-company", company)
    credit.apply_repair(company, listing["id"], application="已完成全部整改，申请信用修复",
                        promise="本公司承诺依法诚信经营，如有违反，自愿接受惩戒。")
    ship(company, "7-repair", supervisor)
    [repair] = credit.repairs(supervisor, status="applied")
    credit.decide_repair(supervisor, repair["id"], approve=True,
                         reason="已履行整改义务并作出信用承诺，准予信用修复")
    ship(supervisor, "8-credit", inspector)
    ship(supervisor, "8-credit-for-company", company)


def _publish(supervisor: Store, path: Path, *, as_of: str) -> None:
    """The red and black lists for publication as they stand the day after `as_of`
    (the listing's first day), as `inspector credit publish --as-of` writes them."""
    from datetime import date, timedelta

    from .credit import exports

    day = (date.fromisoformat(as_of) + timedelta(days=1)).isoformat()
    black = exports.public_rows(credit.listings(supervisor, published=True, as_of=day),
                                SUPERVISOR[2])
    exports.write_publication(path, black, credit.red_list(supervisor))


def _documents(inspector: Store, out: Path, secret: str) -> None:
    """Signed reports of two finished inspections, their notices, every transfer letter
    (移送函) and the ledger."""
    done = [r for r in inspections.list_inspections(inspector, status="completed")
            if r["kind"] == "inspection"]
    done.sort(key=lambda r: (-r["non_compliant"], r["id"]))
    for row in done[:2]:
        name = f"{row['subject']}_{ids.local_date(row['started_at'])}"
        if row["non_compliant"]:
            notice, _ = issue_notice(inspector, row["id"])
            write_atomically(_mkdir(out, "notices") / f"{name}_整改通知书.pdf", notice)
        issue_report(inspector, row["id"], _mkdir(out, "reports") / f"{name}_检查报告.pdf",
                     secret=secret)
    for row in done:  # findings for an authority not on the inspection: sent to it
        if kinds_to_transfer(inspector, row["id"]):
            name = f"{row['subject']}_{ids.local_date(row['started_at'])}"
            for n, letter in enumerate(issue_transfers(inspector, row["id"], secret=secret)):
                write_atomically(transfer_path(_mkdir(out, "transfers") /
                                               f"{name}_案件移送函.pdf", n), letter.pdf)
    write_ledger(ledger_rows(ledger_query.items(inspector, LedgerFilter())),
                 out / "整改台账.xlsx")


def _mkdir(out: Path, name: str) -> Path:
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
