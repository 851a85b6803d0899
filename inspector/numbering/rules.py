"""The shape of a document number and of a block of them. A leaf: no store."""

NOTICE = "notice"  # 责令整改通知书
RECORD = "record"  # 现场检查笔录: printed on a blank paper form, transcribed later (补录)
TRANSFER = "transfer"  # 案件移送函: findings another authority is competent for, sent to it
KINDS = (NOTICE, RECORD, TRANSFER)
MAX_SEQ = 999_999  # a block's last number at most (a county issues thousands a year)


def format_number(prefix: str, year: int, seq: int) -> str:
    """某市监责改〔2026〕12号: the prefix the bureau uses, the year, the serial."""
    return f"{prefix}〔{year}〕{seq}号"


def valid_block(data: dict) -> bool:
    """A block's data as a bureau may assign it: a prefix, a year, first <= last."""
    prefix, year, first, last = (data.get(k) for k in ("prefix", "year", "first", "last"))
    return isinstance(prefix, str) and 0 < len(prefix.strip()) <= 40 and \
        all(type(v) is int for v in (year, first, last)) and 2000 <= year <= 2999 and \
        1 <= first <= last <= MAX_SEQ and data.get("kind") in KINDS


def fits(block: dict, data: dict) -> bool:
    """Whether a document's number is one of `block`'s, written as the rule says."""
    seq = data.get("seq")
    return type(seq) is int and block["first"] <= seq <= block["last"] and \
        data.get("prefix") == block["prefix"] and data.get("year") == block["year"] and \
        data.get("kind") == block["kind"] and \
        data.get("number") == format_number(block["prefix"], block["year"], seq)


def serves(bureau: str | None, authority: str | None, named: list[str]) -> bool:
    """Whether a block that `bureau` (its organisation) assigned numbers a document
    issued in `authority`'s name on an inspection of the bureaus `named` (lead first):
    a joint authority's only from its own bureau's blocks; the lead's (or one in no
    authority's name, as before authorities were recorded) from any block but another
    named bureau's. An authority not on the inspection issues nothing."""
    if authority is None or (named and authority == named[0]):
        return bureau not in named[1:]
    return authority in named[1:] and bureau == authority
