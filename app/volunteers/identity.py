"""Identity numbers and names: validate, encrypt at rest, show masked.

The ID-card number (居民身份证号码, GB 11643-1999) is the one field the
service-record rules need that would do harm if it leaked. It is stored only
encrypted (Fernet: AES-128-CBC + HMAC-SHA256), alongside its masked form for
display and an HMAC digest to find duplicates; nothing outside this module
ever sees it in clear, and no API response carries it unmasked.
"""
import hashlib
import hmac
import re
from datetime import date

from app.errors import APIError
from app.keys import decrypt_text, derived_key, encrypt_text

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ID_PATTERN = re.compile(r"^[1-9]\d{16}[\dX]$")
_MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


def id_check_char(first17):
    """The GB 11643 check character (ISO 7064 MOD 11-2) for 17 digits."""
    return _CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def normalise_id_number(raw):
    """The 18-character ID number, upper-case X, or raise ``id_number_invalid``:
    right shape, a real birth date not in the future, and the check character."""
    value = (raw or "").strip().replace(" ", "").upper()
    if not _ID_PATTERN.match(value):
        raise APIError("id_number_invalid")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise APIError("id_number_invalid") from exc
    if born.year < 1900 or born > date.today():
        raise APIError("id_number_invalid")
    if id_check_char(value[:17]) != value[17]:
        raise APIError("id_number_invalid")
    return value


def mask_id_number(value):
    """3301**********1234: region prefix and the last four, as 12306 and banks show it."""
    if not value:
        return None
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_name(name):
    """张* / 欧阳** : the family name's first character, the rest hidden."""
    if not name:
        return "*"
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone):
    """138****5678: enough for an organiser to tell two 王阿姨 apart, not
    enough to harvest numbers from a screen or a forwarded spreadsheet."""
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def normalise_phone(raw):
    value = (raw or "").strip().replace(" ", "").replace("-", "")
    if value.startswith("+86"):
        value = value[3:]
    if not _MOBILE_PATTERN.match(value):
        raise APIError("phone_invalid")
    return value


def encrypt_id_number(value):
    return encrypt_text(value)


def decrypt_id_number(token):
    """The clear ID number, for the few places that must print it in full
    (none in the API today); None when it cannot be read."""
    return decrypt_text(token)


def id_number_digest(value):
    """Keyed digest: equal numbers match, yet the table alone reveals nothing
    (an unkeyed hash of an ID number is brute-forced in seconds)."""
    return hmac.new(derived_key("id-number-digest"), value.encode(), hashlib.sha256).hexdigest()
