"""The 联户证 as a PDF card (A6, portrait): the party member's name, a place
for their photo, branch, community and grids, and the mini-program code a
household member scans to leave them a message. No phone number.

The code is WeChat's mini-program code (wxacode.getUnlimited) for
``households/pages/reach/reach`` with the card's signed code as its scene
(app/households/cards.py), cached in Redis like the check-in posters'.
Chinese text uses the embedded font of app/hours/pdf_font.py.
"""
import base64
import logging
from io import BytesIO

import redis
from flask import current_app
from reportlab.lib import colors
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from app.errors import APIError
from app.extensions import redis_store
from app.hours.pdf_font import embedded_font
from app.localtime import chinese_date
from app.wechat import WeChatClientException, WeChatUnavailable, wechat, wechat_failure

log = logging.getLogger(__name__)
RED = colors.HexColor("#C8102E")
GOLD = colors.HexColor("#E8C26A")
GREY = colors.HexColor("#666666")
CACHE_PREFIX = "households:card:"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TITLE = "党员联户证"
ISSUER = "下沙街道聚沙党建联盟"
CAPTION = "微信扫一扫 · 给我留言"
PHOTO = "照片"
FOOT = "有事找党员 · 联户暖民心"


def wxacode_png(scene, page):
    cached = _cached(scene)
    if cached is not None:
        return cached
    try:
        response = wechat().wxa.get_wxa_code_unlimited(scene=scene, page=page, width=430)
    except (WeChatClientException, WeChatUnavailable) as exc:
        raise wechat_failure(exc) from exc
    image = getattr(response, "content", None)
    if not isinstance(image, bytes) or not image.startswith(PNG_SIGNATURE):
        log.warning("wxacode answer was not a PNG")
        raise APIError("wechat_error")
    try:
        redis_store.set(CACHE_PREFIX + scene, base64.b64encode(image).decode(),
                        ex=current_app.config["POSTER_CACHE_SECONDS"])
    except redis.RedisError:
        log.warning("redis unavailable: contact card code not cached")
    return image


def _cached(scene):
    try:
        encoded = redis_store.get(CACHE_PREFIX + scene)
    except redis.RedisError:
        return None
    return base64.b64decode(encoded) if encoded else None


def _lines(view):
    grids = "、".join(view["grids"]) or "待社区分配"
    return [("姓　　名", view["party_member"]["name"] or "党员"), ("所在支部", view["branch"] or "—"),
            ("联系社区", view["community"] or "—"), ("联系网格", grids)]


def render(view, qr_png):
    """The card as PDF bytes."""
    lines = _lines(view)
    footer = f"发证日期：{chinese_date(view['issued_at'])}　编号：{view['code']}"
    text = TITLE + ISSUER + CAPTION + PHOTO + FOOT + footer + "".join(a + b for a, b in lines)
    out = BytesIO()
    width, height = A6
    with embedded_font(text) as font:
        pdf = canvas.Canvas(out, pagesize=A6)
        pdf.setTitle(f"{TITLE} {view['party_member']['name'] or ''}")
        pdf.setFillColor(RED)
        pdf.rect(0, height - 24 * mm, width, 24 * mm, stroke=0, fill=1)
        pdf.setFillColor(GOLD)
        pdf.setFont(font, 20)
        pdf.drawCentredString(width / 2, height - 13 * mm, TITLE)
        pdf.setFont(font, 9)
        pdf.setFillColor(colors.white)
        pdf.drawCentredString(width / 2, height - 20 * mm, ISSUER)
        # the photo's place: the member glues or prints their photo here
        photo_w, photo_h = 25 * mm, 32 * mm
        px, py = 8 * mm, height - 30 * mm - photo_h
        pdf.setStrokeColor(GREY)
        pdf.setDash(2, 2)
        pdf.rect(px, py, photo_w, photo_h, stroke=1, fill=0)
        pdf.setDash()
        pdf.setFillColor(GREY)
        pdf.setFont(font, 10)
        pdf.drawCentredString(px + photo_w / 2, py + photo_h / 2 - 3, PHOTO)
        y = height - 36 * mm
        for label, value in lines:
            pdf.setFillColor(GREY)
            pdf.setFont(font, 8)
            pdf.drawString(38 * mm, y, label)
            pdf.setFillColor(colors.black)
            pdf.setFont(font, 10 if label != "姓　　名" else 13)
            pdf.drawString(52 * mm, y, _fit(value, 14))
            y -= 8 * mm
        qr = 40 * mm
        qx, qy = (width - qr) / 2, 26 * mm
        pdf.drawImage(ImageReader(BytesIO(qr_png)), qx, qy, qr, qr)
        pdf.setFillColor(RED)
        pdf.setFont(font, 9)
        pdf.drawCentredString(width / 2, qy - 5 * mm, CAPTION)
        pdf.setFillColor(GREY)
        pdf.setFont(font, 7)
        pdf.drawCentredString(width / 2, 9 * mm, footer)
        pdf.setFillColor(RED)
        pdf.rect(0, 0, width, 5 * mm, stroke=0, fill=1)
        pdf.setFillColor(colors.white)
        pdf.drawCentredString(width / 2, 1.6 * mm, FOOT)
        pdf.showPage()
        pdf.save()
    return out.getvalue()


def _fit(text, most):
    return text if len(text) <= most else text[:most - 1] + "…"
