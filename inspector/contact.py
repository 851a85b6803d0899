"""Where a party sends its rectification evidence and whom it asks: the office's phone
and address, kept with this store and printed on every notice it issues, beside the
names of the officers who inspected.

They are settings of this store, not records: they describe the office that prints
the notice, change when it moves, and never travel in bundles.
"""

import unicodedata
from dataclasses import dataclass

from .errors import ValidationError
from .i18n import add_messages, t
from .store import Store

PHONE, ADDRESS = "contact.phone", "contact.address"
MAX_LENGTH = {PHONE: 40, ADDRESS: 120}

add_messages({
    "contact.too_long": ("{what}过长：最多 {n} 个字符",
                         "{what} is too long: at most {n} characters"),
    "contact.control": ("{what}含有控制字符", "{what} contains control characters"),
    "contact.phone": ("联系电话", "the phone number"),
    "contact.address": ("地址", "the address"),
})


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    address: str = ""


def get(store: Store) -> Contact:
    return Contact(store.setting(PHONE, "") or "", store.setting(ADDRESS, "") or "")


def set_contact(store: Store, *, phone: str | None = None,
                address: str | None = None) -> Contact:
    """Replace the values given (an empty string clears one); return the contact."""
    given = {key: value for key, value in ((PHONE, phone), (ADDRESS, address))
             if value is not None}
    cleaned = {key: _clean(key, value) for key, value in given.items()}
    with store.transaction():
        for key, value in cleaned.items():
            store.set_setting(key, value)
    return get(store)


def _clean(key: str, value: str) -> str:
    what = t("contact.phone" if key == PHONE else "contact.address")
    value = " ".join(value.split())  # one line on the notice
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        raise ValidationError(t("contact.control", what=what))
    if len(value) > MAX_LENGTH[key]:
        raise ValidationError(t("contact.too_long", what=what, n=MAX_LENGTH[key]))
    return value
