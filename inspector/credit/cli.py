"""`inspector credit …`: the credit record, listing proposals, notices, decisions,
repair, lists and publication from the command line (added by `add_commands`)."""

from ..store import Store

READ_ONLY = ("record", "proposals", "repairs", "list", "publish", "share")


def _t(key, **values):
    from ..cli import t

    return t(key, **values)


def add_commands(commands, parser_class) -> None:
    group = commands.add_parser("credit", help=_t("cli.credit_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=parser_class)
    p = sub.add_parser("record", help=_t("cli.credit_record_help"))
    p.add_argument("subject", metavar="ID_OR_CODE")
    p.add_argument("--json", action="store_true", help=_t("cli.json_help"))
    p.set_defaults(run=cmd_record)
    p = sub.add_parser("penalty", help=_t("cli.credit_penalty_help"))
    p.add_argument("subject", metavar="ID_OR_CODE")
    p.add_argument("--decision", required=True, metavar="文号")
    p.add_argument("--on", metavar="YYYY-MM-DD")
    p.add_argument("--heavier", action="store_true")
    p.add_argument("--note")
    p.set_defaults(run=cmd_penalty)
    p = sub.add_parser("propose", help=_t("cli.credit_propose_help"))
    p.add_argument("--rules", metavar="FILE.yaml", help=_t("cli.credit_rules_help"))
    p.add_argument("--subject", metavar="ID_OR_CODE")
    p.add_argument("--today", metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_propose)
    p = sub.add_parser("proposals", help=_t("cli.credit_proposals_help"))
    p.add_argument("--status", choices=("proposed", "notified", "approved", "declined"))
    p.add_argument("--json", action="store_true", help=_t("cli.json_help"))
    p.set_defaults(run=cmd_proposals)
    p = sub.add_parser("notify", help=_t("cli.credit_notify_help"))
    p.add_argument("proposal", metavar="ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--days", type=int, help=_t("cli.credit_days_help"))
    p.add_argument("--on", metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_notify)
    p = sub.add_parser("state", help=_t("cli.credit_state_help"))
    p.add_argument("proposal", metavar="ID")
    p.add_argument("text")
    p.set_defaults(run=cmd_state)
    p = sub.add_parser("decide", help=_t("cli.credit_decide_help"))
    p.add_argument("proposal", metavar="ID")
    _decision(p)
    p.add_argument("--years", type=int, help=_t("cli.credit_years_help"))
    p.add_argument("--on", metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_decide)
    repair = sub.add_parser("repair", help=_t("cli.credit_repair_help"))
    steps = repair.add_subparsers(dest="step", required=True, metavar="STEP",
                                  parser_class=parser_class)
    p = steps.add_parser("apply", help=_t("cli.credit_repair_help"))
    p.add_argument("proposal", metavar="ID")
    p.add_argument("--application", required=True, metavar="TEXT")
    p.add_argument("--promise", required=True, metavar="TEXT")
    p.set_defaults(run=cmd_repair_apply)
    p = steps.add_parser("decide", help=_t("cli.credit_repair_help"))
    p.add_argument("repair", metavar="ID")
    _decision(p)
    p.set_defaults(run=cmd_repair_decide)
    p = sub.add_parser("repairs", help=_t("cli.credit_repairs_help"))
    p.add_argument("--status", choices=("applied", "approved", "declined"))
    p.add_argument("--json", action="store_true", help=_t("cli.json_help"))
    p.set_defaults(run=cmd_repairs)
    p = sub.add_parser("list", help=_t("cli.credit_list_help"))
    _selection(p)
    p.add_argument("--red", action="store_true")
    p.add_argument("--json", action="store_true", help=_t("cli.json_help"))
    p.set_defaults(run=cmd_list)
    p = sub.add_parser("publish", help=_t("cli.credit_publish_help"))
    _selection(p)
    p.add_argument("--as-of", metavar="YYYY-MM-DD")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    p.set_defaults(run=cmd_publish)
    p = sub.add_parser("share", help=_t("cli.credit_share_help"))
    _selection(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.(csv|json)")
    p.set_defaults(run=cmd_share)


def _decision(p) -> None:
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--approve", action="store_true")
    choice.add_argument("--decline", action="store_true")
    p.add_argument("--reason", required=True)


def _selection(p) -> None:
    p.add_argument("--sector")
    p.add_argument("--period", metavar="YYYY|YYYY-MM")


def _open(args) -> Store:
    return Store(args.db, readonly=args.action in READ_ONLY)


def _table(rows, columns) -> None:
    from ..cli import print_table

    print_table(rows, [(key, _t(head)) for key, head in columns])


def _json(rows) -> None:
    from ..cli import print_json

    print_json(rows)


def cmd_record(args) -> int:
    from .service import credit_record

    with _open(args) as store:
        events = credit_record(store, args.subject)
    if args.json:
        _json(events)
    else:
        _table(events, [("at", "credit.col_at"), ("text", "credit.col_event")])
    return 0


def cmd_penalty(args) -> int:
    from .service import enter_penalty

    with _open(args) as store:
        made = enter_penalty(store, args.subject, decision_no=args.decision,
                             decided_on=args.on, heavier=args.heavier, note=args.note)
    print(_t("cli.credit_penalty_done", id=made))
    return 0


def cmd_propose(args) -> int:
    from . import rulesets
    from .service import propose

    rules = rulesets.load(args.rules)
    with _open(args) as store:
        made = propose(store, rules, subject=args.subject, today=args.today)
    _proposal_table(made)
    print(_t("cli.credit_proposed", n=len(made)))
    return 0


def _proposal_table(rows) -> None:
    _table([{**r, "id": r["id"][:13], "list": _t(f"credit.list.{r['list']}"),
             "status": _t(f"credit.status.{r['status']}")} for r in rows],
           [("id", "credit.col_id"), ("subject_name", "credit.col_subject"),
            ("uscc", "credit.col_uscc"), ("list", "credit.col_list"),
            ("ground", "credit.col_ground"), ("status", "credit.col_status"),
            ("deadline", "credit.col_deadline")])


def cmd_proposals(args) -> int:
    from .service import proposals

    with _open(args) as store:
        rows = proposals(store, status=args.status)
    if args.json:
        _json(rows)
    else:
        _proposal_table(rows)
    return 0


def cmd_notify(args) -> int:
    from .notice_pdf import write_notice
    from .service import notify

    with _open(args) as store:
        notice = notify(store, args.proposal, days=args.days, on=args.on)
        write_notice(store, notice, args.output)
    print(_t("cli.credit_notified", id=notice["id"][:13], deadline=notice["deadline"],
             path=args.output))
    return 0


def cmd_state(args) -> int:
    from .service import state_case

    with _open(args) as store:
        made = state_case(store, args.proposal, args.text)
    print(_t("cli.credit_stated", id=made[:13]))
    return 0


def cmd_decide(args) -> int:
    from .service import decide

    with _open(args) as store:
        done = decide(store, args.proposal, approve=args.approve, reason=args.reason,
                      years=args.years, on=args.on)
    print(_t("cli.credit_decided", id=done["id"][:13],
             status=_t(f"credit.status.{done['status']}")))
    return 0


def cmd_repair_apply(args) -> int:
    from .service import apply_repair

    with _open(args) as store:
        made = apply_repair(store, args.proposal, application=args.application,
                            promise=args.promise)
    print(_t("cli.credit_repair_applied", id=made["id"][:13], n=len(made["evidence"])))
    return 0


def cmd_repair_decide(args) -> int:
    from .service import decide_repair

    with _open(args) as store:
        done = decide_repair(store, args.repair, approve=args.approve, reason=args.reason)
    print(_t("cli.credit_decided", id=done["id"][:13],
             status=_t(f"credit.repair_status.{done['status']}")))
    return 0


def cmd_repairs(args) -> int:
    from .service import repairs

    with _open(args) as store:
        rows = repairs(store, status=args.status)
    if args.json:
        _json(rows)
        return 0
    _table([{**r, "id": r["id"][:13], "list": _t(f"credit.list.{r['list']}"),
             "status": _t(f"credit.repair_status.{r['status']}"),
             "applied_at": r["applied_at"][:10], "evidence": len(r["evidence"])}
            for r in rows],
           [("id", "credit.col_id"), ("subject_name", "credit.col_subject"),
            ("uscc", "credit.col_uscc"), ("list", "credit.col_list"),
            ("status", "credit.col_status"), ("applied_at", "credit.col_applied"),
            ("evidence", "credit.col_evidence")])
    return 0


def cmd_list(args) -> int:
    from .service import listings, red_list

    with _open(args) as store:
        rows = red_list(store, sector=args.sector, period=args.period) if args.red else \
            listings(store, sector=args.sector, period=args.period)
    if args.json:
        _json(rows)
    elif args.red:
        _table(rows, [("subject_name", "credit.col_subject"), ("uscc", "credit.col_uscc"),
                      ("sector", "credit.col_sector"),
                      ("inspections", "credit.col_inspections")])
    else:
        _table([{**r, "list": _t(f"credit.list.{r['list']}")} for r in rows],
               [("subject_name", "credit.col_subject"), ("uscc", "credit.col_uscc"),
                ("list", "credit.col_list"), ("effective_on", "credit.col_effective"),
                ("publish_until", "credit.col_until"), ("repaired_at", "credit.col_repaired")])
    return 0


def _authority(store: Store) -> str:
    row = store.conn.execute("SELECT org FROM identities WHERE id = ?",
                             (store.actor,)).fetchone()
    return (row and row[0]) or ""


def cmd_publish(args) -> int:
    from .exports import public_rows, write_publication
    from .service import listings, red_list

    with _open(args) as store:
        black = public_rows(listings(store, sector=args.sector, period=args.period,
                                     as_of=args.as_of, published=True), _authority(store))
        red = red_list(store, sector=args.sector, period=args.period)
    write_publication(args.output, black, red)
    print(_t("cli.credit_written", path=args.output, n=len(black) + len(red)))
    return 0


def cmd_share(args) -> int:
    from .exports import shared_rows, write_shared
    from .service import listings

    with _open(args) as store:
        rows = shared_rows(listings(store, sector=args.sector, period=args.period))
    write_shared(args.output, rows)
    print(_t("cli.credit_written", path=args.output, n=len(rows)))
    return 0
