"""A fontconfig file that adds the Noto Sans SC of the ``pylopdf-fonts-zh-cn``
wheel (already a dependency, for charts and certificates) to the system's
fonts, so Chromium draws Chinese on a machine without CJK fonts."""
from pathlib import Path

import pylopdf_fonts_zh_cn


def config(folder):
    fonts = Path(pylopdf_fonts_zh_cn.__file__).resolve().parent
    path = Path(folder) / "fonts.conf"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{Path(folder) / "cache"}</cachedir>
  <alias><family>sans-serif</family><prefer><family>Noto Sans SC</family></prefer></alias>
</fontconfig>
""")
    return path
