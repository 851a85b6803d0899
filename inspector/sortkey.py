"""Subjects' sort key: their names in pinyin, so that lists read 安 < 北 < 中 as a
Chinese reader expects, with Latin names among them (Apple beside 阿里).

The key is stored with each subject (apply writes it, a migration filled the rows
from before) so the list sorts in an index, and the app starts without pypinyin,
which takes a fifth of a second to import: it is imported here, on the first key.

A key is the name's syllables without tones (Latin words in lower case, digits as
they are), then the tones, then the name itself, so that names differing only in
tone or in homophones still sort one way everywhere. pypinyin picks a polyphonic
character's reading from the words around it (重庆 chong qing, 银行 yin hang); a
shop named after its owner's surname (曾记, 区氏) is read as a surname. Limits: a bare
person's name gets the common reading of a polyphonic surname (曾 ceng, 单 dan), and
a word pypinyin does not know may be read otherwise than the company says it.
"""

import unicodedata

# polyphonic characters read otherwise as surnames, and the marks after a surname
# that make a shop's name (曾记 zeng ji, not ceng ji)
SURNAMES = {"曾": "zeng1", "单": "shan4", "解": "xie4", "仇": "qiu2", "朴": "piao2",
            "区": "ou1", "查": "zha1", "盖": "ge3", "乐": "yue4", "缪": "miao4",
            "翟": "zhai2", "覃": "qin2", "尉": "yu4", "召": "shao4", "秘": "bi4"}
SHOP_MARKS = "记氏"
OTHER = "\x00"  # marks what pypinyin hands back unread (Latin, digits, punctuation)
SEPARATOR = "\x1f"  # below every printable character: a name sorts before its longer forms


def sort_key(name: str | None) -> str:
    """The stored key a subject named `name` sorts by."""
    text = " ".join(unicodedata.normalize("NFKC", name or "").split())
    letters, tones = [], []
    for syllable in _syllables(text):
        if syllable.startswith(OTHER):  # a run that is not Chinese: its words, lower case
            letters.extend(syllable[1:].casefold().split())
        else:
            letters.append(syllable[:-1])
            tones.append(syllable[-1])
    return SEPARATOR.join((" ".join(letters), "".join(tones), text))


def _syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # 0.2 s: only when a key is made

    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                            errors=lambda run: OTHER + run)
    if text[:1] in SURNAMES and text[1:2] in SHOP_MARKS:
        syllables[0] = SURNAMES[text[0]]
    return syllables


def sql_function(conn) -> None:
    """Let SQL ask for keys (the migration that filled the existing rows does)."""
    conn.create_function("subject_sort_key", 1, sort_key, deterministic=True)
