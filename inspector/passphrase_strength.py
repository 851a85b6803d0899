"""How hard a new passphrase is to guess, judged by zxcvbn.

zxcvbn is the maintained Python port of Dropbox's estimator: it counts the guesses an
attacker needs who tries common passwords, words, names, keyboard rows, repeats,
sequences and dates first, and the person's own name, so `12345678`, `password`,
`aaaaaaaa` and eight spaces are refused while a phrase of a few uncommon words (in
any script) passes. Only a passphrase being chosen is judged; one typed to unlock a
key is whatever was chosen then.
"""

from zxcvbn import zxcvbn

from .errors import ValidationError
from .i18n import t

# zxcvbn's scores 0-4; 3 is "safely unguessable" (about 10^8-10^10 guesses): with the
# memory-hard KDF sealing the key, each guess costs an attacker a costly scrypt run
MIN_SCORE = 3
CHECKED_LENGTH = 72  # zxcvbn refuses longer input; a passphrase longer is judged by these

# zxcvbn's feedback is a fixed set of English sentences: each has its message
# (messages.py, passphrase.KEY)
FEEDBACK = {
    "Use a few words, avoid common phrases.": "few_words",
    "No need for symbols, digits, or uppercase letters.": "no_symbols_needed",
    "Add another word or two. Uncommon words are better.": "add_words",
    "Straight rows of keys are easy to guess.": "key_rows",
    "Short keyboard patterns are easy to guess.": "keyboard_patterns",
    "Use a longer keyboard pattern with more turns.": "longer_pattern",
    'Repeats like "aaa" are easy to guess.': "repeats",
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': "repeated_words",
    "Avoid repeated words and characters.": "avoid_repeats",
    'Sequences like "abc" or "6543" are easy to guess.': "sequences",
    "Avoid sequences.": "avoid_sequences",
    "Recent years are easy to guess.": "recent_years",
    "Avoid recent years.": "avoid_recent_years",
    "Avoid years that are associated with you.": "avoid_your_years",
    "Dates are often easy to guess.": "dates",
    "Avoid dates and years that are associated with you.": "avoid_your_dates",
    "This is a top-10 common password.": "top10",
    "This is a top-100 common password.": "top100",
    "This is a very common password.": "very_common",
    "This is similar to a commonly used password.": "similar_common",
    "A word by itself is easy to guess.": "one_word",
    "Names and surnames by themselves are easy to guess.": "names_alone",
    "Common names and surnames are easy to guess.": "common_names",
    "Capitalization doesn't help very much.": "capitals",
    "All-uppercase is almost as easy to guess as all-lowercase.": "all_upper",
    "Reversed words aren't much harder to guess.": "reversed",
    "Predictable substitutions like '@' instead of 'a' don't help very much.": "l33t",
}


_UNITS = (("years", 365 * 86400), ("days", 86400), ("hours", 3600), ("minutes", 60),
          ("seconds", 1))


def check_new_passphrase(secret: str, personal: list[str | None] = ()) -> None:
    """Refuse a weak new passphrase (ValidationError) saying why; `personal` holds the
    person's own name, organisation, credit code: guessed first by an attacker."""
    result = zxcvbn(secret[:CHECKED_LENGTH], user_inputs=[p for p in personal if p])
    if result["score"] >= MIN_SCORE:
        return
    seconds = float(result["crack_times_seconds"]["offline_slow_hashing_1e4_per_second"])
    raise ValidationError(t("passphrase.weak", reason=_reason(result), time=_duration(seconds)))


def _reason(result: dict) -> str:
    """zxcvbn's warning, else its first suggestion, in the catalogue's words; a match of
    the person's own details, or the score, where zxcvbn says nothing we know."""
    feedback = result["feedback"]
    for text in [feedback["warning"], *feedback["suggestions"]]:
        if text in FEEDBACK and FEEDBACK[text] != "add_words":  # add_words: said last
            return t(f"passphrase.{FEEDBACK[text]}")
    if any(m.get("dictionary_name") == "user_inputs" for m in result["sequence"]):
        return t("passphrase.personal")
    if "Add another word or two. Uncommon words are better." in feedback["suggestions"]:
        return t("passphrase.add_words")
    return t("passphrase.generic", score=result["score"], needed=MIN_SCORE)


def _duration(seconds: float) -> str:
    """An attack's time, roughly, in the largest whole unit."""
    if seconds < 1:
        return t("passphrase.time.instant")
    unit, size = next((unit, size) for unit, size in _UNITS if seconds >= size)
    return t(f"passphrase.time.{unit}", n=int(seconds // size))
