"""All emulator state, in memory, in one object guarded by one threading.Lock.

Users, one-time login and phone codes, access tokens (tokens.py), one-time
subscription quotas, delivered messages, fault rules (faults.py), config and
counters. The emulator is one threaded process; every method here is safe to
call from any request thread, and from tests directly (``handle.state``).
"""

from __future__ import annotations

import base64
import copy
import itertools
import os
import secrets
import string
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field

from . import errors as E
from . import qrlinks
from .errors import WxError
from .faults import FaultMixin
from .mediacheck import MediaCheckMixin
from .tokens import TokenMixin

DEFAULT_APPID = "wx0123456789abcdef"
DEFAULT_SECRET = "jusha0dev0secret0000000000000000"
DEFAULT_PAGES = (
    "pages/index/index",
    "pages/scan/scan",
    "pages/event/detail",
    "pages/hours/hours",
    "pages/volunteer/apply",
    "organiser/pages/index",
    "pages/notice/detail",
    "pages/needs/detail",
    "pages/duties/detail",
    "pages/whistle/list",
    "pages/whistle/report",
    "pages/whistle/rollcall",
    "pages/console-login/console-login",
    "households/pages/mine/mine",
    "households/pages/requests/requests",
    "households/pages/reach/reach",
)
# msgSecCheck labels: 100 正常; 10001 广告; 20001 时政; 20002 色情; 20003 辱骂;
# 20006 违法犯罪; 20008 欺诈; 20012 低俗; 20013 版权; 21000 其他
DEFAULT_RISKY_WORDS = {"赌博": 20006, "诈骗": 20008, "代开发票": 10001}
# 扫普通链接二维码打开小程序 rules (wechat_emulator/qrlinks.py): the demo app's
# PUBLIC_BASE_URL, whose /q/c?t=<token> links are the on-screen check-in codes.
DEFAULT_QRCODE_RULES = ({"prefix": "http://127.0.0.1:5000/q/", "page": "pages/scan/scan"},)
CONFIG_KEYS = ("token_ttl", "token_grace_seconds", "code_ttl", "visit_window", "pages", "risky_words", "rid_suffix",
               "qrcode_rules", "push_url", "push_token", "risky_media", "media_check_delay")
# The app's development WECHAT_PUSH_TOKEN (config/__init__.py), so the demo's pushes verify.
DEFAULT_PUSH_TOKEN = "jushadevpushtoken"

_ALNUM = string.ascii_letters + string.digits


def _rand(alphabet: str, n: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(n))


def new_openid() -> str:
    """'o' + 27 urlsafe characters, shaped like a real mini-program openid."""
    return "o" + secrets.token_urlsafe(21)[:27]


def new_unionid() -> str:
    return "o" + secrets.token_urlsafe(21)[:27]


def new_session_key() -> str:
    return base64.b64encode(os.urandom(16)).decode("ascii")


@dataclass
class User:
    openid: str
    appid: str
    unionid: str | None = None
    session_key: str | None = None
    last_visit: float | None = None
    logins: int = 0


@dataclass
class OneTimeCode:
    code: str
    appid: str
    openid: str | None
    created: float
    used_at: float | None = None
    phone: str | None = None
    country_code: str = "86"


@dataclass
class Message:
    msgid: int
    appid: str
    openid: str
    template_id: str
    template_name: str
    page: str | None
    data: dict
    miniprogram_state: str
    lang: str
    time: float
    values: dict = field(default_factory=dict)


