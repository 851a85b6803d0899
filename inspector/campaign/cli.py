"""`inspector plan …` and `inspector officers …`: the campaign from the command line.

The commands are added to the main parser by `add_commands`; each opens the store
itself (read-only for what only reads) and says what it did in one line or a table.
"""

import json
from pathlib import Path

from ..store import Store

INVALID = 1
READ_ONLY = {("plan", "list"), ("plan", "verify"), ("plan", "coverage"),
             ("plan", "registers"), ("officers", "list")}


def add_commands(commands, parser_class) -> None:
    from ..cli import t

    group = commands.add_parser("plan", help=t("cli.plan_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=parser_class)
    p = sub.add_parser("new", help=t("cli.plan_new_help"))
    p.add_argument("--name", required=True)
    p.add_argument("--authority", required=True, help=t("cli.plan_authority_help"))
    p.add_argument("--from", dest="starts_on", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="ends_on", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--rule", help=t("cli.plan_rule_help"))
    p.set_defaults(run=cmd_plan_new)
    p = sub.add_parser("list", help=t("cli.plan_list_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_plan_list)
    p = sub.add_parser("matters", help=t("cli.plan_matters_help"))
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument("--add", metavar="TITLE", help=t("cli.plan_add_matter_help"))
    p.add_argument("--checklist", metavar="ID_OR_SECTOR")
    p.add_argument("--ratio", metavar="RATIO", help=t("cli.plan_ratio_help"))
    p.add_argument("--basis", help=t("cli.plan_basis_help"))
    p.add_argument("--from", dest="starts_on", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="ends_on", metavar="YYYY-MM-DD")
    p.add_argument("--authority")
    p.add_argument("--days", type=int, default=30, help=t("cli.plan_days_help"))
    p.add_argument("--self-check", action="store_true", help=t("cli.plan_self_check_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_plan_matters)
    p = sub.add_parser("flag", help=t("cli.plan_flag_help"))
    p.add_argument("subject", metavar="ID_OR_CODE")
    p.add_argument("flag", choices=("abnormal", "complaint", "serious_finding"))
    p.add_argument("--clear", action="store_true", help=t("cli.plan_flag_clear_help"))
    p.add_argument("--note")
    p.set_defaults(run=cmd_plan_flag)
    p = sub.add_parser("commit", help=t("cli.plan_commit_help"))
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument("--seed", metavar="HEX64", help=t("cli.plan_seed_help"))
    p.set_defaults(run=cmd_plan_commit)
    p = sub.add_parser("draw", help=t("cli.plan_draw_help"))
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.set_defaults(run=cmd_plan_draw)
    p = sub.add_parser("verify", help=t("cli.plan_verify_help"))
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument("--subjects", metavar="FILE", help=t("cli.plan_register_file_help"))
    p.add_argument("--officers", metavar="FILE", help=t("cli.plan_register_file_help"))
    p.add_argument("--seed", metavar="HEX64", help=t("cli.plan_verify_seed_help"))
    p.set_defaults(run=cmd_plan_verify)
    p = sub.add_parser("registers", help=t("cli.plan_registers_help"))
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.set_defaults(run=cmd_plan_registers)
    p = sub.add_parser("tasks", help=t("cli.plan_tasks_help"))
    p.add_argument("campaign", nargs="?", metavar="CAMPAIGN")
    p.add_argument("--make", action="store_true", help=t("cli.plan_make_tasks_help"))
    p.add_argument("--mine", action="store_true", help=t("cli.plan_mine_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_plan_tasks)
    p = sub.add_parser("start", help=t("cli.plan_start_help"))
    p.add_argument("task", metavar="TASK")
    p.set_defaults(run=cmd_plan_start)
    p = sub.add_parser("result", help=t("cli.plan_result_help"))
    p.add_argument("task", metavar="TASK")
    p.add_argument("result", choices=_categories())
    p.add_argument("--note")
    p.set_defaults(run=cmd_plan_result)
    p = sub.add_parser("coverage", help=t("cli.plan_coverage_help"))
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_plan_coverage)
    p = sub.add_parser("publish", help=t("cli.plan_publish_help"))
    p.add_argument("campaign", metavar="CAMPAIGN")
    p.add_argument("-o", "--output", required=True, metavar="FILE.(xlsx|csv)")
    p.set_defaults(run=cmd_plan_publish)

    group = commands.add_parser("officers", help=t("cli.officers_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=parser_class)
    p = sub.add_parser("add", help=t("cli.officers_add_help"))
    p.add_argument("--name", required=True)
    p.add_argument("--badge", required=True, help=t("cli.officers_badge_help"))
    p.add_argument("--department")
    p.add_argument("--sector", action="append", default=[], required=True,
                   help=t("cli.officers_sector_help"))
    p.add_argument("--conflict", action="append", default=[], metavar="ID_OR_CODE",
                   help=t("cli.officers_conflict_help"))
    p.set_defaults(run=cmd_officers_add)
    p = sub.add_parser("import", help=t("cli.officers_import_help"))
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=cmd_officers_import)
    p = sub.add_parser("list", help=t("cli.officers_list_help"))
    p.add_argument("--sector")
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_officers_list)


def _categories() -> tuple[str, ...]:
    from .results import CATEGORIES

    return CATEGORIES


def _open(args) -> Store:
    return Store(args.db, readonly=(args.command, args.action) in READ_ONLY)


def _t(key, **values):
    from ..cli import t

    return t(key, **values)


def _table(rows, columns):
    from ..cli import print_table

    print_table(rows, [(key, _t(head)) for key, head in columns])


def _json(rows) -> None:
    from ..cli import print_json

    print_json(rows)


# --- plan ---------------------------------------------------------------------------


def cmd_plan_new(args) -> int:
    from .plans import new_campaign, parse_rule

    with _open(args) as store:
        plan = new_campaign(store, name=args.name, authority=args.authority,
                            starts_on=args.starts_on, ends_on=args.ends_on,
                            rule=parse_rule(args.rule))
    print(_t("campaign.created", name=plan["name"], id=plan["id"],
             rule=json.dumps(plan["rule"], ensure_ascii=False)))
    return 0


def cmd_plan_list(args) -> int:
    from .plans import campaigns

    with _open(args) as store:
        rows = campaigns(store)
    if args.json:
        _json([{**r, "rule": json.loads(r["rule"])} for r in rows])
        return 0
    _table([{**r, "period": f"{r['starts_on']}–{r['ends_on']}",
             "drawn": _t("word.yes") if r["draws"] else _t("word.no")} for r in rows],
           [("id", "col.id"), ("name", "col.campaign"), ("authority", "col.authority"),
            ("period", "col.period"), ("matters", "col.matters"), ("drawn", "col.drawn")])
    return 0


def cmd_plan_matters(args) -> int:
    from .plans import add_matter, get_campaign, matters

    with _open(args) as store:
        plan = get_campaign(store, args.campaign)
        if args.add:
            if not args.checklist or not args.ratio:
                from ..errors import ValidationError

                raise ValidationError(_t("campaign.matter_needs"))
            made = add_matter(store, plan["id"], title=args.add, checklist=args.checklist,
                              ratio=args.ratio, basis=args.basis, starts_on=args.starts_on,
                              ends_on=args.ends_on, authority=args.authority,
                              due_days=args.days, self_check=args.self_check)
            print(_t("campaign.matter_added", title=made["title"], ratio=made["ratio"],
                     sector=made["sector"]))
            return 0
        rows = matters(store, plan["id"])
    if args.json:
        _json(rows)
        return 0
    _table([{**r, "period": f"{r['starts_on']}–{r['ends_on']}"} for r in rows],
           [("title", "col.matter"), ("sector", "col.sector"), ("checklist_id", "col.checklist"),
            ("ratio", "col.ratio"), ("period", "col.period"), ("basis", "col.basis")])
    return 0


def cmd_plan_flag(args) -> int:
    from .registers import set_flag

    with _open(args) as store:
        set_flag(store, args.subject, args.flag, active=not args.clear, note=args.note)
    print(_t("campaign.flag_cleared" if args.clear else "campaign.flag_set",
             subject=args.subject, flag=_t(f"flag.{args.flag}")))
    return 0


def cmd_plan_commit(args) -> int:
    from .draws import commit

    with _open(args) as store:
        made = commit(store, args.campaign, args.seed)
    print(_t("draw.committed", hash=made["seed_hash"]))
    return 0


def cmd_plan_draw(args) -> int:
    from .draws import draw
    from .plans import matters

    with _open(args) as store:
        statement = draw(store, args.campaign)
        titles = {m["id"]: m["title"] for m in matters(store, statement["campaign_id"])}
    print(_t("draw.done", seed=statement["seed"], hash=statement["seed_hash"],
             subjects=statement["registers"]["subjects"][:16],
             officers=statement["registers"]["officers"][:16]))
    for matter in statement["result"]:
        short = sum(len(s["officers"]) < 2 for s in matter["subjects"])
        print("  " + _t("draw.matter", title=titles.get(matter["matter_id"], "?"),
                        n=len(matter["subjects"]), population=matter["population"]))
        if short:
            print("  " + _t("draw.short", n=short))
    return 0


def cmd_plan_verify(args) -> int:
    from .draws import verify

    files = {}
    for name in ("subjects", "officers"):
        given = getattr(args, name)
        if given:
            try:
                files[f"{name}_file"] = Path(given).read_bytes()
            except OSError as exc:
                from ..errors import InspectorError

                raise InspectorError(exc.strerror or str(exc), path=given) from None
    with _open(args) as store:
        found = verify(store, args.campaign, seed=args.seed, **files)
    for check in found.checks:
        mark = _t("draw.pass") if check.ok else _t("draw.fail")
        print(f"{mark}  {_t(f'draw.check.{check.key}')}")
    for name in found.registers_changed:
        print(_t("draw.register_changed", name=_t(f"draw.register.{name}")))
    print(_t("draw.verified" if found.ok else "draw.not_verified", name=found.campaign))
    return 0 if found.ok else INVALID


def cmd_plan_registers(args) -> int:
    from ..files import atomic_path
    from .draws import snapshot

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    with _open(args) as store:
        for name in ("subjects", "officers"):
            with atomic_path(out / f"{name}.jsonl") as tmp:
                tmp.write_bytes(snapshot(store, args.campaign, name))
    print(_t("draw.registers_written", path=str(out)))
    return 0


def cmd_plan_tasks(args) -> int:
    from .tasks import make_tasks, tasks

    with _open(args) as store:
        if args.make:
            made = make_tasks(store, args.campaign)
            print(_t("task.made", n=made))
            return 0
        rows = tasks(store, args.campaign, mine=args.mine)
    if args.json:
        _json([{k: r[k] for k in ("id", "campaign", "matter", "subject", "uscc", "kind",
                                  "officers", "due_on", "inspection_id", "result", "done",
                                  "overdue")} for r in rows])
        return 0
    _table([{**r, "state": _state(r)} for r in rows],
           [("id", "col.id"), ("subject", "col.subject"), ("matter", "col.matter"),
            ("officer_names", "col.officers"), ("due_on", "col.due"), ("state", "col.state")])
    return 0


def _state(task: dict) -> str:
    from .results import label

    if task["done"]:
        return label(task["result"])
    if task["overdue"]:
        return _t("task.overdue")
    return _t("task.started_state") if task["inspection_id"] else _t("task.open")


def cmd_plan_start(args) -> int:
    from .tasks import start_from_task

    with _open(args) as store:
        inspection_id = start_from_task(store, args.task)
    print(_t("task.inspection_started", id=inspection_id))
    return 0


def cmd_plan_result(args) -> int:
    from .results import label
    from .tasks import record_result

    with _open(args) as store:
        task = record_result(store, args.task, args.result, args.note)
    print(_t("task.result_recorded", subject=task["subject"], result=label(args.result)))
    return 0


def cmd_plan_coverage(args) -> int:
    from .results import coverage

    with _open(args) as store:
        rows = coverage(store, args.campaign)
    if args.json:
        _json(rows)
        return 0
    _table(rows, [("matter", "col.matter"), ("drawn", "col.drawn_n"),
                  ("inspected", "col.inspected"), ("unreachable", "col.unreachable"),
                  ("findings", "col.findings"), ("open", "col.open"),
                  ("overdue", "col.overdue_n")])
    return 0


def cmd_plan_publish(args) -> int:
    from .results import publication, write_publication

    with _open(args) as store:
        rows = publication(store, args.campaign)
    write_publication(rows, args.output)
    print(_t("campaign.published", path=args.output, n=len(rows)))
    return 0


# --- officers -----------------------------------------------------------------------


def cmd_officers_add(args) -> int:
    from .registers import add_officer

    with _open(args) as store:
        officer = add_officer(store, name=args.name, badge=args.badge,
                              department=args.department, sectors=args.sector,
                              conflicts=args.conflict)
    print(_t("officer.added", name=officer["name"], badge=officer["badge"]))
    return 0


def cmd_officers_import(args) -> int:
    import sys

    from .registers import import_officers

    with _open(args) as store:
        result = import_officers(store, args.file)
    for number, message in result.errors:
        print(_t("officer.row_error", path=args.file, row=number, err=message), file=sys.stderr)
    print(_t("officer.imported", n=result.added, bad=len(result.errors)))
    return INVALID if result.errors else 0


def cmd_officers_list(args) -> int:
    from .registers import officers

    with _open(args) as store:
        rows = officers(store, args.sector)
    if args.json:
        _json([{k: r[k] for k in ("id", "name", "badge", "department", "sectors", "conflicts")}
               for r in rows])
        return 0
    _table([{**r, "sectors": "、".join(r["sectors"]), "conflicts": str(len(r["conflicts"]))}
            for r in rows],
           [("name", "col.name"), ("badge", "col.badge"), ("department", "col.department"),
            ("sectors", "col.sectors"), ("conflicts", "col.conflicts")])
    return 0
