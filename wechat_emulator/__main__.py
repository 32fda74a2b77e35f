"""python -m wechat_emulator [--host 127.0.0.1] [--port 9100] [--quiet]
                            [--push-url URL --push-token TOKEN --media-check-delay SECONDS]"""

from __future__ import annotations

import argparse
import os
import sys

from . import create_emulator
from .testing import serve


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wechat_emulator", description="Local WeChat server API emulator")
    parser.add_argument("--host", default=os.environ.get("EMULATOR_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("EMULATOR_PORT", "9100")))
    parser.add_argument("--appid", default=None, help="default: env EMULATOR_APPID or the dev appid")
    parser.add_argument("--secret", default=None, help="default: env EMULATOR_SECRET or the dev secret")
    parser.add_argument("--templates", default=None, help="templates JSON (default: config/subscribe_templates.json)")
    parser.add_argument("--token-grace-seconds", type=float, default=None)
    parser.add_argument("--token-ttl", type=float, default=None)
    parser.add_argument("--quiet", action="store_true", help="no per-request log lines")
    parser.add_argument("--push-url", default=os.environ.get("EMULATOR_PUSH_URL"),
                        help="the mini-program server's message push URL (wxa_media_check verdicts go there)")
    parser.add_argument("--push-token", default=os.environ.get("EMULATOR_PUSH_TOKEN"),
                        help="the push token that signs each push (default: the app's development token)")
    parser.add_argument("--media-check-delay", type=float, default=None,
                        help="push each media check's verdict this many seconds after the call "
                             "(default: only when POST /_emulator/media-checks/deliver asks)")
    args = parser.parse_args(argv)

    options = {}
    if args.templates:
        options["templates"] = args.templates
    if args.token_grace_seconds is not None:
        options["token_grace_seconds"] = args.token_grace_seconds
    if args.token_ttl is not None:
        options["token_ttl"] = args.token_ttl
    for name in ("push_url", "push_token", "media_check_delay"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    app = create_emulator(args.appid, args.secret, **options)
    state = app.extensions["wechat_emulator"]
    server = serve(app, args.host, args.port, quiet=args.quiet)
    print(f"WeChat emulator on http://{args.host}:{server.server_port} "
          f"(appid {state.default_appid}, {len(state.templates)} templates)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
