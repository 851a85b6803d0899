"""Labels of the report documents: key -> (中文, English).

Registered in the shared catalogue (so the CLI and UI can use them with t());
documents pick a language per call with label(), independent of the UI language.
"""

from ..i18n import add_messages

MESSAGES: dict[str, tuple[str, str]] = {
    # inspection report: titles and header
    "report.title.inspection": ("现场检查记录", "On-site inspection record"),
    "report.title.self_check": ("企业自查报告", "Company self-check report"),
    "report.subject.inspection": ("被检查单位", "Inspected entity"),
    "report.subject.self_check": ("自查单位", "Company"),
    "report.uscc": ("统一社会信用代码", "Unified social credit code"),
    "report.sector": ("行业", "Sector"),
    "report.address": ("地址", "Address"),
    "report.legal_rep": ("法定代表人/负责人", "Legal representative"),
    "report.phone": ("联系电话", "Phone"),
    "report.authority": ("检查机关", "Inspecting authority"),
    "report.place.inspection": ("检查地点", "Place of inspection"),
    "report.place.self_check": ("自查地点", "Place"),
    "report.time.inspection": ("检查时间", "Time of inspection"),
    "report.time.self_check": ("自查时间", "Time of self-check"),
    "report.people.inspection": ("检查人员", "Inspectors"),
    "report.people.self_check": ("自查人员", "Performed by"),
    "report.representative": ("现场负责人", "Representative on site"),
    "report.checklist": ("检查表", "Checklist"),
    "report.checklist_ref": ("{title}（{id}，版本 {version}，摘要 {hash}）",
                             "{title} ({id}, version {version}, digest {hash})"),
    "report.time_range": ("{start} 至 {end}", "{start} to {end}"),
    "report.unfinished": ("未结束", "not finished"),
    "report.time_zone": ("（北京时间）", " (Beijing time)"),
    # summary
    "report.summary": ("检查结果汇总", "Summary"),
    "report.summary_line": ("应查 {shown} 项，已填写 {answered} 项：合格 {passed} 项，"
                            "不合格 {failed} 项，不适用 {na} 项。",
                            "{shown} items to check, {answered} answered: {passed} compliant, "
                            "{failed} non-compliant, {na} not applicable."),
    "report.by_severity": ("不合格项按严重程度：{counts}。",
                           "Non-compliant by severity: {counts}."),
    "report.severity_count": ("{severity} {n} 项", "{severity} {n}"),
    "report.self_statement": ("本单位已按检查表逐项自查，以上情况属实。",
                              "We checked ourselves against the checklist item by item; "
                              "the above is true."),
    # findings
    "report.findings.inspection": ("检查情况", "Findings"),
    "report.findings.self_check": ("自查情况", "Findings"),
    "report.section_counts": ("（{answered}/{shown} 项，不合格 {failed} 项）",
                              " ({answered}/{shown} answered, {failed} non-compliant)"),
    "report.col.no": ("编号", "No."),
    "report.col.item": ("检查内容", "Check"),
    "report.col.result": ("检查结果", "Result"),
    "report.col.severity": ("严重程度", "Severity"),
    "report.note": ("情况说明：", "Note: "),
    "report.basis": ("依据：", "Legal basis: "),
    "report.photo_ref": ("见照片 {refs}", "see photo {refs}"),
    "report.unanswered": ("未填写", "not answered"),
    "answer.yes": ("合格", "Compliant"),
    "answer.no": ("不合格", "Non-compliant"),
    "answer.na": ("不适用", "N/A"),
    "severity.info": ("提示", "info"),
    "severity.minor": ("一般", "minor"),
    "severity.major": ("较重", "major"),
    "severity.critical": ("严重", "critical"),
    "report.observed": ("观察事项", "observation"),
    # rectification, photos, signatures, QR, footer
    "report.rectification": ("整改要求及期限", "Rectification requirements and deadlines"),
    "report.rect.problem": ("存在问题", "Problem"),
    "report.rect.requirement": ("整改要求", "Requirement"),
    "report.rect.deadline": ("整改期限", "Deadline"),
    "report.rect.none": ("未发现需要整改的问题。",
                         "No problems requiring rectification were found."),
    "report.rect.draft": ("检查尚未完成：整改项在完成检查时生成。",
                          "The inspection is not completed: rectification items are created "
                          "on completion."),
    "report.photos": ("现场照片", "Photos"),
    "report.photo_caption": ("照片 {n}　{item}", "Photo {n}  {item}"),
    "report.photo_general": ("其他", "general"),
    "report.photo_unreadable": ("照片无法读取（{sha}）", "photo cannot be read ({sha})"),
    "report.signatures": ("签名", "Signatures"),
    "report.record_statement": ("以上记录已向被检查单位现场负责人宣读（或交其阅读），核对无误。",
                                "This record was read to (or by) the representative on site "
                                "and found correct."),
    "report.signed_at": ("签名时间：{at}", "signed {at}"),
    "report.sign_here": ("{role}（签名）：", "{role} (signature):"),
    "role.inspector": ("检查人员", "Inspector"),
    "role.representative": ("被检查单位负责人", "Representative"),
    "role.company": ("企业负责人", "Company representative"),
    "report.qr_caption": ("扫码核验", "Scan to verify"),
    "report.page": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "report.draft_mark": ("草稿 — 未完成", "DRAFT — NOT COMPLETED"),
    # rectification notice
    "notice.title.inspection": ("责令整改通知书", "Rectification notice"),
    "notice.title.self_check": ("自查整改清单", "Self-check rectification list"),
    "notice.number": ("编号：{number}", "No. {number}"),
    "notice.prefix.inspection": ("整改", "RN"),
    "notice.prefix.self_check": ("自查整改", "SR"),
    "notice.to": ("{name}：", "To {name}:"),
    "notice.intro.inspection": (
        "{date}，本机关执法人员依法对你单位（{place}）进行了现场检查，发现存在下列问题。"
        "现责令你单位按下列要求在规定期限内整改：",
        "On {date} our officers inspected your premises ({place}) and found the problems "
        "below. You are ordered to rectify them as required by the deadlines given:"),
    "notice.intro.self_check": (
        "{date}，本单位按《{checklist}》开展自查，发现下列问题，整改要求及期限如下：",
        "On {date} we checked ourselves against the {checklist} and found the problems "
        "below; they will be rectified as follows:"),
    "notice.submit.inspection": ("请于期限届满前将整改报告及佐证材料报送检查机关。",
                                 "Before each deadline, send the rectification report and "
                                 "supporting evidence to the inspecting authority."),
    "notice.submit.self_check": ("整改完成后留存整改前后照片等佐证材料，按要求报送监管部门。",
                                 "Keep before-and-after photos and other evidence of each "
                                 "rectification and send them to the regulator as required."),
    "notice.warning": ("逾期未整改或者整改不到位的，将依法处理。",
                       "Failure to rectify by the deadline will be dealt with according to law."),
    "notice.col.no": ("序号", "No."),
    "notice.issuer": ("{issuer}（盖章）", "{issuer} (seal)"),
    "notice.issued_on": ("{date}", "{date}"),
    "notice.receipt": ("被检查单位签收：", "Received by the entity:"),
    "notice.receipt_self": ("单位负责人签字：", "Signed by the person in charge:"),
    "notice.date_line": ("日期：", "Date:"),
    "notice.copies": ("本通知书一式两份，一份交被检查单位，一份由检查机关存档。",
                      "This notice is made in two copies: one for the entity, one for the "
                      "authority's file."),
    "notice.draft": ("检查记录 {id} 尚未完成：整改项在完成检查时生成，请先完成检查",
                     "inspection {id} is not completed: rectification items are created on "
                     "completion, so complete it first"),
    "notice.nothing": ("检查记录 {id} 没有不合格项，无需出具整改通知",
                       "inspection {id} has no non-compliant items: there is nothing to rectify"),
    "notice.at_once": ("立即", "at once"),
    "notice.by_deadline": ("{date}前完成", "complete by {date}"),
    # ledger
    "ledger.title": ("整改台账", "Rectification ledger"),
    "ledger.generated": ("生成日期：{date}　共 {n} 条", "Generated {date}, {n} items"),
    "ledger.format": ("不支持的台账格式“{suffix}”：请使用 .xlsx、.csv 或 .pdf",
                      'unsupported ledger format "{suffix}": use .xlsx, .csv or .pdf'),
    "ledger.overdue": ("{status}（逾期）", "{status} (overdue)"),
    "ledger.review.closed": ("合格，予以销号", "accepted, closed"),
    "ledger.review.reopened": ("不合格，重新整改", "rejected, to be rectified again"),
    "rect_status.open": ("待整改", "open"),
    "rect_status.submitted": ("已提交", "submitted"),
    "rect_status.closed": ("已销号", "closed"),
    "rect_status.reopened": ("重新整改", "reopened"),
    # writing files
}

add_messages(MESSAGES)


def label(key: str, lang: str = "zh", /, **values) -> str:
    """The label `key` in `lang` (zh or en), formatted with `values`."""
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}")
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**values)
