"""The on-screen code is a link WeChat's own scanner opens in the mini-program
(扫普通链接二维码打开小程序); a browser gets a page saying to scan in WeChat;
the scan endpoint takes the link and the bare token alike."""
from urllib.parse import unquote

import requests

from app.checkin import qr, tokens
from tests.checkin.conftest import error_code, scan
from tests.factories import auth_headers, make_user


def code(client, organiser, event, **query):
    return client.get(f"/api/v1/events/{event.id}/qrcode", query_string=query, headers=auth_headers(organiser))


def test_the_code_encodes_an_https_link_under_the_public_base_url(client, app, event, organiser, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://jusha.xiasha.example.cn")
    body = code(client, organiser, event, format="json").get_json()
    assert body["url"] == f"https://jusha.xiasha.example.cn/q/c?t={body['token']}"
    # The image and the SVG carry the link, not the bare token (same QR settings, so the same pixels).
    png = code(client, organiser, event).data
    assert png == qr.png(body["url"]) and png != qr.png(body["token"])
    assert code(client, organiser, event, format="svg").get_data(as_text=True) == qr.svg(body["url"])


def test_the_link_and_the_bare_token_both_check_in(client, event, organiser, resident):
    body = code(client, organiser, event, format="json").get_json()
    status, answer = scan(client, resident, token=body["url"])
    assert (status, answer["code"]) == (201, "checked_in")
    old_phone = make_user(name="老手机")
    status, answer = scan(client, old_phone, token=body["token"])
    assert (status, answer["code"]) == (201, "checked_in")
    # The same link twice is the same person's retry.
    assert scan(client, resident, token=body["url"])[1]["code"] == "already_checked_in"


def test_a_link_that_is_not_ours_is_an_invalid_code(client, event, organiser, resident):
    token = code(client, organiser, event, format="json").get_json()["token"]
    for text in (f"https://jusha.example.cn/other?t={token}", f"https://jusha.example.cn/q/c?t={token}&t={token}",
                 "https://jusha.example.cn/q/c?t=forged", "https://jusha.example.cn/q/c"):
        status, answer = scan(client, resident, token=text)
        assert (status, error_code(answer)) == (400, "token_invalid"), text


def test_a_browser_is_told_to_scan_in_wechat(client, event):
    token = tokens.issue(event.id, "checkin").token
    page = client.get(f"/q/c?t={token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "请用微信扫码签到" in html and "扫一扫" in html and '<html lang="zh-CN">' in html
    assert token not in html and page.headers["Cache-Control"] == "no-store"


def test_wechat_opens_the_scan_page_with_the_link_in_q(client, app, emulator, event, organiser, resident,
                                                       monkeypatch):
    """Scan -> WeChat's launch options -> the token the scan page sends -> checked in."""
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://jusha.xiasha.example.cn")
    emulator.control.configure(qrcode_rules=[{"prefix": "https://jusha.xiasha.example.cn/q/",
                                              "page": "pages/scan/scan"}])
    url = code(client, organiser, event, format="json").get_json()["url"]
    launch = requests.post(emulator.base_url + "/_emulator/scan", json={"url": url}, timeout=5).json()
    assert launch["opens"] == "miniprogram" and launch["path"] == "pages/scan/scan"
    assert "%3A%2F%2F" in launch["query"]["q"] and int(launch["query"]["scancode_time"]) > 0
    scanned = unquote(launch["query"]["q"])  # the page's decodeURIComponent(options.q)
    assert scanned == url
    assert scan(client, resident, token=scanned)[1]["code"] == "checked_in"

    # Outside the registered prefix (another scheme, a sibling path) WeChat opens a browser.
    for other in (url.replace("https://", "http://"), "https://jusha.xiasha.example.cn/qc?t=x"):
        assert requests.post(emulator.base_url + "/_emulator/scan", json={"url": other},
                             timeout=5).json()["opens"] == "browser"