class EmulatorState(TokenMixin, FaultMixin, MediaCheckMixin):
    def __init__(self, apps: dict, templates: list, *, token_ttl=7200, token_grace_seconds=300,
                 code_ttl=300, visit_window=7200, pages=DEFAULT_PAGES, risky_words=None, rid_suffix=True,
                 qrcode_rules=DEFAULT_QRCODE_RULES, push_url=None, push_token=DEFAULT_PUSH_TOKEN,
                 risky_media=(), media_check_delay=None):
        self._lock = threading.Lock()
        self.apps = dict(apps)
        self.default_appid = next(iter(self.apps))
        self.templates = {t.id: t for t in templates}
        self._defaults = {
            "token_ttl": token_ttl, "token_grace_seconds": token_grace_seconds, "code_ttl": code_ttl,
            "visit_window": visit_window, "pages": list(pages),
            "risky_words": dict(DEFAULT_RISKY_WORDS if risky_words is None else _risky_map(risky_words)),
            "rid_suffix": rid_suffix, "qrcode_rules": qrlinks.parse_rules(qrcode_rules),
            "push_url": push_url, "push_token": push_token, "risky_media": list(risky_media),
            "media_check_delay": media_check_delay,
        }
        self.reset()

    # -- lifecycle -----------------------------------------------------------
    def reset(self) -> None:
        """Forget everything except app credentials and templates; restore config."""
        with self._lock:
            self._clock_offset = 0.0
            self.users: dict[str, User] = {}
            self.login_codes: dict[str, OneTimeCode] = {}
            self.phone_codes: dict[str, OneTimeCode] = {}
            self.quotas: Counter = Counter()  # (openid, template_id) -> acceptances left
            self.messages: list[Message] = []
            self.wxacodes: list[dict] = []
            self.calls: Counter = Counter()
            self.errors: Counter = Counter()
            self._msgids = itertools.count(1_900_000_000_000_000_000 + secrets.randbelow(10**15))
            self._init_tokens()
            self._init_faults()
            self._init_media_checks()
        self.configure(**copy.deepcopy(self._defaults))

    def configure(self, **changes) -> dict:
        unknown = set(changes) - set(CONFIG_KEYS)
        if unknown:
            raise ValueError(f"unknown config keys: {', '.join(sorted(unknown))}")
        parsed = {}
        for key, value in changes.items():
            if key in ("pages", "risky_words", "risky_media") and not isinstance(value, (list, tuple, dict)):
                raise ValueError(f"{key} must be a list" + (" or an object" if key == "risky_words" else ""))
            if key == "pages":
                value = [str(p) for p in value]
            elif key == "risky_words":
                value = _risky_map(value)
            elif key == "rid_suffix":
                value = bool(value)
            elif key == "qrcode_rules":
                value = qrlinks.parse_rules(value)
            elif key in ("push_url", "push_token"):
                value = None if value is None and key == "push_url" else str(value)
            elif key == "risky_media":
                value = [str(digest).lower() for digest in value]
            elif key == "media_check_delay" and value is None:
                pass
            else:
                value = float(value)
                if value < 0:
                    raise ValueError(f"{key} must be >= 0")
                value = int(value) if value.is_integer() else value
            parsed[key] = value
        with self._lock:
            for key, value in parsed.items():
                setattr(self, key, value)
            return self._config()

    def _config(self) -> dict:
        return {k: copy.deepcopy(getattr(self, k)) for k in CONFIG_KEYS}

    def config(self) -> dict:
        with self._lock:
            return self._config()

    # -- clock ---------------------------------------------------------------
    def now(self) -> float:
        return time.time() + self._clock_offset

    def advance(self, seconds: float) -> float:
        """Move the emulator's clock forward (codes and tokens age without sleeping)."""
        with self._lock:
            self._clock_offset += float(seconds)
            return self._clock_offset

    # -- users and login codes ---------------------------------------------------
    def _user(self, appid: str, openid: str | None, unionid=None) -> User:
        openid = openid or new_openid()
        user = self.users.get(openid)
        if user is None:
            user = self.users[openid] = User(openid=openid, appid=appid)
        elif user.appid != appid:
            raise ValueError(f"openid {openid} belongs to appid {user.appid}")
        if unionid is True:
            unionid = user.unionid or new_unionid()
        if unionid:
            user.unionid = str(unionid)
        return user

    def _appid(self, appid) -> str:
        appid = appid or self.default_appid
        if appid not in self.apps:
            raise ValueError(f"unknown appid {appid}")
        return appid

    def mint_login_code(self, openid=None, unionid=None, appid=None) -> dict:
        """What wx.login gives the mini-program: a one-time code for this user."""
        with self._lock:
            appid = self._appid(appid)
            user = self._user(appid, openid, unionid)
            now = self.now()
            user.last_visit = now
            code = _rand(_ALNUM, 32)
            self.login_codes[code] = OneTimeCode(code, appid, user.openid, now)
            return {"code": code, "openid": user.openid, "unionid": user.unionid, "appid": appid}

    def exchange_login_code(self, appid: str, code: str) -> dict:
        """code2Session: one use per code, 5 minutes of life, bound to its appid."""
        with self._lock:
            entry = self.login_codes.get(code)
            now = self.now()
            if entry is None or entry.appid != appid:
                raise WxError(E.INVALID_CODE)
            if entry.used_at is not None:
                raise WxError(E.CODE_BEEN_USED)
            if now - entry.created > self.code_ttl:
                raise WxError(E.INVALID_CODE)
            entry.used_at = now
            user = self.users[entry.openid]
            user.session_key = new_session_key()
            user.last_visit = now
            user.logins += 1
            result = {"openid": user.openid, "session_key": user.session_key}
            if user.unionid:
                result["unionid"] = user.unionid
            return result

    def check_openid(self, appid: str, openid, mismatch_code: int = E.INVALID_OPENID) -> User:
        with self._lock:
            user = self.users.get(openid) if isinstance(openid, str) else None
        if user is None:
            raise WxError(E.INVALID_OPENID)
        if user.appid != appid:
            raise WxError(mismatch_code)
        return user

    # -- phone codes ---------------------------------------------------------
    def mint_phone_code(self, phone: str, openid=None, appid=None, country_code="86") -> dict:
        phone = str(phone or "").strip()
        if not phone.isdigit():
            raise ValueError("phone must be digits only (the pure number, without country code)")
        with self._lock:
            appid = self._appid(appid)
            if openid:
                self._user(appid, openid)
            code = secrets.token_hex(32)
            self.phone_codes[code] = OneTimeCode(code, appid, openid, self.now(), phone=phone,
                                                 country_code=str(country_code))
            return {"code": code}

    def exchange_phone_code(self, appid: str, code, openid=None) -> dict:
        with self._lock:
            entry = self.phone_codes.get(code) if isinstance(code, str) else None
            now = self.now()
            if (entry is None or entry.appid != appid or entry.used_at is not None
                    or now - entry.created > self.code_ttl):
                raise WxError(E.INVALID_CODE)
            if openid and entry.openid and openid != entry.openid:
                raise WxError(E.INVALID_CODE)
            entry.used_at = now
            cc = entry.country_code
            return {
                "phoneNumber": entry.phone if cc == "86" else f"+{cc}{entry.phone}",
                "purePhoneNumber": entry.phone,
                "countryCode": cc,
                "watermark": {"timestamp": int(entry.created), "appid": appid},
            }

    # -- subscriptions and messages --------------------------------------------
    def resolve_template(self, template_id_or_name):
        t = self.templates.get(template_id_or_name)
        if t is None:
            t = next((x for x in self.templates.values() if x.name == template_id_or_name), None)
        return t

    def grant_subscription(self, openid: str, template_id: str, count: int = 1) -> int:
        """The user accepted wx.requestSubscribeMessage ``count`` times for this template."""
        template = self.resolve_template(template_id)
        if template is None:
            raise ValueError(f"unknown template {template_id}")
        count = int(count)
        if count < 1:
            raise ValueError("count must be >= 1")
        with self._lock:
            if openid not in self.users:
                raise ValueError(f"unknown openid {openid}")
            self.quotas[(openid, template.id)] += count
            return self.quotas[(openid, template.id)]

    def quota_of(self, openid: str) -> dict:
        with self._lock:
            return {tid: n for (oid, tid), n in self.quotas.items() if oid == openid and n > 0}

    def deliver(self, appid, openid, template, page, data, values, miniprogram_state, lang) -> int:
        """Atomically consume one acceptance and store the message; 43101 if none is left."""
        with self._lock:
            key = (openid, template.id)
            if self.quotas.get(key, 0) <= 0:
                raise WxError(E.USER_REFUSE)
            self.quotas[key] -= 1
            msgid = next(self._msgids)
            self.messages.append(Message(msgid, appid, openid, template.id, template.name, page, data,
                                         miniprogram_state, lang, self.now(), values))
            return msgid

    def message_list(self, openid=None, template_id=None) -> list[dict]:
        template = self.resolve_template(template_id) if template_id else None
        tid = template.id if template else template_id
        with self._lock:
            return [asdict(m) for m in self.messages
                    if (openid is None or m.openid == openid) and (tid is None or m.template_id == tid)]

    # -- counters ------------------------------------------------------------
    def count_call(self, path: str) -> None:
        with self._lock:
            self.calls[path] += 1

    def count_error(self, errcode: int) -> None:
        with self._lock:
            self.errors[errcode] += 1

    def record_wxacode(self, entry: dict) -> None:
        with self._lock:
            self.wxacodes.append(entry)

    def stats(self) -> dict:
        with self._lock:
            return {
                "tokens_issued": {"token": self.tokens_issued["token"],
                                  "stable_token": self.tokens_issued["stable_token"],
                                  "total": sum(self.tokens_issued.values())},
                "calls": dict(self.calls),
                "errors": {str(k): v for k, v in self.errors.items()},
                "messages_delivered": len(self.messages),
                "faults_fired": dict(self.faults_fired),
                "wxacodes_generated": len(self.wxacodes),
                "media_checks": len(self.media_checks),
                "users": len(self.users),
            }


def _risky_map(words) -> dict:
    """Normalise risky words: a list (label 21000 unless known) or {word: label}."""
    if isinstance(words, dict):
        return {str(w): int(label) for w, label in words.items()}
    return {str(w): DEFAULT_RISKY_WORDS.get(str(w), 21000) for w in words}
