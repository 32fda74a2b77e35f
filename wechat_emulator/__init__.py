"""A local emulator of the WeChat server HTTP API (api.weixin.qq.com) for Jusha.

Point wechatpy (or anything else) at it over real HTTP::

    from wechat_emulator import create_emulator
    app = create_emulator()                 # a flask.Flask; state in app.extensions["wechat_emulator"]

    python -m wechat_emulator --port 9100      # run it standalone

    from wechat_emulator.testing import running_emulator
    with running_emulator(token_grace_seconds=0) as emu:
        emu.base_url, emu.state

See docs/wechat-emulator.md.
"""

from __future__ import annotations

import os

from flask import Flask, request

from .errors import WxError
from .faults import EmulatorMiddleware
from .state import DEFAULT_APPID, DEFAULT_SECRET, EmulatorState
from .templates import DEFAULT_TEMPLATES_PATH, Template, load_templates

__all__ = [
    "create_emulator", "EmulatorState", "WxError", "Template", "load_templates",
    "DEFAULT_APPID", "DEFAULT_SECRET", "DEFAULT_TEMPLATES_PATH",
]

_STATE_OPTIONS = ("token_ttl", "token_grace_seconds", "code_ttl", "visit_window", "pages",
                  "risky_words", "rid_suffix", "qrcode_rules", "push_url", "push_token", "risky_media",
                  "media_check_delay")


def _not_emulated(exc):
    """Unknown paths: HTTP 404, so a client sees at once that the API is not emulated."""
    return {"error": "not emulated", "path": request.path}, 404


def create_emulator(appid: str | None = None, secret: str | None = None, **options) -> Flask:
    """Build the emulator's Flask app.

    ``appid``/``secret`` default to env EMULATOR_APPID / EMULATOR_SECRET, then to the
    project's dev values. Options:

    * ``apps``: extra ``{appid: secret}`` pairs the emulator also accepts
    * ``templates``: a path, a list of template dicts, or ``{"templates": [...]}``
      (default: env EMULATOR_TEMPLATES, then config/subscribe_templates.json)
    * ``token_ttl`` (7200), ``token_grace_seconds`` (300), ``code_ttl`` (300),
      ``visit_window`` (7200, msgSecCheck's "visited in the last two hours"),
      ``pages`` (published pages), ``risky_words`` (list or {word: label}),
      ``rid_suffix`` (True: append " rid: ..." to errmsg like WeChat)
    """
    unknown = set(options) - set(_STATE_OPTIONS) - {"apps", "templates"}
    if unknown:
        raise TypeError(f"unknown emulator options: {', '.join(sorted(unknown))}")
    appid = appid or os.environ.get("EMULATOR_APPID") or DEFAULT_APPID
    secret = secret or os.environ.get("EMULATOR_SECRET") or DEFAULT_SECRET
    apps = {appid: secret}
    for extra_appid, extra_secret in (options.pop("apps", None) or {}).items():
        apps.setdefault(extra_appid, extra_secret)
    templates = load_templates(options.pop("templates", None))
    state = EmulatorState(apps, templates, **options)

    from . import control_routes, wechat_routes

    app = Flask("wechat_emulator")
    app.config["JSON_AS_ASCII"] = False
    app.extensions["wechat_emulator"] = state
    app.register_blueprint(wechat_routes.bp)
    app.register_blueprint(control_routes.bp)
    app.register_error_handler(404, _not_emulated)
    app.wsgi_app = EmulatorMiddleware(app.wsgi_app, state)
    wechat_emulator_state = state
    return app
