"""Keys derived from the app's secrets, one per purpose, so that no two uses
share a key (HKDF-SHA256 over SECRET_KEY with a purpose label)."""
import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app


@lru_cache(maxsize=32)
def _derive(secret, purpose):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"jusha", info=purpose.encode()).derive(secret.encode())


def derived_key(purpose):
    """32 bytes for ``purpose`` (e.g. "certificate-serial"), from SECRET_KEY."""
    return _derive(current_app.config["SECRET_KEY"], purpose)


def data_encryption_key():
    """The Fernet key for personal data at rest: DATA_ENCRYPTION_KEY when set,
    else one derived from SECRET_KEY."""
    configured = current_app.config.get("DATA_ENCRYPTION_KEY")
    if configured:
        return configured.encode()
    return base64.urlsafe_b64encode(derived_key("personal-data-encryption"))


def encrypt_text(value):
    """``value`` encrypted with the personal-data key (Fernet: AES-128-CBC +
    HMAC-SHA256), as text a column can hold."""
    return Fernet(data_encryption_key()).encrypt(value.encode()).decode()


def decrypt_text(token):
    """The clear text of ``encrypt_text``'s output; None when it cannot be
    read (another key, a value stored before encryption, tampering)."""
    if not token:
        return None
    try:
        return Fernet(data_encryption_key()).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
