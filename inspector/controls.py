"""Control characters made visible, one rule for terminals and spreadsheets.

Text from anyone (a company's name, a note, an imported record) may carry characters
that do things instead of showing: ANSI escape sequences that recolour, move the
cursor or retitle a terminal, bidi overrides that show a name backwards, line and
paragraph separators. Each is shown as its code, `\\u001b`, which is also how JSON
writes it, so a JSON line stays valid JSON with the same value.
"""

import re

# C0 (but see `keep`), DEL, C1, lone surrogates (undecodable bytes of an argument or a
# file name), bidi embeddings/overrides/isolates, line and paragraph separators
_UNSAFE = "\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029"
_PATTERNS: dict[str, re.Pattern] = {}


def pattern(keep: str = "") -> re.Pattern:
    """The characters `escape` shows as codes, less those in `keep`."""
    if keep not in _PATTERNS:
        kept = "".join(re.escape(c) for c in keep)
        _PATTERNS[keep] = re.compile(f"(?![{kept}])[{_UNSAFE}]" if keep else f"[{_UNSAFE}]")
    return _PATTERNS[keep]


def escape(text: str, keep: str = "") -> str:
    """`text` with every unsafe character but those in `keep` shown as \\uXXXX."""
    return pattern(keep).sub(lambda m: f"\\u{ord(m.group()):04x}", text)
