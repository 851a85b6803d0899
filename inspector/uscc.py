"""Unified social credit code (统一社会信用代码, GB 32100-2015).

18 characters: registration authority (1), organisation kind (1), region code
(6 digits), organisation code (9, GB 11714), check character (1).
"""

import re

from .i18n import t

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, ...
_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII


def normalise(code: str) -> str:
    """Strip spaces and dashes, fold full-width characters and case."""
    return re.sub(r"[\s\-]", "", code.translate(_FULLWIDTH)).upper()


def check_char(first17: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why `code` (already normalised) is not a valid credit code, or None."""
    if len(code) != 18:
        return t("uscc.length", code=code, n=len(code))
    bad = sorted({c for c in code if c not in CHARSET})
    if bad:
        return t("uscc.chars", code=code, chars="".join(bad))
    if not _SHAPE.match(code):
        return t("uscc.region", code=code)
    expected = check_char(code[:17])
    if code[17] != expected:
        return t("uscc.check", code=code, got=code[17], expected=expected)
    return None


def validate(code: str) -> str:
    """Return the normalised code, or raise ValidationError naming the problem."""
    from .errors import ValidationError

    norm = normalise(code)
    why = problem(norm)
    if why:
        raise ValidationError(why)
    return norm


def complete(first17: str) -> str:
    """Append the check character (used to make demo and test codes)."""
    return first17 + check_char(first17)
