"""The `inspector` command line. Exit codes: 0 success, 1 invalid input or failed
verification, 2 usage error. Errors go to stderr, one line each."""

import argparse
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from . import __version__, i18n, ids
from .errors import InspectorError, ValidationError
from .rectification_rules import STATUSES
from .store import Store
from .terminal import safe_output, shown, undecodable

OK, INVALID, USAGE = 0, 1, 2


def t(key: str, /, **values) -> str:
    """A catalogue message whose text values (names, notes, paths: anyone's) are shown
    on one line, escaped (terminal.shown)."""
    return i18n.t(key, **{k: shown(v) if isinstance(v, str) else v for k, v in values.items()})


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: one line, exit 2
        self.exit(USAGE, f"{self.prog}: {message}\n")


class CommandParser(Parser):
    """A command's parser: it takes the global options too, so `inspector subjects list
    --db x.db` works as the README says every command takes --db (given before the
    command they count the same; not given, they leave the global value alone)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                          help=t("cli.db_help"))
        self.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
                          help=t("cli.lang_help"))


def app_options(argv: list[str]) -> argparse.Namespace | None:
    """The app's options (--db PATH, --lang L, each also as --name=value) and bundle
    files to preview (`bundles`: a file manager opening them with the app) when they
    are all the arguments; None for anything else, which the full parser takes (and
    explains). Read by hand: building even one argparse parser costs the app's start
    5 ms of looking up its own messages' translations."""
    found, rest, bundles = {"db": None, "lang": None}, list(argv), []
    while rest:
        if is_bundle_path(rest[0]):
            bundles.append(rest.pop(0))
            continue
        name, given, value = rest.pop(0).partition("=")
        if name not in ("--db", "--lang"):
            return None
        if not given:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if name == "--lang" and value not in i18n.LANGUAGES:
            return None
        found[name[2:]] = value
    return argparse.Namespace(**found, bundles=bundles)


