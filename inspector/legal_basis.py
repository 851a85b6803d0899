"""Legal bases written as people write them in a check sheet, and back.

《医疗机构管理条例》第十五条、第二十四条；《护士条例》第八条 is two bases: a title in
《》, then the articles it cites. A 规范性文件 keeps its 文号 after the title, in （）
or bare (《通知》应急厅〔2020〕31号). Articles are Chinese numerals as the texts print
them (第十五条, 第二十四条第一款, 第三十五条（八）, 第四十条至第四十七条); 第15条 is
accepted and written 第十五条. Anything else is refused: a citation that cannot be
read would be printed on a notice as it stands.
"""

import re

DIGITS = "零一二三四五六七八九"
UNITS = (("千", 1000), ("百", 100), ("十", 10))
NUMERAL = rf"[{DIGITS}〇两十百千\d]+"
# one part of an article reference, and what may stand between two parts
ARTICLE_PART = (rf"第{NUMERAL}[条款项章节]|之{NUMERAL}|第?[（(]{NUMERAL}[）)]项?")
JOINERS = r"、|，|,|和|及|以及|至|到|\s"
ARTICLES = re.compile(rf"(?:{ARTICLE_PART})(?:(?:{JOINERS})*(?:{ARTICLE_PART}))*")
# a bare 文号: issuer〔year〕number号 (also [ ] 【 】 ( ) around the year)
DOC_NUMBER = re.compile(
    r"(?P<number>[^\s《》、，；;（）()]*?[〔\[【(（]\d{4}[〕\]】)）]\s*第?\d+号)")
# a document or standard number in brackets after the title: （应急厅〔2020〕31号）, (GB 10631-2025)
BRACKETED_NUMBER = re.compile(rf"[（(](?!{NUMERAL}[）)])(?P<number>[^（）()]+)[）)]")
BETWEEN = "、，,；;和及以及与 \t\n"  # what may separate one cited title from the next
TITLE = re.compile(r"《([^《》]+)》")


class BasisError(ValueError):
    """A basis text that cannot be read; the message says which part."""


def chinese_number(value: int) -> str:
    """1 -> 一, 15 -> 十五, 24 -> 二十四, 105 -> 一百零五 (1 to 9999, as laws number)."""
    if not 0 < value < 10000:
        raise ValueError(value)
    text, pending_zero = "", False
    for unit, size in UNITS:
        digit, value = divmod(value, size)
        if digit:
            if pending_zero:
                text += "零"
            text += ("" if unit == "十" and not text and digit == 1 else DIGITS[digit]) + unit
            pending_zero = False
        elif text:
            pending_zero = True
    if value:
        text += ("零" if pending_zero else "") + DIGITS[value]
    return text


def number_value(text: str) -> int:
    """十五 -> 15, 二十四 -> 24, 一百零五 -> 105, 15 -> 15; ValueError otherwise."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text.replace("〇", "零").replace("两", "二"):
        if char in DIGITS:
            digit = DIGITS.index(char)
            continue
        size = dict(UNITS).get(char)
        if size is None:
            raise ValueError(text)
        total += (1 if digit is None else digit) * size
        digit = None
    total += digit or 0
    if not total:
        raise ValueError(text)
    return total


def _normalise_articles(text: str) -> str:
    """Arabic article numbers as Chinese numerals: 第15条 -> 第十五条 (（8）stays)."""
    return re.sub(r"第(\d+)([条款项章节])",
                  lambda m: f"第{chinese_number(int(m.group(1)))}{m.group(2)}", text)


def _articles(text: str, title: str) -> str:
    text = text.strip(BETWEEN)
    if not text:
        return ""
    if not ARTICLES.fullmatch(text):
        raise BasisError(f"《{title}》{text}")
    for number in re.findall(rf"第({NUMERAL})[条款项章节]", text):
        try:
            number_value(number)
        except ValueError:
            raise BasisError(f"《{title}》{text}") from None
    return _normalise_articles(text)


def parse(text: str) -> list[dict]:
    """The bases `text` cites: [{law, number?, articles?}, ...]; BasisError names the
    part that cannot be read."""
    text = (text or "").strip()
    titles = list(TITLE.finditer(text))
    if not titles:
        if text:
            raise BasisError(text)
        return []
    if text[:titles[0].start()].strip(BETWEEN):
        raise BasisError(text[:titles[0].start()])
    bases = []
    for here, following in zip(titles, [*titles[1:], None], strict=True):
        law = here.group(1).strip()
        tail = text[here.end():following.start() if following else len(text)]
        tail = tail.strip(BETWEEN)
        basis = {"law": law}
        number = BRACKETED_NUMBER.match(tail) or DOC_NUMBER.match(tail)
        if number:
            basis["number"] = number.group("number").strip()
            tail = tail[number.end():]
        articles = _articles(tail, law)
        if articles:
            basis["articles"] = articles
        bases.append(basis)
    return bases


def render(bases: list[dict]) -> str:
    """The bases as one line, each as printed: 《title》（number）articles；《title》articles."""
    from .checklists import cite

    return "；".join(cite(basis) for basis in bases)
