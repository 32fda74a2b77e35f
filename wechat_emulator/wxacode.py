"""getUnlimitedQRCode (wxacode.getUnlimited): argument checks and a real PNG.

WeChat draws a round "mini-program code"; the emulator draws an ordinary QR code
(with ``qrcode``) whose text names the app, the page and the scene::

    wxa://<appid>/<page>?scene=<scene, percent-encoded>

The same text is stored in the PNG's ``wxacode`` tEXt chunk, so a test can read it
back without a QR decoder (``read_wxacode_text``).
"""

from __future__ import annotations

import io
import re
from urllib.parse import quote

import qrcode
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from . import errors as E
from .errors import WxError

SCENE_MAX = 32
SCENE_RE = re.compile(r"^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$")
ENV_VERSIONS = ("release", "trial", "develop")
WIDTH_MIN, WIDTH_MAX, WIDTH_DEFAULT = 280, 1280, 430


def wxacode_text(appid: str, page: str, scene: str) -> str:
    return f"wxa://{appid}/{page}?scene={quote(scene, safe='')}"


def check_request(body: dict, pages: list[str]) -> dict:
    """Validate a getwxacodeunlimit body the way WeChat does; return normalised args."""
    scene = body.get("scene")
    if not isinstance(scene, str) or not scene or len(scene) > SCENE_MAX:
        raise WxError(E.INVALID_SCENE_LENGTH)
    if not SCENE_RE.match(scene):
        raise WxError(E.INVALID_SCENE)

    check_path = body.get("check_path", True)
    env_version = body.get("env_version", "release")
    width = body.get("width", WIDTH_DEFAULT)
    auto_color = body.get("auto_color", False)
    is_hyaline = body.get("is_hyaline", False)
    for flag in (check_path, auto_color, is_hyaline):
        if not isinstance(flag, bool):
            raise WxError(E.DATA_FORMAT_ERROR)
    if isinstance(width, bool) or not isinstance(width, (int, float)):
        raise WxError(E.DATA_FORMAT_ERROR)
    if env_version not in ENV_VERSIONS:
        raise WxError(E.INVALID_ARGS)
    line_color = _line_color(body.get("line_color"))

    page = body.get("page")
    if page is None or page == "":
        page = pages[0] if pages else "pages/index/index"
    if not isinstance(page, str):
        raise WxError(E.DATA_FORMAT_ERROR)
    # "根路径前不要填加 /，不能携带参数"
    if page.startswith("/") or "?" in page or (check_path and page not in pages):
        raise WxError(E.INVALID_PAGE)

    width = int(min(max(width, WIDTH_MIN), WIDTH_MAX))
    return {"scene": scene, "page": page, "check_path": check_path, "env_version": env_version,
            "width": width, "line_color": line_color, "auto_color": auto_color, "is_hyaline": is_hyaline}


def _line_color(raw) -> tuple[int, int, int]:
    if raw is None:
        return (0, 0, 0)
    if not isinstance(raw, dict):
        raise WxError(E.DATA_FORMAT_ERROR)
    rgb = []
    for ch in ("r", "g", "b"):
        try:
            v = int(raw.get(ch, 0))
        except (TypeError, ValueError):
            raise WxError(E.DATA_FORMAT_ERROR) from None
        if not 0 <= v <= 255:
            raise WxError(E.DATA_FORMAT_ERROR)
        rgb.append(v)
    return tuple(rgb)


def render_png(text: str, width: int = WIDTH_DEFAULT, line_color=(0, 0, 0), is_hyaline: bool = False) -> bytes:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=2)
    qr.add_data(text)
    qr.make(fit=True)
    modules = qr.get_matrix()  # includes the border
    n = len(modules)
    mode = "RGBA" if is_hyaline else "RGB"
    background = (255, 255, 255, 0) if is_hyaline else (255, 255, 255)
    fg = tuple(line_color) + ((255,) if is_hyaline else ())
    small = Image.new(mode, (n, n), background)
    px = small.load()
    for y, row in enumerate(modules):
        for x, dark in enumerate(row):
            if dark:
                px[x, y] = fg
    img = small.resize((width, width), Image.NEAREST)
    info = PngInfo()
    info.add_text("wxacode", text)
    buf = io.BytesIO()
    img.save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def read_wxacode_text(png: bytes) -> str | None:
    """The text a PNG from this emulator encodes (from its tEXt chunk)."""
    with Image.open(io.BytesIO(png)) as img:
        return img.text.get("wxacode") if hasattr(img, "text") else None


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR module matrix (with its 2-module border) render_png draws for ``text``."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=2)
    qr.add_data(text)
    qr.make(fit=True)
    return qr.get_matrix()
