"""The monthly report's messages: key -> (中文, English), in the shared catalogue."""

from ..i18n import add_messages

MESSAGES: dict[str, tuple[str, str]] = {
    # the figures (inspector.statistics.figures)
    "stats.figure.officers": ("出动执法人员（人次）", "Officers deployed (person-times)"),
    "stats.figure.subjects_checked": ("检查主体（户次）", "Subjects checked (visits)"),
    "stats.figure.self_checks": ("收到企业自查（份）", "Self-checks received"),
    "stats.figure.problems": ("发现问题（个）", "Problems found"),
    "stats.figure.problems_critical": ("其中：严重", "of which critical"),
    "stats.figure.problems_major": ("其中：较重", "of which major"),
    "stats.figure.problems_minor": ("其中：一般", "of which minor"),
    "stats.figure.problems_info": ("其中：提示", "of which advisory"),
    "stats.figure.ordered": ("责令整改（项）", "Rectifications ordered"),
    "stats.figure.completed": ("已完成整改（项）", "Rectifications completed"),
    "stats.figure.rate": ("整改率", "Rectification rate"),
    "stats.figure.overdue": ("逾期未整改（项）", "Overdue"),
    "stats.figure.listings_proposed": ("拟列入名录/名单（户）", "Listings proposed"),
    "stats.figure.listings_decided": ("决定列入名录/名单（户）", "Listings decided"),
    "stats.figure.repairs": ("信用修复（户）", "Credit repairs"),
    "stats.figure.cases_transferred": ("移送立案（件）", "Cases transferred"),
    "stats.figure.fines": ("罚没款（元）", "Fines and confiscations (yuan)"),
    # the report
    "stats.title": ("专项检查工作统计报表", "Inspection statistics report"),
    "stats.period": ("统计期间", "Period"),
    "stats.area": ("地区", "Area"),
    "stats.unit": ("单位", "Unit"),
    "stats.all": ("全部", "all"),
    "stats.as_of": ("整改状态截至", "Rectification status as of"),
    "stats.sector": ("行业", "Sector"),
    "stats.total": ("合计", "Total"),
    "stats.no_sector": ("不分行业", "No particular sector"),
    "stats.by_item": ("发现问题按检查事项", "Problems by check item"),
    "stats.item": ("检查事项", "Check item"),
    "stats.item_id": ("事项编号", "Item no."),
    "stats.case_text": ("案例内容", "What happened"),
    "stats.cases": ("典型案例", "Typical cases"),
    "stats.no_cases": ("（本期无）", "(none this period)"),
    "stats.pending_note": ("“—”：{figures} 由信用模块统计，尚未接入本工具，暂不计数。",
                           "\"—\": {figures} are counted by the credit module, not yet part "
                           "of this tool."),
    "stats.manual_note": ("移送立案为本工具记录的移送（每次检查每个接收机关计一件）加人工填报数，"
                          "罚没款为人工填报数（inspector stats enter）。",
                          "Cases transferred are those this tool records (one per inspection "
                          "and receiving authority) plus those entered by hand; fines are "
                          "entered by hand (inspector stats enter)."),
    "stats.filer": ("填报单位", "Reporting unit"),
    "stats.filed_by": ("填报人", "Filled in by"),
    "stats.phone": ("联系电话", "Telephone"),
    "stats.filed_on": ("填报日期", "Date"),
    "stats.seal": ("（单位盖章）", "(seal of the unit)"),
    "stats.page": ("第 {n} 页", "Page {n}"),
    # errors
    "stats.bad_period": ("统计期间“{text}”无法识别：应为 2026-11（月）、2026-Q4（季度）或 "
                         "campaign:<编号>（专项行动）",
                         "cannot read the period \"{text}\": give 2026-11 (month), 2026-Q4 "
                         "(quarter) or campaign:<id>"),
    "stats.not_manual": ("“{figure}”不是人工填报项；可填：{figures}",
                         "\"{figure}\" is not entered by hand; these are: {figures}"),
    "stats.bad_value": ("{figure} 的数值 {value} 无效：应为非负数（件数为整数）",
                        "invalid value {value} for {figure}: a number not below 0 (a whole "
                        "number for counts)"),
    "stats.bad_case": ("典型案例须有标题和正文，合计不超过 {n} 字",
                       "a typical case needs a title and a text, {n} characters at most"),
    "stats.no_unit": ("未指定填报单位，本机身份也没有单位名称：请用 --unit 指定",
                      "no unit given and this store's identity names none: give --unit"),
    "stats.format": ("无法写出 {path}：统计报表只能导出为 .xlsx 或 .pdf",
                     "cannot write {path}: the report exports as .xlsx or .pdf only"),
    "stats.mapping": ("映射文件 {path} 第 {place} 处有误：{reason}",
                      "mapping file {path}, at {place}: {reason}"),
    "stats.mapping_figure": ("未知统计项“{figure}”", "unknown figure \"{figure}\""),
    "stats.mapping_shape": ("应为 sheet、cells、rows 等键", "expected keys sheet, cells, rows"),
    "stats.template": ("无法读取模板 {path}：{reason}",
                       "cannot read the template {path}: {reason}"),
    # command line
    "cli.stats_help": ("统计报表：导出、人工填报数和典型案例",
                       "the statistics report: export, figures entered by hand, typical cases"),
    "cli.stats_report_help": ("导出统计报表（.xlsx 或 .pdf）", "export the report (.xlsx or .pdf)"),
    "cli.stats_period_help": ("统计期间：2026-11、2026-Q4 或 campaign:<编号>；默认本月",
                              "period: 2026-11, 2026-Q4 or campaign:<id>; default this month"),
    "cli.stats_area_help": ("地区（主体地址中包含的文字）", "area (part of the subject's address)"),
    "cli.stats_unit_help": ("单位（检查机关名称）", "unit (the inspecting authority's name)"),
    "cli.stats_template_help": ("用户提供的报表模板 .xlsx", "the report template to fill (.xlsx)"),
    "cli.stats_mapping_help": ("模板的映射文件（YAML）", "the template's mapping file (YAML)"),
    "cli.stats_filer_help": ("封面：填报人", "cover: who fills it in"),
    "cli.stats_phone_help": ("封面：联系电话", "cover: telephone"),
    "cli.stats_enter_help": ("人工填报：统计数（移送立案、罚没款）或典型案例",
                             "enter by hand: a figure (cases transferred, fines) or a "
                             "typical case"),
    "cli.stats_figure_help": ("填报项：cases_transferred（移送立案：本工具记录的移送已自动计入，"
                              "只填其他移送）或 fines（罚没款，元）",
                              "figure: cases_transferred (the transfers this tool records are "
                              "counted already: enter only the others) or fines (yuan)"),
    "cli.stats_case_help": ("典型案例标题（正文用 --text）",
                            "a typical case's title (text with --text)"),
    "cli.stats_show_help": ("输出文件（.xlsx 或 .pdf）；省略则在终端显示",
                            "the file to write (.xlsx or .pdf); without it, the terminal"),
    "cli.stats_sector_help": ("行业（省略则不分行业）", "sector (none: not by sector)"),
    "cli.stats_value_help": ("填报的数值", "the value entered"),
    "cli.stats_text_help": ("典型案例正文", "the typical case's text"),
    "cli.stats_written": ("已导出统计报表：{path}", "report written: {path}"),
    "cli.stats_entered": ("已填报：{what}（{period}，{unit}）",
                          "entered: {what} ({period}, {unit})"),
}

add_messages(MESSAGES)
