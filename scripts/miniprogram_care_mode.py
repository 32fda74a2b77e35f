#!/usr/bin/env python3
"""Bring mini-program pages into 关怀模式 (care mode), idempotently:

* every page's WXML starts with ``<page-meta root-font-size="{{ui.rootFontSize}}">``,
  so its text follows the user's WeChat font size and the large-text switch
  in 我的 (miniprogram/utils/care.js; app.js gives every page its ``ui``);
* every ``font-size`` in WXSS is in rem (N rpx -> N/32 rem, N px -> N/16 rem:
  the same size at the standard 16 px on a 375-wide phone), so it scales
  with that root size.

    python3 scripts/miniprogram_care_mode.py          # rewrite what needs it
    python3 scripts/miniprogram_care_mode.py --check  # list what needs it, exit 1 if any

miniprogram/tests/structure.test.js checks both rules for every page.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "miniprogram"
PAGE_META = '<page-meta root-font-size="{{ui.rootFontSize}}"></page-meta>\n'
FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)(rpx|px)")


def pages():
    app = json.loads((ROOT / "app.json").read_text("utf-8"))
    found = list(app["pages"])
    for sub in app.get("subPackages", []):
        found += [f"{sub['root']}/{page}" for page in sub["pages"]]
    return found


def rem(match):
    value, unit = float(match.group(1)), match.group(2)
    size = value / 32 if unit == "rpx" else value / 16
    return f"font-size: {round(size, 4):g}rem"


def main(check):
    changed = []
    for page in pages():
        wxml = ROOT / f"{page}.wxml"
        text = wxml.read_text("utf-8")
        if not text.startswith("<page-meta"):
            changed.append(str(wxml.relative_to(ROOT)))
            if not check:
                wxml.write_text(PAGE_META + text, "utf-8")
    for wxss in sorted(ROOT.rglob("*.wxss")):
        if "node_modules" in wxss.parts or "tests" in wxss.parts:
            continue
        text = wxss.read_text("utf-8")
        converted = FONT_SIZE.sub(rem, text)
        if converted != text:
            changed.append(str(wxss.relative_to(ROOT)))
            if not check:
                wxss.write_text(converted, "utf-8")
    for name in changed:
        print(("needs care mode: " if check else "care mode: ") + name)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
