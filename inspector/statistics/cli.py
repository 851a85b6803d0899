"""`inspector stats …`: the statistics report from the command line.

`report` exports it (.xlsx in the default layout or a user's template through its
mapping file, or .pdf), or shows it in the terminal without -o; `enter` files a
figure entered by hand or a typical case.
"""

import argparse
from pathlib import Path

from ..errors import InspectorError
from ..store import Store
from . import messages  # noqa: F401  (registers the stats.* messages)

READ_ONLY = {("stats", "report")}


def add_commands(commands, parser_class) -> None:
    from ..cli import t

    group = commands.add_parser("stats", help=t("cli.stats_help"))
    sub = group.add_subparsers(dest="action", required=True, metavar="ACTION",
                               parser_class=parser_class)
    p = sub.add_parser("report", help=t("cli.stats_report_help"))
    _scope_options(p, t)
    p.add_argument("-o", "--output", metavar="FILE.(xlsx|pdf)", help=t("cli.stats_show_help"))
    p.add_argument("--template", metavar="T.xlsx", help=t("cli.stats_template_help"))
    p.add_argument("--mapping", metavar="M.yaml", help=t("cli.stats_mapping_help"))
    p.add_argument("--filer", default="", help=t("cli.stats_filer_help"))
    p.add_argument("--phone", default="", help=t("cli.stats_phone_help"))
    p.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)  # tests, demos
    p.set_defaults(run=cmd_report)
    p = sub.add_parser("enter", help=t("cli.stats_enter_help"))
    _scope_options(p, t)
    p.add_argument("--sector", default="", help=t("cli.stats_sector_help"))
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--figure", help=t("cli.stats_figure_help"))
    what.add_argument("--case", metavar="TITLE", help=t("cli.stats_case_help"))
    p.add_argument("--value", type=float, help=t("cli.stats_value_help"))
    p.add_argument("--text", help=t("cli.stats_text_help"))
    p.set_defaults(run=cmd_enter)


def _scope_options(p, t) -> None:
    p.add_argument("--period", help=t("cli.stats_period_help"))
    p.add_argument("--area", default="", help=t("cli.stats_area_help"))
    p.add_argument("--unit", default="", help=t("cli.stats_unit_help"))


def _open(args) -> Store:
    return Store(args.db, readonly=(args.command, args.action) in READ_ONLY)


def cmd_report(args) -> int:
    from ..cli import print_table, t
    from . import pdf, spreadsheet
    from .compute import Cover, Scope, report
    from .manual import default_unit
    from .periods import current_month, parse

    output = Path(args.output) if args.output else None
    suffix = output.suffix.lower() if output else ""
    if (output and suffix not in (".xlsx", ".pdf")) or (args.template and suffix != ".xlsx"):
        raise InspectorError(t("stats.format", path=args.output or args.template))
    if bool(args.template) != bool(args.mapping):
        raise InspectorError(t("stats.mapping", path=args.template or args.mapping,
                               place="--template/--mapping", reason=t("stats.mapping_shape")))
    with _open(args) as store:
        scope = Scope(parse(args.period or current_month(), store), area=args.area,
                      unit=args.unit, today=args.today)
        result = report(store, scope, t("stats.total"))
        cover = Cover(unit=args.unit or default_unit(store), filer=args.filer,
                      phone=args.phone)
    if output is None:
        rows = [{"sector": r.name, **{k: spreadsheet.row_value(r, k) for k in r.values}}
                for r in [*result.rows, result.total]]
        for row in rows:
            row["rate"] = row["rate"] if isinstance(row["rate"], str) else f"{row['rate']:.1%}"
        print_table(rows, [("sector", t("stats.sector"))] + [
            (k, t(f"stats.figure.{k}")) for k in result.total.values])
        for note in spreadsheet.notes(result):
            print(note)
        return 0
    if suffix == ".pdf":
        pdf.write(result, cover, output)
    elif args.template:
        spreadsheet.fill_template(result, cover, args.template, args.mapping, output)
    else:
        spreadsheet.write_default(result, cover, output)
    print(t("cli.stats_written", path=output))
    return 0


def cmd_enter(args) -> int:
    from ..cli import t
    from ..errors import ValidationError
    from .figures import FIGURES
    from .manual import enter_case, enter_figure
    from .periods import current_month

    with _open(args) as store:
        period = args.period or current_month()
        if args.figure:
            if args.value is None:
                raise ValidationError(t("stats.bad_value", figure=args.figure, value=""))
            filed = enter_figure(store, period, args.figure, args.value, unit=args.unit,
                                 sector=args.sector, area=args.area)
            value = f"{args.value:,.2f}" if FIGURES[args.figure].money else f"{args.value:g}"
            what = f"{t(f'stats.figure.{args.figure}')} = {value}"  # 12,345,678.90, not 1.2e+07
        else:
            filed = enter_case(store, period, args.case, args.text or "", unit=args.unit,
                               sector=args.sector, area=args.area)
            what = f"{t('stats.cases')}：{filed['title']}"
    print(t("cli.stats_entered", what=what, period=filed["period"], unit=filed["unit"]))
    return 0
