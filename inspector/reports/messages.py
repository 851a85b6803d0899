"""Labels of the report documents: key -> (中文, English).

Registered in the shared catalogue (so the CLI and UI can use them with t());
documents pick a language per call with label(), independent of the UI language.
"""

from ..i18n import add_messages

MESSAGES: dict[str, tuple[str, str]] = {
    # the proof of service (送达回证) that follows a notice
    "service.title": ("送达回证", "Proof of service"),
    "service.document": ("送达文书名称", "Document served"),
    "service.number": ("文号", "Document no."),
    "service.recipient": ("受送达人", "Recipient"),
    "service.place": ("送达地点", "Place of service"),
    "service.method": ("送达方式", "Manner of service"),
    "service.method_value": ("□ 直接送达　□ 留置送达　□ 邮寄送达　□ 其他：＿＿＿＿", "□ in person  □ left at the premises  □ by post  □ other: ____"),
    "service.recipient_sign": ("受送达人签名或盖章", "Recipient's signature or seal"),
    "service.proxy": ("代收人及代收理由", "Received on the recipient's behalf by, and why"),
    "service.server_sign": ("送达人签名", "Served by"),
    "service.refused": ("拒收情况及见证人签名", "Refusal, and the witness's signature"),
    "service.sign_line": ("＿＿＿＿＿＿＿＿＿＿　　＿＿＿＿年＿＿月＿＿日", "____________  date: __________"),
    # checked 2026-11-29 against 民事诉讼法 (2023-09-01 revision) art. 89, LawRefBook/Laws
    "service.note": ("受送达人拒绝接收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，在送达回证上记明拒收事由和日期，由送达人、见证人签名或者盖章，把文书留在受送达人的住所；也可以把文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程，即视为送达（《中华人民共和国民事诉讼法》第八十九条）。", "If the recipient refuses to accept it, the server may ask a representative of the local community or of the recipient's organisation to attend, records the reason and date of the refusal on this proof, signs it with the witness, and leaves the document at the recipient's premises; or leaves it there and records the service by photo or video. It then counts as served (Civil Procedure Law art. 89)."),
    "service.method.direct": ("直接送达", "in person"),
    "service.method.lodged": ("留置送达", "left at the premises"),
    "service.method.post": ("邮寄送达", "by post"),
    "service.method.electronic": ("电子送达", "electronically"),
    "service.method.entrusted": ("委托送达", "through an agent"),
    "service.served_on": ("{date}", "{date}"),
    "service.refused_value": ("受送达人拒绝签收。拒收事由：{reason}；见证人：{witness}；日期：{date}", "The recipient refused to sign. Reason: {reason}; witness: {witness}; date: {date}"),
    "service.no_reason": ("未说明", "none given"),
    "service.not_refused": ("无", "none"),
    # the blank paper record (paper fallback)
    "blank.heading": ("现场检查笔录", "On-site inspection record"),
    "blank.title": ("{title}（纸质备用）", "{title} (paper backup)"),
    "blank.version": ("检查表版本 {version}", "checklist version {version}"),
    "blank.initials": ("当事人签字（每页）：", "Party's initials (each page): "),
    "blank.authority": ("检查机关", "Inspecting authority"),
    "blank.subject": ("被检查单位", "Inspected entity"),
    "blank.uscc": ("统一社会信用代码", "Credit code"),
    "blank.address": ("地址", "Address"),
    "blank.legal_rep": ("法定代表人/负责人", "Legal representative"),
    "blank.place": ("检查地点", "Place"),
    "blank.time": ("检查时间", "Time"),
    "blank.officer": ("执法人员/执法证号", "Officer / badge no."),
    "blank.representative": ("现场负责人", "Representative on site"),
    "blank.number": ("文号", "Document no."),
    "blank.credentials": ("执法人员已出示执法证件，表明身份，并告知当事人有申请执法人员回避的权利。当事人是否申请回避：□ 否　□ 是（理由：＿＿＿＿＿＿）",
                          "The officers showed their credentials and told the party of its right to ask for an officer's withdrawal. Withdrawal asked: □ no  □ yes (reason: ______)"),
    "blank.col_no": ("序号", "No."),
    "blank.col_item": ("检查内容及依据", "Item and legal basis"),
    "blank.col_answer": ("检查情况", "Finding"),
    "blank.col_note": ("备注/照片编号", "Note / photo no."),
    "blank.required": ("（必查）", " (required)"),
    "blank.observation": ("（观察事项，不责令整改）", " (observation: orders nothing)"),
    "blank.basis": ("依据：{basis}", "Basis: {basis}"),
    "blank.when_equals": ("（第{item}项为“{values}”时检查）", "(check when item {item} is \"{values}\")"),
    "blank.when_not": ("（第{item}项不为“{values}”时检查）", "(check unless item {item} is \"{values}\")"),
    "blank.when_in": ("（第{item}项为“{values}”之一时检查）", "(check when item {item} is one of \"{values}\")"),
    "blank.yes": ("是", "yes"),
    "blank.no": ("否", "no"),
    "blank.na": ("不适用", "n/a"),
    "blank.one": ("（选一项）", "(tick one)"),
    "blank.several": ("（可多选）", "(tick all that apply)"),
    "blank.date": ("＿＿＿＿年＿＿月＿＿日", "____-__-__"),
    "blank.photo": ("已拍照，照片编号：＿＿＿＿", "photographed, photo no.: ____"),
    "blank.party_statement": ("当事人意见", "The party's statement"),
    "blank.read_back": ("以上笔录已向当事人宣读（或交其阅读），核对无误。", "This record was read back to the party (or given to it to read) and found correct."),
    "blank.sign_officer": ("执法人员签名", "Officer's signature"),
    "blank.sign_party": ("当事人签名（或盖章）", "Party's signature (or seal)"),
    "blank.sign_witness": ("见证人签名（当事人拒绝签名时）", "Witness (if the party refuses to sign)"),
    "blank.date_line": ("＿＿＿＿年＿＿月＿＿日", "date: ________"),
    "blank.transcribe": ("本笔录于设备故障时使用；事后须在系统中补录，注明“据纸质笔录补录”，并附本笔录签字页照片。", "Used when the device fails; enter it in the system afterwards, marked as transcribed from paper, with a photo of this signed record attached."),
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
    "role.witness": ("见证人", "Witness"),
    "report.qr_caption": ("扫码核验", "Scan to verify"),
    "report.page": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "report.draft_mark": ("草稿 — 未完成", "DRAFT — NOT COMPLETED"),
    # the on-site record's details (inspector.onsite)
    "report.officer_badge": ("{name}（执法证号：{badge}）", "{name} (badge no. {badge})"),
    "report.blank": ("＿＿＿＿＿＿＿＿", "____________"),
    "report.recorder": ("记录人", "Recorder"),
    # checked 2026-11-30 against 行政处罚法 (2021-01-22 revision) art. 55 (出示执法证件)
    # and art. 43 (申请回避), LawRefBook/Laws 行政法/行政处罚法(2021-01-22).md
    "report.credentials": ("执法人员已向当事人出示执法证件，表明身份，并告知当事人：认为执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，有权申请回避（《中华人民共和国行政处罚法》第五十五条、第四十三条）。",
                           "The officers showed the party their enforcement credentials and told it that it may ask for an officer's withdrawal if it believes the officer has a direct interest in the case or another relation that may affect fair enforcement (Administrative Penalty Law art. 55, art. 43)."),
    "report.party_statement": ("当事人意见", "The party's statement"),
    "report.statement_blank": ("＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿",
                               "________________________________________________________________"),
    "report.refused": ("当事人拒绝签名，由见证人签名证明。", "The party refused to sign; a witness signed instead."),
    "report.sign_witness": ("见证人（当事人拒绝签名时）", "Witness (if the party refuses to sign)"),
    "report.withdrawal.no": ("当事人是否申请回避：否。", "Withdrawal asked: no."),
    "report.withdrawal.yes": ("当事人是否申请回避：是。申请内容：{request}", "Withdrawal asked: yes. Request: {request}"),
    "report.withdrawal.blank": ("当事人是否申请回避：□ 否　□ 是（理由：＿＿＿＿＿＿＿＿＿＿）", "Withdrawal asked: □ no  □ yes (reason: ______________)"),
    "report.paper": ("根据纸质记录补录：纸质检查记录日期 {date}{number}；补录人 {transcriber}，补录时间 {at}。纸质记录经当事人签字，其照片附后。", "Transcribed from a paper record: the paper inspection of {date}{number}; transcribed by {transcriber} at {at}. The paper record was signed by the party; its photo is attached."),
    "report.paper_number": ("，编号 {number}", ", no. {number}"),
    "report.initials": ("当事人签名：＿＿＿＿＿＿　　执法人员签名：＿＿＿＿＿＿　＿＿＿＿＿＿",
                        "Party: __________   Officers: __________  __________"),
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
    # checked 2026-11-29 against 行政复议法 (2023-09-01 revision) art. 20 and 行政诉讼法
    # (2017-06-27 revision) art. 46, LawRefBook/Laws
    "notice.rights": ("当事人对本通知不服的，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。",
                      "If the party disagrees with this notice, it may apply for administrative reconsideration within sixty days of receiving it, or bring an administrative lawsuit before a people's court within six months (Administrative Reconsideration Law art. 20; Administrative Litigation Law art. 46)."),
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