def global_parser(kind: type[Parser] = Parser, add_help: bool = True) -> Parser:
    """The options that come before a command; all that starting the app needs."""
    parser = kind(prog="inspector", description=t("cli.description"), add_help=add_help,
                  epilog=t("cli.app_usage"))
    parser.add_argument("--db", metavar="PATH", help=t("cli.db_help"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli.lang_help"))
    return parser


def build_parser() -> Parser:
    parser = global_parser()
    parser.add_argument("--version", action="version", version=f"inspector {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)

    group = commands.add_parser("checklists", help=t("cli.checklists_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=CommandParser)
    p = sub.add_parser("validate", help=t("cli.validate_help"))
    p.add_argument("files", nargs="*", metavar="FILE")
    p.set_defaults(run=cmd_checklists_validate)
    p = sub.add_parser("add", help=t("cli.checklists_add_help"))
    p.add_argument("file", metavar="FILE.yaml")
    p.set_defaults(run=cmd_checklists_add)
    p = sub.add_parser("blank", help=t("cli.checklists_blank_help"))
    p.add_argument("checklist", metavar="CHECKLIST")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--number", action="store_true", help=t("cli.blank_number_help"))
    p.set_defaults(run=cmd_checklists_blank)
    p = sub.add_parser("list", help=t("cli.checklists_list_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_checklists_list)
    p = sub.add_parser("import", help=t("cli.checklists_import_help"))
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--sector", metavar="ID", help=t("cli.xlsx_sector_help"))
    p.add_argument("--yes", action="store_true", help=t("cli.yes_help"))
    p.set_defaults(run=cmd_checklists_import)
    p = sub.add_parser("export", help=t("cli.checklists_export_help"))
    p.add_argument("checklist", metavar="SECTOR")
    p.add_argument("file", metavar="FILE.xlsx")
    p.set_defaults(run=cmd_checklists_export)

    group = commands.add_parser("subjects", help=t("cli.subjects_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=CommandParser)
    p = sub.add_parser("add", help=t("cli.subjects_add_help"))
    p.add_argument("--name", required=True)
    p.add_argument("--code", required=True, help=t("cli.code_help"))
    p.add_argument("--sector", required=True, help=t("cli.sector_help"))
    p.add_argument("--address")
    p.add_argument("--legal-rep")
    p.add_argument("--phone")
    p.set_defaults(run=cmd_subjects_add)
    p = sub.add_parser("import", help=t("cli.subjects_import_help"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--sector", help=t("cli.import_sector_help"))
    p.add_argument("--strict", action="store_true", help=t("cli.strict_help"))
    p.set_defaults(run=cmd_subjects_import)
    p = sub.add_parser("list", help=t("cli.subjects_list_help"))
    p.add_argument("--sector")
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_subjects_list)

    group = commands.add_parser("inspections", help=t("cli.inspections_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=CommandParser)
    p = sub.add_parser("list", help=t("cli.inspections_list_help"))
    p.add_argument("--sector")
    p.add_argument("--status", choices=("draft", "completed", "signed"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_inspections_list)
    p = sub.add_parser("start", help=t("cli.insp_start_help"))
    p.add_argument("--subject", required=True, metavar="ID_OR_CODE")
    p.add_argument("--checklist", metavar="ID_OR_SECTOR",
                   help=t("cli.insp_checklist_help"))
    p.add_argument("--kind", choices=("inspection", "self_check"), default="inspection")
    p.add_argument("--inspector", action="append", default=[], metavar="NAME[:BADGE]",
                   help=t("cli.insp_inspector_help"))
    p.add_argument("--place")
    p.add_argument("--authority", action="append", default=[], metavar="[KIND=]NAME",
                   help=t("cli.insp_authority_help"))
    p.add_argument("--from-paper", metavar="YYYY-MM-DD", help=t("cli.insp_from_paper_help"))
    p.add_argument("--paper-number", metavar="NUMBER", help=t("cli.insp_paper_number_help"))
    p.set_defaults(run=cmd_inspections_start)
    p = sub.add_parser("authority", help=t("cli.insp_set_authority_help"))
    p.add_argument("inspection", metavar="ID")
    p.add_argument("--authority", action="append", required=True, metavar="[KIND=]NAME",
                   help=t("cli.insp_authority_help"))
    p.set_defaults(run=cmd_inspections_authority)
    p = sub.add_parser("answer", help=t("cli.insp_answer_help"))
    p.add_argument("inspection", metavar="ID")
    p.add_argument("item", metavar="ITEM")
    p.add_argument("value", metavar="VALUE", help=t("cli.insp_value_help"))
    p.add_argument("--note")
    p.set_defaults(run=cmd_inspections_answer)
    p = sub.add_parser("show", help=t("cli.insp_show_help"))
    p.add_argument("inspection", metavar="ID")
    p.set_defaults(run=cmd_inspections_show)
    p = sub.add_parser("complete", help=t("cli.insp_complete_help"))
    p.add_argument("inspection", metavar="ID")
    p.set_defaults(run=cmd_inspections_complete)
    p = sub.add_parser("correct", help=t("cli.insp_correct_help"))
    p.add_argument("inspection", metavar="ID")
    p.add_argument("--reason", required=True, metavar="TEXT", help=t("cli.insp_reason_help"))
    p.set_defaults(run=cmd_inspections_correct)
    p = sub.add_parser("sheet", help=t("cli.insp_sheet_help"))
    p.add_argument("inspection", metavar="ID")
    p.add_argument("photos", nargs="+", metavar="PHOTO")
    p.set_defaults(run=cmd_inspections_sheet)
    p = sub.add_parser("record", help=t("cli.insp_record_help"))
    p.add_argument("inspection", metavar="ID")
    p.add_argument("--statement", metavar="TEXT")
    p.add_argument("--recorder", metavar="NAME")
    p.add_argument("--representative", metavar="NAME")
    refusal = p.add_mutually_exclusive_group()
    refusal.add_argument("--refused", action="store_true", default=None)
    refusal.add_argument("--not-refused", dest="refused", action="store_false")
    p.add_argument("--withdrawal", choices=("yes", "no"), help=t("cli.insp_withdrawal_help"))
    p.add_argument("--withdrawal-request", metavar="TEXT")
    p.set_defaults(run=cmd_inspections_record)

    group = commands.add_parser("numbers", help=t("cli.numbers_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=CommandParser)
    p = sub.add_parser("assign", help=t("cli.numbers_assign_help"))
    p.add_argument("--holder", required=True, metavar="FINGERPRINT",
                   help=t("cli.numbers_holder_help"))
    p.add_argument("--prefix", required=True, help=t("cli.numbers_prefix_help"))
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--first", type=int, required=True)
    p.add_argument("--last", type=int, required=True)
    p.add_argument("--kind", choices=("notice", "record", "transfer"), default="notice",
                   help=t("cli.numbers_kind_help"))
    p.set_defaults(run=cmd_numbers_assign)
    p = sub.add_parser("list", help=t("cli.numbers_list_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_numbers_list)
    p = sub.add_parser("check", help=t("cli.numbers_check_help"))
    p.set_defaults(run=cmd_numbers_check)

    group = commands.add_parser("keys", help=t("cli.keys_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=CommandParser)
    p = sub.add_parser("init", help=t("cli.keys_init_help"))
    p.add_argument("--name")
    p.add_argument("--role", choices=("inspector", "company", "supervisor"), default="inspector")
    p.add_argument("--org")
    p.add_argument("--code", help=t("cli.keys_code_help"))
    p.add_argument("--badge", metavar="NUMBER", help=t("cli.keys_badge_help"))
    p.set_defaults(run=cmd_keys_init)
    p = sub.add_parser("show", help=t("cli.keys_show_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_keys_show)
    p = sub.add_parser("export-public", help=t("cli.keys_export_help"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(run=cmd_keys_export)
    p = sub.add_parser("trust", help=t("cli.keys_trust_help"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--fingerprint", metavar="HEX", help=t("cli.keys_trust_fp_help"))
    p.set_defaults(run=cmd_keys_trust)
    p = sub.add_parser("certify", help=t("cli.keys_certify_help"))
    p.add_argument("file", metavar="CERT.pem")
    p.add_argument("--fingerprint", metavar="HEX", help=t("cli.keys_trust_fp_help"))
    p.set_defaults(run=cmd_keys_vouch, code=None)
    p = sub.add_parser("enrol", help=t("cli.keys_enrol_help"))
    p.add_argument("file", metavar="COMPANY.pem")
    p.add_argument("--code", metavar="USCC", help=t("cli.keys_enrol_code_help"))
    p.add_argument("--fingerprint", metavar="HEX", help=t("cli.keys_trust_fp_help"))
    p.set_defaults(run=cmd_keys_vouch)
    p = sub.add_parser("distrust", help=t("cli.keys_distrust_help"))
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.set_defaults(run=cmd_keys_distrust)
    p = sub.add_parser("rotate", help=t("cli.keys_rotate_help"))
    p.set_defaults(run=cmd_keys_rotate)
    p = sub.add_parser("revoke", help=t("cli.keys_revoke_help"))
    p.add_argument("fingerprint", metavar="FINGERPRINT", nargs="?")
    p.add_argument("--reason", metavar="TEXT", help=t("cli.keys_revoke_reason_help"))
    p.set_defaults(run=cmd_keys_revoke)
    p = sub.add_parser("history", help=t("cli.keys_history_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_keys_history)
    p = sub.add_parser("contact", help=t("cli.keys_contact_help"))
    p.add_argument("--phone", metavar="PHONE", help=t("cli.contact_phone_help"))
    p.add_argument("--address", metavar="TEXT", help=t("cli.contact_address_help"))
    p.set_defaults(run=cmd_keys_contact)

    group = commands.add_parser("rectifications", help=t("cli.rect_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=CommandParser)
    p = sub.add_parser("list", help=t("cli.rect_list_help"))
    p.add_argument("--subject", metavar="ID_OR_CODE")
    p.add_argument("--sector")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--overdue", action="store_true", help=t("cli.overdue_help"))
    p.add_argument("--json", action="store_true", help=t("cli.json_help"))
    p.set_defaults(run=cmd_rect_list)
    p = sub.add_parser("show", help=t("cli.rect_show_help"))
    p.add_argument("item", metavar="ID")
    p.set_defaults(run=cmd_rect_show)
    p = sub.add_parser("respond", help=t("cli.rect_respond_help"))
    p.add_argument("item", metavar="ID")
    p.add_argument("--measure", required=True, metavar="TEXT")
    p.add_argument("--evidence", nargs="+", default=[], metavar="FILE")
    p.set_defaults(run=cmd_rect_respond)
    p = sub.add_parser("review", help=t("cli.rect_review_help"))
    p.add_argument("item", metavar="ID")
    verdict = p.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true")
    verdict.add_argument("--reject", action="store_true")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--deadline", metavar="YYYY-MM-DD", help=t("cli.rect_deadline_help"))
    p.set_defaults(run=cmd_rect_review)

    p = commands.add_parser("report", help=t("cli.report_help"))
    p.add_argument("inspection", metavar="INSPECTION_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.set_defaults(run=cmd_report)
    p = commands.add_parser("notice", help=t("cli.notice_help"))
    p.add_argument("inspection", metavar="INSPECTION_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--submit-to", metavar="TEXT", help=t("cli.submit_to_help"))
    p.set_defaults(run=cmd_notice)
    p = commands.add_parser("transfer", help=t("cli.transfer_help"))
    p.add_argument("inspection", metavar="INSPECTION_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--to", action="append", default=[], metavar="[KIND=]NAME",
                   help=t("cli.transfer_to_help"))
    p.set_defaults(run=cmd_transfer)
    group = commands.add_parser("service", help=t("cli.service_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=CommandParser)
    p = sub.add_parser("record", help=t("cli.service_record_help"))
    p.add_argument("inspection", metavar="INSPECTION_ID")
    p.add_argument("--recipient", required=True, metavar="NAME")
    p.add_argument("--method", required=True, choices=("direct", "lodged", "post",
                                                       "electronic", "entrusted"),
                   help=t("cli.service_method_help"))
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--place")
    p.add_argument("--signature", metavar="FILE.png", help=t("cli.service_signature_help"))
    p.add_argument("--refused", action="store_true")
    p.add_argument("--reason", metavar="TEXT")
    p.add_argument("--witness", metavar="NAME")
    p.add_argument("--witness-signature", metavar="FILE.png",
                   help=t("cli.service_signature_help"))
    p.set_defaults(run=cmd_service_record)

    p = commands.add_parser("ledger", help=t("cli.ledger_help"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.(xlsx|csv|pdf)")
    p.add_argument("--sector")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--overdue", action="store_true", help=t("cli.overdue_help"))
    p.set_defaults(run=cmd_ledger)

    p = commands.add_parser("export", help=t("cli.export_help"))
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--since", metavar="TIME", help=t("cli.since_help"))
    p.add_argument("--for-subject", metavar="ID_OR_CODE", help=t("cli.for_subject_help"))
    p.set_defaults(run=cmd_export)
    p = commands.add_parser("import", help=t("cli.import_help"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=t("cli.dry_run_help"))
    p.set_defaults(run=cmd_import)

    p = commands.add_parser("verify", help=t("cli.verify_help"))
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("file", nargs="?", metavar="FILE")
    target.add_argument("--qr", metavar="TEXT")
    p.set_defaults(run=cmd_verify)

    from .campaign.cli import add_commands as add_campaign_commands

    add_campaign_commands(commands, CommandParser)
    from .credit.cli import add_commands as add_credit_commands

    add_credit_commands(commands, CommandParser)

    from .statistics.cli import add_commands as add_statistics_commands

    add_statistics_commands(commands, CommandParser)

    p = commands.add_parser("demo", help=t("cli.demo_help"))
    p.add_argument("--out", metavar="DIR", default="inspector-demo", help=t("cli.out_help"))
    p.set_defaults(run=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for index, arg in enumerate(argv):  # the language must be known before help texts
        if arg == "--lang" and index + 1 < len(argv) and argv[index + 1] in i18n.LANGUAGES:
            i18n.set_language(argv[index + 1])
        elif arg.startswith("--lang=") and arg[7:] in i18n.LANGUAGES:
            i18n.set_language(arg[7:])
    bad = undecodable(argv)
    if bad:  # bytes that are not UTF-8: no store, file or terminal takes them
        print(t("cli.arg_not_utf8", option=bad[0], value=bad[1]), file=sys.stderr)
        return USAGE
    # no command: the app. Only the global options are read then, so it opens
    # without building every command's parser first.
    app_args = app_options(argv)
    if app_args is not None:
        return open_app(app_args, app_args.bundles)
    with safe_output():  # from here on, what is printed may quote anyone's text
        return run_command(argv)


def run_command(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else USAGE
    if not args.command:
        return open_app(args)
    try:
        return args.run(args) or OK
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return OK
    except InspectorError as exc:
        for line in error_lines(exc):
            print(line, file=sys.stderr)
        return INVALID
    except KeyboardInterrupt:
        return 130


def error_lines(exc: InspectorError) -> list[str]:
    """One line a problem: each of a checklist's, or the error's one, where a line
    break in a name it quotes is shown as its code (terminal.shown)."""
    problems = getattr(exc, "problems", None)
    return [shown(p) for p in problems] if problems else [shown(exc)]


def is_bundle_path(arg: str) -> bool:
    """A bundle file named on the command line: no command ends in .zip."""
    return not arg.startswith("-") and arg.lower().endswith(".zip")


def open_app(args, bundles: list[str] = ()) -> int:
    """The desktop app; with `bundles`, on the import preview of those files."""
    try:
        from .ui.app import run  # the desktop app, when installed
    except ImportError:
        print(t("cli.no_app"), file=sys.stderr)
        build_parser().print_help()
        return USAGE
    if no_display():
        print(t("cli.no_display"), file=sys.stderr)
        return INVALID
    return run(db=args.db, lang=args.lang, bundles=bundles)


def no_display() -> bool:
    """On Linux, no screen for the app to open on (an SSH session, a server): Qt would
    abort with a misleading hint about a missing xcb library instead."""
    import os

    return sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


# The commands that only read the store, as (command, action). They open it read-only
# (SQLite's mode=ro): they never write it, not even a damaged one, and they work on a
# write-protected USB stick. Not among them: `report` (issuing a completed inspection's
# report freezes it), `notice` (it gives the notice its document number, 文号, and
# records it) and `import --dry-run` (its preview applies the bundle in a transaction
# that is rolled back).
READ_ONLY = {("subjects", "list"), ("inspections", "list"), ("inspections", "show"),
             ("keys", "show"), ("keys", "export-public"), ("keys", "history"),
             ("rectifications", "list"), ("rectifications", "show"),
             ("numbers", "list"), ("numbers", "check"),
             ("ledger", None), ("export", None), ("verify", None)}


def open_store(args) -> Store:
    command = (args.command, getattr(args, "action", None))
    return Store(args.db, readonly=command in READ_ONLY)


# --- output -------------------------------------------------------------------


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def print_table(rows: list[dict], columns: list[tuple[str, str]]) -> None:
    """Aligned columns that stay aligned with Chinese (double-width) text."""
    cells = [[shown(r.get(key, "") if r.get(key) is not None else "") for key, _ in columns]
             for r in rows]
    heads = [head for _, head in columns]
    widths = [max([width(h)] + [width(c[i]) for c in cells]) for i, h in enumerate(heads)]
    for line in [heads, *cells]:
        print("  ".join(c + " " * (w - width(c)) for c, w in zip(line, widths, strict=True))
              .rstrip())


def print_json(rows: list[dict]) -> None:
    print(json.dumps(rows, ensure_ascii=False, indent=2))


# --- commands -------------------------------------------------------------------


def cmd_checklists_validate(args) -> int:
    from . import checklists

    files = [Path(f) for f in args.files] or [*checklists.bundled_files(),
                                               *checklists.user_files()]
    if not files:
        raise InspectorError(t("cli.no_checklists", dir=checklists.bundled_dir()))
    failed = 0
    for path in files:
        display = checklists.display_path(path)
        problems = checklists.validate_file(path, display)
        for problem in problems:
            print(shown(problem), file=sys.stderr)
        if problems:
            failed += 1
        else:
            checklist = checklists.load_file(path, display)
            for warning in checklist.warnings:  # reported, but the file is valid
                print(warning, file=sys.stderr)
            print(t("cli.checklist_ok", path=display, id=checklist.id,
                    n=len(checklist.items)))
    return INVALID if failed else OK


def cmd_checklists_add(args) -> int:
    from . import checklists

    checklist, path = checklists.add_user_checklist(Path(args.file))
    print(t("checklist.added", title=checklist.title, id=checklist.id,
            version=checklist.version, path=path))
    return OK


def cmd_checklists_import(args) -> int:
    from . import checklist_xlsx, checklists

    result = checklist_xlsx.read(Path(args.file), sector=args.sector,
                                 previous=checklist_xlsx.installed)
    for line in checklist_xlsx.preview(result):
        print(shown(line))
    if result.problems:
        raise checklists.ChecklistInvalid(result.problems)
    if not args.yes and not confirmed(t("xlsx.confirm")):
        print(t("xlsx.not_written"))
        return 1
    checklist, path = checklist_xlsx.install(result)
    print(t("checklist.added", title=checklist.title, id=checklist.id,
            version=checklist.version, path=path))
    return 0


def confirmed(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:  # no one to ask (input from a file or a pipe): not written
        print()
        return False
    return answer.strip().lower() in ("y", "yes", "是")


def cmd_checklists_export(args) -> int:
    from . import checklist_xlsx, checklists

    checklist = checklists.find(args.checklist)
    checklist_xlsx.write(checklist, Path(args.file))
    print(t("xlsx.exported", id=checklist.id, items=len(checklist.items), path=args.file))
    return 0


def warn_skipped_checklists() -> None:
    """A checklist file that does not load is named, with why; the others work."""
    from . import checklists

    for problem in checklists.skipped():
        print(t("checklist.skipped", problem=problem), file=sys.stderr)


def cmd_checklists_blank(args) -> int:
    from . import checklists
    from .files import write_atomically
    from .reports import render_blank_checklist

    checklist = checklists.find(args.checklist)
    number = None
    if args.number:  # reserved before the form exists: a failed write wastes one number
        from . import numbering

        with open_store(args) as store:
            issued = numbering.reserve_number(store, checklist.hash)
        if issued is None:
            print(t("numbers.none_left_record", year=ids.today()[:4]), file=sys.stderr)
            return INVALID
        number = issued.number
    pdf = render_blank_checklist(checklist, lang=i18n.language(), number=number)
    write_atomically(Path(args.output), pdf)
    if number:
        print(t("cli.blank_number", number=number))
    print(t("cli.blank_done", path=args.output))
    return OK


def cmd_checklists_list(args) -> int:
    from . import checklists

    bundled = checklists.load_bundled()
    warn_skipped_checklists()
    rows = [{"id": c.id, "sector": c.sector, "version": c.version, "title": c.title,
             "item_count": len(c.items)} for c in bundled]
    if args.json:  # stable values for scripts: the sector's slug
        print_json(rows)
    else:  # for people: the sector's name
        shown = [{**r, "sector": c.sector_name} for r, c in zip(rows, bundled, strict=True)]
        print_table(shown, [("id", "ID"), ("sector", t("col.sector")),
                           ("version", t("col.version")), ("item_count", t("col.items")),
                           ("title", t("col.title"))])
    return OK


def cmd_subjects_add(args) -> int:
    from .subjects import add_subject

    with open_store(args) as store:
        subject = add_subject(store, name=args.name, code=args.code, sector=args.sector,
                              address=args.address, legal_rep=args.legal_rep, phone=args.phone)
    print(t("cli.subject_added", name=subject["name"], code=subject["uscc"], id=subject["id"]))
    return OK


def cmd_subjects_import(args) -> int:
    from .subjects import import_subjects

    with open_store(args) as store:
        result = import_subjects(store, args.file, sector=args.sector, strict=args.strict)
    for row, message in result.errors:
        print(f"{shown(args.file)}:{row}: {shown(message)}", file=sys.stderr)
    if args.strict and result.errors:
        print(t("cli.import_strict", n=len(result.errors)), file=sys.stderr)
        return INVALID
    print(t("cli.import_done", added=len(result.added), present=len(result.already_present),
            bad=len(result.errors)))
    return INVALID if result.errors else OK


def cmd_subjects_list(args) -> int:
    from . import checklists
    from .subjects import list_subjects, resolve_sector

    with open_store(args) as store:
        sector = resolve_sector(args.sector) if args.sector else None
        subjects = list_subjects(store, sector)
    rows = [{"id": s["id"], "name": s["name"], "code": s["uscc"], "sector": s["sector"]}
            for s in subjects]
    if args.json:
        print_json(rows)
    else:
        names = checklists.sectors()
        shown = [{**r, "sector": names.get(r["sector"], r["sector"])} for r in rows]
        print_table(shown, [("id", "ID"), ("name", t("col.name")), ("code", t("col.code")),
                            ("sector", t("col.sector"))])
    return OK


def cmd_inspections_list(args) -> int:
    from . import checklists
    from .corrections import superseded_ids
    from .inspections import list_inspections
    from .subjects import resolve_sector

    with open_store(args) as store:
        sector = resolve_sector(args.sector) if args.sector else None
        found = list_inspections(store, sector=sector, status=args.status)
        superseded = superseded_ids(store)
    rows = [{k: r[k] for k in ("id", "kind", "sector", "subject", "status", "started_at",
                               "non_compliant")} for r in found]
    if args.json:
        print_json(rows)  # (contract) its shape stays
    else:
        names = checklists.sectors()
        shown = [{**r, "kind": t(f"kind.{r['kind']}"), "status": t(f"status.{r['status']}")
                  + (t("cli.superseded_mark") if r["id"] in superseded else ""),
                  "sector": names.get(r["sector"], r["sector"]),
                  "started_at": ids.local_time(r["started_at"])} for r in rows]
        print_table(shown, [("id", "ID"), ("kind", t("col.kind")), ("sector", t("col.sector")),
                            ("subject", t("col.subject")), ("status", t("col.status")),
                            ("started_at", t("col.started")),
                            ("non_compliant", t("col.non_compliant"))])
    return OK


def cmd_keys_init(args) -> int:
    from . import identity

    with open_store(args) as store:
        current = identity.own_identity(store, required=False)
        name = args.name or (current.name if current else None)
        if not name:
            raise InspectorError(t("cli.keys_need_name"))
        made = identity.init_identity(store, name=name, role=args.role, org=args.org,
                                      secret=identity.passphrase(confirm=True), code=args.code,
                                      badge=args.badge)
    print(t("cli.keys_made", name=made.name, role=made.role,
            fp=identity.show_fingerprint(made.fingerprint)))
    return OK


def cmd_keys_show(args) -> int:
    from . import identity, trust_chain

    with open_store(args) as store:
        me = identity.own_identity(store)
        trusted = [i for i in identity.trusted_identities(store) if i.id != me.id]
        revoked = identity.revocations(store)
        vouched = trust_chain.vouched(store)
        badge = identity.own_badge(store)
    rows = [{"name": i.name, "role": i.role, "org": i.org, "fingerprint": i.fingerprint,
             "self": i is me} for i in [me, *trusted]]
    if args.json:
        print_json(rows)  # (contract) its shape stays: statements are in the text
        return OK
    print(t("cli.keys_self", name=me.name, role=me.role, org=me.org or "-",
            fp=identity.show_fingerprint(me.fingerprint) if me.fingerprint else "-"))
    if badge:
        print(t("cli.keys_badge", badge=badge))
    print(t("cli.keys_trusted", n=len(trusted)))
    for other in trusted:
        print(f"  {shown(other.name)}  {shown(other.role)}  {shown(other.org or '-')}  "
              f"{identity.show_fingerprint(other.fingerprint)}")
    _print_revocations(revoked)
    _print_vouched(vouched)
    return OK


def _print_revocations(revoked: list[dict]) -> None:
    from . import identity

    if revoked:
        print(t("cli.keys_revocations", n=len(revoked)))
    for r in revoked:
        print(f"  {shown(r['name'] or '-')}  {identity.show_fingerprint(r['fingerprint'][:16])}  "
              f"{ids.local_time(r['revoked_at'])}  {shown(r['reason'] or '-')}")


def cmd_keys_rotate(args) -> int:
    from . import identity

    with open_store(args) as store:
        old = identity.own_identity(store).fingerprint
        me = identity.rotate(store)
        at = identity.key_end(store.conn, old)[0]
    print(t("cli.keys_rotated", name=me.name, role=me.role,
            fp=identity.show_fingerprint(me.fingerprint),
            old=identity.show_fingerprint(old[:16]), at=ids.local_time(at)))
    return OK


def cmd_keys_revoke(args) -> int:
    from . import identity

    with open_store(args) as store:
        done = identity.revoke(store, args.fingerprint, args.reason)
    if done.rotated_to is not None:
        me = done.rotated_to
        print(t("cli.keys_rotated", name=me.name, role=me.role,
                fp=identity.show_fingerprint(me.fingerprint),
                old=identity.show_fingerprint(done.fingerprint[:16]),
                at=ids.local_time(done.revoked_at)))
    print(t("cli.keys_revoked", name=done.name, fp=identity.show_fingerprint(done.fingerprint),
            at=ids.local_time(done.revoked_at)))
    return OK


def _print_vouched(rows: list[dict]) -> None:
    from .identity import show_fingerprint

    print(t("cli.keys_vouched_list", n=len(rows)))
    for r in rows:
        print("  " + t("cli.keys_vouched_row", role=t(f"actor.{r['role']}"), name=r["name"],
                       fp=show_fingerprint(r["fingerprint"][:16]), issuer=r["issuer_name"],
                       at=ids.local_time(r["issued_at"]),
                       state="" if r["honoured"] else t("cli.keys_not_honoured")))


def cmd_keys_vouch(args) -> int:
    """`keys certify` (a bureau, for an inspector) and `keys enrol` (an inspector, for
    a company): a signed statement, once the fingerprint is confirmed at the prompt or
    matches --fingerprint."""
    from . import identity, trust_chain
    from .files import read_input

    data = read_input(Path(args.file))
    with open_store(args) as store:
        expected = _confirmed_fingerprint(args, identity.examine(store, data, args.file))
        if expected is None:
            return INVALID
        made = trust_chain.vouch(store, data, args.file, expected=expected, code=args.code)
    s = made.statement
    print(t("cli.keys_vouched", name=s["name"], role=t(f"actor.{s['role']}"),
            fp=identity.show_fingerprint(s["fingerprint"])))
    return OK


def _confirmed_fingerprint(args, offered) -> str | None:
    """Show whose certificate it is; the fingerprint to hold it to: --fingerprint, or
    the one shown once confirmed at the terminal (None: declined). Scripts have no
    terminal to ask on and must give --fingerprint."""
    from . import identity

    print(t("cli.keys_holder", name=offered.name, role=offered.role,
            org=offered.org or "-", id=offered.identity_id or "-"))
    print(t("cli.keys_fingerprint", fp=identity.show_fingerprint(offered.fingerprint)))
    if offered.on_record:
        print(t("cli.keys_on_record", fp=identity.show_fingerprint(offered.on_record)))
    if args.fingerprint is not None:
        return args.fingerprint
    if not sys.stdin.isatty():
        raise InspectorError(t("cli.keys_need_fingerprint"))
    if input(t("cli.keys_confirm")).strip().lower() not in ("y", "yes", "是"):
        print(t("cli.keys_declined"), file=sys.stderr)
        return None
    return offered.fingerprint


def cmd_keys_export(args) -> int:
    from . import identity
    from .files import write_atomically

    with open_store(args) as store:
        data = identity.export_public(store)
        fp = identity.own_identity(store).fingerprint
    write_atomically(Path(args.output), data)
    print(t("cli.keys_exported", path=args.output, fp=identity.show_fingerprint(fp)))
    return OK


def cmd_keys_trust(args) -> int:
    """Show whose certificate it is and its fingerprint; trust it once the fingerprint is
    confirmed at the prompt, or matches --fingerprint (scripts: no terminal to ask on)."""
    from . import identity
    from .files import read_input

    data = read_input(Path(args.file))
    with open_store(args) as store:
        expected = _confirmed_fingerprint(args, identity.examine(store, data, args.file))
        if expected is None:
            return INVALID
        confirmed = "fingerprint" if args.fingerprint is not None else "prompt"
        done = identity.trust(store, data, args.file, expected=expected, confirmed=confirmed)
    added = done.identity
    fp = identity.show_fingerprint(added.fingerprint)
    if done.decision == "replaced":
        print(t("cli.keys_replaced", name=added.name, role=added.role, fp=fp,
                old=identity.show_fingerprint(done.previous_fingerprint)))
    elif done.decision is None:
        print(t("cli.keys_already", name=added.name, role=added.role, fp=fp))
    else:
        print(t("cli.keys_trusted_added", name=added.name, role=added.role, fp=fp))
    return OK


def cmd_keys_distrust(args) -> int:
    from . import identity

    with open_store(args) as store:
        gone = identity.distrust(store, args.fingerprint)
    print(t("cli.keys_distrusted", name=gone.name, role=gone.role,
            fp=identity.show_fingerprint(gone.fingerprint)))
    return OK


def cmd_keys_contact(args) -> int:
    """Show this office's contact for notices, or set the parts given."""
    from . import contact

    with open_store(args) as store:
        if args.phone is None and args.address is None:
            office = contact.get(store)
        else:
            office = contact.set_contact(store, phone=args.phone, address=args.address)
    print(t("cli.contact_shown", phone=shown(office.phone) or "-",
            address=shown(office.address) or "-"))
    return OK


def cmd_keys_history(args) -> int:
    from . import identity, trust_chain

    with open_store(args) as store:
        rows = identity.trust_history(store)
        revoked = identity.revocations(store)
        vouched = trust_chain.vouched(store)
    if args.json:
        print_json(rows)  # (contract) its shape stays: statements are in the text
        return OK
    if vouched:
        _print_vouched(vouched)
    if not rows:
        print(t("cli.keys_no_history"))
        _print_revocations(revoked)
        return OK
    shown = [{**r, "at": ids.local_time(r["at"]), "decision": t(f"trust.{r['decision']}"),
              "confirmed": t(f"trust.{r['confirmed']}"),
              "fingerprint": identity.show_fingerprint(r["fingerprint"][:16]),
              "previous_fingerprint": identity.show_fingerprint(
                  (r["previous_fingerprint"] or "")[:16]) or "-"} for r in rows]
    print_table(shown, [("at", t("col.at")), ("decision", t("col.decision")),
                        ("name", t("col.name")), ("fingerprint", t("col.fingerprint")),
                        ("previous_fingerprint", t("col.previous")),
                        ("confirmed", t("col.confirmed"))])
    _print_revocations(revoked)
    return OK


def cmd_verify(args) -> int:
    from .files import read_input
    from .signing import check_statement, verify_report

    with open_store(args) as store:
        if args.qr is not None:  # an empty text is a malformed code, not a missing file
            statement = check_statement(store, args.qr)
        else:
            data = read_input(Path(args.file))
            if data.startswith(b"PK"):
                return verify_bundle(store, Path(args.file))
            if not data.startswith(b"%PDF-"):
                raise InspectorError(t("cli.verify_unknown"), path=args.file)
            report = verify_report(store, data, args.file)
            signed, statement = report.pdf, report.statement
            print(t("cli.verify_pdf_ok", path=args.file, name=signed.signer.name,
                    role=signed.signer.role, at=signed.signed_at or "?"))
        print_statement(statement.facts, statement.issuer)
        if not statement.held:
            print(t("cli.verify_role_only"))
            return OK
        verdict = report_against_store(store, statement.facts)
        print_supersession(store, statement.facts["r"])
        return verdict


def print_supersession(store, inspection_id: str) -> None:
    """A superseded record still verifies; what supersedes it is said beside."""
    from .corrections import supersession

    newer = supersession(store, inspection_id)
    if newer:
        print(t("correction.superseded", by=newer["id"], at=ids.local_time(newer["started_at"]),
                reason=newer["reason"] or ""))
        if newer["latest"] != newer["id"]:
            print(t("correction.latest", id=newer["latest"]))


def report_against_store(store, statement: dict) -> int:
    """Compare what a report vouches for with this store's records, where it has them."""
    from .signing import matches_store

    same = matches_store(store, statement)
    if same is None:
        print(t("cli.verify_not_held"))
        return OK
    if not same:
        print(t("cli.verify_differs", id=statement["r"]), file=sys.stderr)
        return INVALID
    print(t("cli.verify_matches"))
    return OK


def ledger_filter(store, args, subject: str | None = None):
    """The ledger filter of the list and ledger commands' options."""
    from .ledger_query import LedgerFilter
    from .subjects import get_subject, resolve_sector

    return LedgerFilter(
        subject_id=get_subject(store, subject)["id"] if subject else None,
        sector=resolve_sector(args.sector) if args.sector else None,
        status=args.status, overdue=args.overdue)


def cmd_rect_list(args) -> int:
    from . import checklists
    from .ledger_query import items as ledger_items

    with open_store(args) as store:
        items = ledger_items(store, ledger_filter(store, args, args.subject))
    rows = [{"id": r["id"], "subject": r["subject"], "sector": r["sector"],
             "problem": r["problem"], "deadline": r["deadline"], "status": r["status"],
             "overdue": r["overdue"]} for r in items]
    if args.json:
        print_json(rows)
        return OK
    names = checklists.sectors()
    shown = [{**r, "sector": names.get(r["sector"], r["sector"]),
              "status": t(f"rect.{r['status']}") + (t("cli.overdue_mark") if r["overdue"]
                                                   else ""),
              "problem": r["problem"][:28] + ("…" if len(r["problem"]) > 28 else "")}
             for r in rows]
    print_table(shown, [("id", "ID"), ("subject", t("col.subject")), ("sector", t("col.sector")),
                        ("deadline", t("col.deadline")), ("status", t("col.status")),
                        ("problem", t("col.problem"))])
    return OK


def cmd_rect_show(args) -> int:
    from .rectifications import get_item, history

    with open_store(args) as store:
        item = get_item(store, args.item)
        events = history(store, item["id"])
        names = {r["id"]: r["name"] for r in store.db.query("SELECT id, name FROM identities")}
    print(f"{shown(item['subject'])}（{shown(item['uscc'])}）")
    print(f"  {t('col.problem')}: {shown(item['problem'])}")
    print(f"  {t('col.basis')}: {shown(item['basis'])}")
    print(f"  {t('col.requirement')}: {shown(item['requirement'])}")
    overdue = t("cli.overdue_mark") if item["overdue"] else ""
    print(f"  {t('col.deadline')}: {item['deadline']}  {t('col.status')}: "
          f"{t('rect.' + item['status'])}{overdue}")
    for event in events:
        who = shown(names.get(event["created_by"], "?"))
        extra = f" → {event['deadline']}" if event["deadline"] else ""
        files = f" [{len(event['evidence'])} {t('cli.files')}]" if event["evidence"] else ""
        print(f"  {ids.local_time(event['at'])}  {t('rect.' + event['status'])}  {who}"
              f"{extra}{files}  {shown(event['note'] or '')}".rstrip())
    return OK


def cmd_rect_respond(args) -> int:
    from .files import read_input
    from .rectifications import respond

    files = [(name, read_input(Path(name), limit=20 * 2**20)) for name in args.evidence]
    with open_store(args) as store:
        respond(store, args.item, measure=args.measure, evidence=files)
    print(t("cli.rect_responded", id=args.item, n=len(files)))
    return OK


def cmd_rect_review(args) -> int:
    from .rectifications import review

    with open_store(args) as store:
        review(store, args.item, accept=args.accept, note=args.note, deadline=args.deadline)
    print(t("cli.rect_closed" if args.accept else "cli.rect_reopened", id=args.item))
    return OK


def cmd_report(args) -> int:
    from .signing import issue_report

    with open_store(args) as store:
        issued = issue_report(store, args.inspection, Path(args.output),
                              lang=i18n.language())
    print(t("cli.report_done", path=issued.path, name=issued.signer,
            hash=issued.content_hash[:16]))
    if not issued.frozen:
        print(t("cli.report_draft"))
    return OK


def cmd_notice(args) -> int:
    """One notice per competent authority of the ordered items: the first to the path
    given, the others beside it (-2, -3, ...)."""
    from .files import write_atomically
    from .reports import issue_notices, notice_path

    with open_store(args) as store:
        notices = issue_notices(store, args.inspection, lang=i18n.language(),
                                submit_to=args.submit_to)
        _warn_uncovered(store, args.inspection)
    for n, notice in enumerate(notices):
        path = notice_path(Path(args.output), n)
        write_atomically(path, notice.pdf)
        if notice.issued is not None:
            print(t("cli.notice_number", number=notice.issued.number))
        elif notice.authority["lead"]:
            print(t("numbers.none_left", year=ids.today()[:4]), file=sys.stderr)
        else:
            print(t("numbers.none_joint", authority=notice.authority["name"]), file=sys.stderr)
        if len(notices) > 1:
            print(t("cli.notice_by", authority=notice.authority["name"]))
        print(t("cli.notice_done", path=path))
    return OK


def _warn_uncovered(store, inspection_id: str) -> None:
    """Name the kinds competent for some ordered items that no bureau on the
    inspection is of: transferred (the letter is still to issue), or, on an inspection
    recorded before transfers were or led by a bureau of no known kind, ordered in the
    lead's notice."""
    from . import authorities, inspections
    from .reports import kinds_to_transfer

    record = inspections.get(store, inspection_id)
    if record["kind"] != "inspection":
        return
    sent = kinds_to_transfer(store, record["id"])
    if sent:
        print(t("cli.notice_transferred", kinds="、".join(sent), id=record["id"]),
              file=sys.stderr)
    named = authorities.of_inspection(record)
    transferred = set(inspections.transferred_items(store, record["id"]))
    items = [r[0] for r in store.conn.execute(
        "SELECT item_id FROM rectifications WHERE inspection_id = ?", (record["id"],))
        if r[0] not in transferred]
    missing = authorities.uncovered(named, inspections.checklist_of(store, record), items)
    if missing and named and any(a["kind"] for a in named):
        print(t("cli.notice_uncovered", kinds="、".join(missing), lead=named[0]["name"]),
              file=sys.stderr)


def cmd_transfer(args) -> int:
    """One signed transfer letter per kind of authority the inspection's transferred
    findings go to: the first to the path given, the others beside it (-2, -3, ...)."""
    from . import inspections
    from .files import write_atomically
    from .reports import issue_transfers, kinds_to_transfer, transfer_path

    with open_store(args) as store:
        checklist = inspections.checklist_of(store, inspections.get(store, args.inspection))
        names = _receivers(args.to, kinds_to_transfer(store, args.inspection),
                           checklist.authority_kinds)
        letters = issue_transfers(store, args.inspection, names=names, lang=i18n.language())
    for n, letter in enumerate(letters):
        path = transfer_path(Path(args.output), n)
        write_atomically(path, letter.pdf)
        if letter.issued is not None:
            print(t("cli.notice_number", number=letter.issued.number))
        else:
            print(t("numbers.none_left_transfer", year=ids.today()[:4]), file=sys.stderr)
        print(t("cli.transfer_to", name=letter.receiver.name or "＿＿＿＿",
                kind=letter.receiver.kind))
        print(t("cli.transfer_done", path=path))
    return OK


def _receivers(given: list[str], kinds: list[str], known: list[str]) -> dict[str, str]:
    """The receiving bureaus' names by kind, from `--to [KIND=]NAME`: a bare name is of
    the kind its name says (among the checklist's `known`), or else of the only kind
    there is to transfer to."""
    from . import authorities

    names = {}
    for text in given:
        kind, name = authorities.parse(text)
        kind = kind or authorities.kind_of(name, known) or (kinds[0] if len(kinds) == 1
                                                              else None)
        if kind not in kinds or not name:
            raise ValidationError(t("cli.transfer_unknown_to", name=text,
                                    kinds="、".join(kinds)))
        names[kind] = name
    return names


def cmd_numbers_assign(args) -> int:
    from . import numbering

    with open_store(args) as store:
        block = numbering.assign_block(store, holder=args.holder, prefix=args.prefix,
                                       year=args.year, first=args.first, last=args.last,
                                       kind=args.kind)
    print(t("numbers.assigned", name=block.assignee_name, prefix=block.prefix,
            year=block.year, first=block.first, last=block.last))
    return OK


def cmd_numbers_list(args) -> int:
    from . import numbering

    with open_store(args) as store:
        held = numbering.blocks(store)
        register = numbering.documents(store)
    if args.json:
        print_json({"blocks": [vars(b) for b in held], "documents": register})
        return OK
    print_table([{**vars(b), "range": f"{b.first}–{b.last}", "used": str(b.used)}
                 for b in held],
                [("prefix", t("col.prefix")), ("year", t("col.year")),
                 ("range", t("col.range")), ("assignee_name", t("col.holder")),
                 ("used", t("col.used"))])
    print()
    for row in register:  # a number printed on a form nobody has transcribed yet
        if row["subject"] is None and row["kind"] == numbering.RECORD:
            row["subject"] = t("numbers.blank_form")
    print_table(register, [("number", t("col.number")), ("issued_on", t("col.date")),
                           ("subject", t("col.subject")), ("issued_by", t("col.holder"))])
    return OK


def cmd_numbers_check(args) -> int:
    from . import numbering

    with open_store(args) as store:
        problems = numbering.check(store)
        count = len(numbering.documents(store))
    if not problems:
        print(t("numbers.no_problems", n=count))
        return OK
    print(t("numbers.problems", n=len(problems)))
    for problem in problems:
        print(f"  {problem.text}")
    return INVALID


def cmd_ledger(args) -> int:
    from .ledger_query import items
    from .reports import ledger_rows, write_ledger

    with open_store(args) as store:
        rows = ledger_rows(items(store, ledger_filter(store, args)))
    write_ledger(rows, Path(args.output))
    print(t("cli.ledger_done", path=args.output, n=len(rows)))
    return OK


def verify_bundle(store, path: Path) -> int:
    from .sync import read

    bundle = read(store, path)
    counts = bundle.manifest["counts"]
    print(t("cli.bundle_ok", path=path, name=bundle.sender.name, role=bundle.sender.role,
            at=bundle.manifest["created_at"], entries=counts["entries"], blobs=counts["blobs"],
            new=len(bundle.new_entries)))
    for entity, n in counts["by_entity"].items():
        print(f"  {shown(entity)}: {n}")
    return OK


def cmd_export(args) -> int:
    from . import identity
    from .subjects import get_subject
    from .sync import export

    with open_store(args) as store:
        subject = get_subject(store, args.for_subject)["id"] if args.for_subject else None
        me, key = identity.signing_key(store)
        manifest = export(store, Path(args.output), me, key, since=args.since, subject=subject)
    print(t("cli.exported", path=args.output, entries=manifest["counts"]["entries"],
            blobs=manifest["counts"]["blobs"], id=manifest["bundle_id"]))
    if subject:
        print(t("cli.exported_withheld", n=manifest["counts"]["withheld"]))
    return OK


def cmd_import(args) -> int:
    from .sync import import_bundles
    from .sync.container import one_line

    if args.dry_run:
        return preview_import(args)
    failed = 0
    with open_store(args) as store:
        results = import_bundles(store, [Path(name) for name in args.files])
    for name, report in zip(args.files, results, strict=True):
        name = one_line(name)  # each file's verdict is one line, whatever its name holds
        if isinstance(report, InspectorError):  # one bad file does not stop the others
            print(*error_lines(report), sep="\n", file=sys.stderr)
            failed += 1
            continue
        if report.already_imported:
            print(t("cli.import_again", path=name, at=report.already_imported))
            continue
        c = report.counts
        print(one_line(t("cli.imported", path=name, sender=report.sender, added=c["added"],
                         updated=c["updated"], unchanged=c["unchanged"],
                         conflicts=c["conflict"])))
        if c["withheld"]:
            print(t("cli.import_withheld", n=c["withheld"]))
    return INVALID if failed else OK


def preview_import(args) -> int:
    """What `import` would do with these files, in this order; nothing is written.
    The same preview the app's Sync page shows."""
    from .sync import preview
    from .sync.container import one_line

    with open_store(args) as store:
        previews = preview(store, [Path(name) for name in args.files])
    for seen in previews:
        path = one_line(seen.path)
        if seen.error:
            print(t("cli.preview_refused", path=path, error=seen.error), file=sys.stderr)
        elif seen.imported_before:
            print(t("cli.import_again", path=path, at=seen.imported_before))
        else:
            c = Counter(seen.counts)
            print(one_line(t("cli.would_import", path=path, sender=seen.sender,
                             role=t(f"actor.{seen.role}"), at=seen.created_at,
                             added=c["added"], updated=c["updated"],
                             unchanged=c["unchanged"], conflicts=c["conflict"])))
    return INVALID if any(seen.error for seen in previews) else OK


def print_statement(statement: dict, signer) -> None:
    """What a verified QR statement vouches for, one fact a line."""
    print(t("cli.qr_ok", name=signer.name, role=signer.role, org=signer.org or "-"))
    labels = {"r": t("qr.field.report"), "c": t("qr.field.code"), "n": t("qr.field.subject"),
              "d": t("qr.field.date"), "k": t("qr.field.kind"), "s": t("qr.field.result"),
              "h": t("qr.field.hash")}
    for key, label in labels.items():
        if key in statement:
            value = statement[key]
            if isinstance(value, dict):
                value = ", ".join(f"{k}={v}" for k, v in value.items())
            print(f"  {label}: {shown(value)}")


def cmd_inspections_start(args) -> int:
    from . import checklists, inspections, onsite
    from .subjects import get_subject

    with open_store(args) as store:
        subject = get_subject(store, args.subject)
        checklist = checklists.find(args.checklist or subject["sector"])
        officers = [onsite.parse_officer(text) for text in args.inspector]
        inspection = inspections.start(store, subject=subject["id"], checklist=checklist,
                                       kind=args.kind, inspectors=[n for n, _ in officers],
                                       place=args.place,
                                       badges={n: b for n, b in officers if b},
                                       authorities=args.authority,
                                       from_paper=args.from_paper,
                                       paper_number=args.paper_number)
    print(inspection)
    return OK


def cmd_inspections_authority(args) -> int:
    from . import inspections

    with open_store(args) as store:
        chosen = inspections.set_authorities(store, args.inspection, args.authority)
    for authority in chosen:
        print(t("cli.insp_authority", name=authority["name"], kind=authority["kind"] or "-"))
    return OK


def cmd_inspections_answer(args) -> int:
    from . import inspections

    value = args.value
    with open_store(args) as store:
        record = inspections.get(store, args.inspection)
        item = inspections.checklist_of(store, record).item(args.item)
        if item["type"] == "multi_choice":
            value = [v for v in value.split(",") if v]
        cleared = inspections.record_answer(store, record["id"], args.item, value, args.note)
    if cleared:
        print(t("cli.insp_cleared", items=", ".join(cleared)))
    return OK


def cmd_inspections_show(args) -> int:
    from . import authorities, checklists, inspections, paper
    from .i18n import pick

    with open_store(args) as store:
        record = inspections.get(store, args.inspection)
        state = inspections.progress(store, record["id"])
        checklist = inspections.checklist_of(store, record)
        transcribed = paper.details(record)
        sheets = paper.sheet_photos(store, record["id"]) if transcribed else 0
        print(f"{shown(record['subject_snapshot'].get('name', ''))}  "
              f"{t('kind.' + record['kind'])}  "
              f"{t('status.' + record['status'])}  {checklist.id} {checklist.version}")
        for authority in authorities.of_inspection(record):
            print(t("cli.insp_authority", name=authority["name"],
                    kind=authority["kind"] or "-"))
        print(t("cli.insp_progress", answered=state.answered, shown=state.shown,
                failed=len(state.non_compliant), missing=len(state.missing_required)))
        if record["corrects"]:
            original = inspections.get(store, record["corrects"])
            print(t("correction.corrects", id=original["id"],
                    at=ids.local_time(original["started_at"]),
                    reason=record["correction_reason"]))
        print_supersession(store, record["id"])
        if transcribed:
            print(t("cli.insp_paper", date=transcribed["date"],
                    number=transcribed.get("number") or "-",
                    name=transcribed.get("transcriber") or "-", n=sheets))
    for judged in state.items:
        item = judged.item
        mark = "✗" if judged.non_compliant else ("✓" if judged.answered else "·")
        if judged.value is not None:
            value = json.dumps(judged.value, ensure_ascii=False)
        elif item["type"] == "photo":
            value = ""  # answered by attaching photos, not by a typed value
        else:  # what may be typed: yes/no/na, the option values, the unit
            allowed = checklists.answer_values(item) or ([item["unit"]] if "unit" in item else [])
            value = "[" + "|".join(map(str, allowed)) + "]" if allowed else ""
        print(f"  {mark} {shown(item['id']):8} {item['type']:13} {shown(value):14} "
              f"{shown(pick(item['text']))}")
    return OK


def cmd_inspections_complete(args) -> int:
    from . import inspections

    with open_store(args) as store:
        created = inspections.complete(store, args.inspection)
    print(t("cli.insp_completed", n=len(created)))
    return OK


def cmd_inspections_correct(args) -> int:
    from . import corrections, inspections

    with open_store(args) as store:
        original = inspections.get(store, args.inspection)["id"]
        correction = corrections.start(store, original, args.reason)
    print(t("cli.insp_corrected", id=correction, original=original))
    return OK


def cmd_inspections_sheet(args) -> int:
    from . import paper
    from .files import read_input

    with open_store(args) as store:
        for photo in args.photos:
            paper.add_sheet_photo(store, args.inspection, read_input(Path(photo), 20 * 2**20),
                                  file_name=Path(photo).name)
    print(t("cli.insp_sheet_done", n=len(args.photos)))
    return OK


def cmd_inspections_record(args) -> int:
    """The on-site record's details: the ones given replace, the others stay."""
    from . import inspections, onsite

    with open_store(args) as store:
        current = onsite.details(inspections.get(store, args.inspection))
        withdrawal = current.get("withdrawal") or {}
        asked = withdrawal.get("asked") if args.withdrawal is None else args.withdrawal == "yes"
        onsite.set_details(
            store, args.inspection, badges=current["badges"],
            representative=_given(args.representative, current["representative"]),
            statement=_given(args.statement, current["statement"]),
            recorder=_given(args.recorder, current["recorder"]),
            refused=current["refused"] if args.refused is None else args.refused,
            withdrawal=asked, withdrawal_request=_given(
                args.withdrawal_request, withdrawal.get("request") if asked else None))
    print(t("cli.insp_record_done"))
    return OK


def _given(value: str | None, current: str | None) -> str | None:
    return current if value is None else value


def cmd_service_record(args) -> int:
    from .files import read_input
    from .service import record_service

    def image(path: str | None) -> bytes | None:
        return read_input(Path(path), 20 * 2**20) if path else None

    with open_store(args) as store:
        service_id = record_service(
            store, args.inspection, recipient=args.recipient, method=args.method,
            served_on=args.date, place=args.place,
            signature_png=image(args.signature),
            refused=args.refused, reason=args.reason, witness=args.witness,
            witness_png=image(args.witness_signature))
    print(t("cli.service_done", id=service_id[:8]))
    return OK


def cmd_demo(args) -> int:
    from .demo import PASSPHRASE_FILE, make_demo

    with open_store(args) as store:
        summary = make_demo(store, Path(args.out))
        path = store.path
    if summary is None:
        print(t("cli.demo_exists", db=path))
        kept = Path(args.out) / PASSPHRASE_FILE
        if kept.exists():
            print(t("cli.demo_passphrase_kept", path=kept))
        return OK
    passphrase = summary.pop("passphrase")
    stores = summary.pop("stores")
    print(t("cli.demo_done", db=path, out=args.out, **summary))
    for role, other in stores.items():
        print(f"  {role}: --db {other}")
    if passphrase:
        print(t("cli.demo_passphrase", passphrase=passphrase))
    return OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
