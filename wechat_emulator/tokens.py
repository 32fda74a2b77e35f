"""access_token issuing and checking (getAccessToken and getStableAccessToken).

* ``/cgi-bin/token`` issues a NEW token on every call; the one it replaces keeps
  working for ``token_grace_seconds`` (WeChat: 5 minutes), then answers 40001.
* ``/cgi-bin/stable_token`` returns the current stable token while it has more than
  ``min(300, ttl/2)`` seconds left, else issues a new one (the old one lives on until
  its own expiry); ``force_refresh`` revokes the current one at once. The two kinds
  are isolated from each other, as WeChat documents.
* A token past its ``expires_at`` answers 42001; a revoked or unknown one 40001.

These methods are mixed into EmulatorState and run under its lock.
"""

from __future__ import annotations

import hmac
import secrets
from collections import Counter
from dataclasses import dataclass

from . import errors as E
from .errors import WxError

STABLE_REFRESH_AHEAD = 300


@dataclass
class Token:
    value: str
    appid: str
    kind: str  # "token" or "stable_token"
    issued_at: float
    expires_at: float
    revoked_at: float | None = None

    def to_dict(self, now: float) -> dict:
        return {
            "access_token": self.value,
            "appid": self.appid,
            "kind": self.kind,
            "issued_at": self.issued_at,
            "expires_at": self.expires_at,
            "revoked_at": self.revoked_at,
            "status": self.status(now),
        }

    def status(self, now: float) -> str:
        if self.revoked_at is not None and now >= self.revoked_at:
            return "invalid"
        if now >= self.expires_at:
            return "expired"
        return "valid"


class TokenMixin:
    def _init_tokens(self) -> None:
        self._tokens: dict[str, Token] = {}
        self._current: dict[tuple[str, str], str] = {}
        self.tokens_issued: Counter = Counter()

    # -- credentials -------------------------------------------------------
    def check_app(self, appid, secret) -> None:
        """Raise the WeChat error for a missing/unknown appid or secret."""
        if not appid:
            raise WxError(E.APPID_MISSING)
        if appid not in self.apps:
            raise WxError(E.INVALID_APPID)
        if not secret:
            raise WxError(E.APPSECRET_MISSING)
        if not hmac.compare_digest(str(secret).encode(), self.apps[appid].encode()):
            raise WxError(E.INVALID_APPSECRET)

    # -- issuing -----------------------------------------------------------
    def _new_token(self, appid: str, kind: str, now: float) -> Token:
        value = f"{int(now) % 100:02d}_" + secrets.token_urlsafe(96)
        tok = Token(value, appid, kind, now, now + self.token_ttl)
        self._tokens[value] = tok
        self._current[(appid, kind)] = value
        self.tokens_issued[kind] += 1
        return tok

    def issue_token(self, appid: str) -> tuple[str, int]:
        """getAccessToken: always a new token; the previous one gets a grace period."""
        with self._lock:
            now = self.now()
            old = self._tokens.get(self._current.get((appid, "token"), ""))
            if old is not None:
                deadline = now + self.token_grace_seconds
                if old.revoked_at is None or old.revoked_at > deadline:
                    old.revoked_at = deadline
            tok = self._new_token(appid, "token", now)
            return tok.value, int(self.token_ttl)

    def stable_token(self, appid: str, force_refresh: bool = False) -> tuple[str, int]:
        """getStableAccessToken: the current stable token unless it must be renewed."""
        with self._lock:
            now = self.now()
            cur = self._tokens.get(self._current.get((appid, "stable_token"), ""))
            if cur is not None and force_refresh:
                if cur.revoked_at is None or cur.revoked_at > now:
                    cur.revoked_at = now
                cur = None
            ahead = min(STABLE_REFRESH_AHEAD, self.token_ttl / 2)
            if cur is None or cur.status(now) != "valid" or cur.expires_at - now <= ahead:
                cur = self._new_token(appid, "stable_token", now)
            return cur.value, max(0, int(cur.expires_at - now))

    # -- checking ----------------------------------------------------------
    def check_token(self, value) -> str:
        """Return the appid of a usable token, else raise 41001 / 40001 / 42001."""
        if not value:
            raise WxError(E.ACCESS_TOKEN_MISSING)
        with self._lock:
            tok = self._tokens.get(value)
            if tok is None:
                raise WxError(E.INVALID_CREDENTIAL)
            status = tok.status(self.now())
        if status == "invalid":
            raise WxError(E.INVALID_CREDENTIAL)
        if status == "expired":
            raise WxError(E.ACCESS_TOKEN_EXPIRED)
        return tok.appid

    # -- control -----------------------------------------------------------
    def _usable(self, appid):
        now = self.now()
        for tok in self._tokens.values():
            if (appid is None or tok.appid == appid) and tok.status(now) == "valid":
                yield tok, now

    def expire_tokens(self, appid: str | None = None) -> int:
        """Every currently usable token answers 42001 from now on."""
        with self._lock:
            n = 0
            for tok, now in list(self._usable(appid)):
                tok.expires_at = now
                n += 1
            return n

    def invalidate_tokens(self, appid: str | None = None) -> int:
        """Every currently usable token answers 40001 from now on."""
        with self._lock:
            n = 0
            for tok, now in list(self._usable(appid)):
                tok.revoked_at = now
                n += 1
            return n

    def token_list(self) -> list[dict]:
        with self._lock:
            now = self.now()
            return [t.to_dict(now) for t in self._tokens.values()]
