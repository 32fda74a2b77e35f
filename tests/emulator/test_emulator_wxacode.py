"""getwxacodeunlimit: a real PNG encoding scene and page; WeChat's argument errors."""
import io

import pytest
from PIL import Image

from wechat_emulator.wxacode import qr_matrix, read_wxacode_text, wxacode_text


def code(emu, http, token, **body):
    return http.post(emu.url("/wxa/getwxacodeunlimit"), params={"access_token": token}, json=body)


def test_png_encodes_scene_and_page(emu, http, token):
    r = code(emu, http, token, scene="e=42&c=7", page="pages/scan/scan", width=430)
    assert r.status_code == 200 and r.headers["Content-Type"] == "image/png"
    assert r.content.startswith(b"\x89PNG\r\n\x1a\n")
    expected = wxacode_text(emu.appid, "pages/scan/scan", "e=42&c=7")
    assert expected == f"wxa://{emu.appid}/pages/scan/scan?scene=e%3D42%26c%3D7"
    assert read_wxacode_text(r.content) == expected

    img = Image.open(io.BytesIO(r.content)).convert("L")
    assert img.size == (430, 430)
    matrix = qr_matrix(expected)
    n = len(matrix)
    # Sample the centre of every module: the picture is exactly the QR code of that text.
    for y in range(n):
        for x in range(n):
            px = img.getpixel((int((x + 0.5) * 430 / n), int((y + 0.5) * 430 / n)))
            assert (px < 128) == matrix[y][x], (x, y)
    assert emu.state.wxacodes[-1]["scene"] == "e=42&c=7"


def test_defaults_width_and_home_page(emu, http, token):
    r = code(emu, http, token, scene="x", width=100)
    assert Image.open(io.BytesIO(r.content)).size == (280, 280)
    assert read_wxacode_text(r.content).startswith(f"wxa://{emu.appid}/pages/index/index?")


def test_wechatpy_gets_the_raw_response(emu, wx):
    res = wx.wxa.get_wxa_code_unlimited("lecture=18", page="pages/event/detail")
    assert res.headers["Content-Type"] == "image/png" and res.content[:4] == b"\x89PNG"


@pytest.mark.parametrize("body, errcode", [
    ({"scene": "a" * 33}, 40169),
    ({"scene": ""}, 40169),
    ({"page": "pages/index/index"}, 40169),
    ({"scene": "id=1%202"}, 40129),
    ({"scene": "活动=1"}, 40129),
    ({"scene": "a b"}, 40129),
    ({"scene": "a=1", "page": "pages/nope/nope"}, 41030),
    ({"scene": "a=1", "page": "/pages/index/index"}, 41030),
    ({"scene": "a=1", "page": "pages/index/index?x=1"}, 41030),
    ({"scene": "a=1", "env_version": "beta"}, 40097),
    ({"scene": "a=1", "check_path": "false"}, 47001),
])
def test_argument_errors(emu, http, token, body, errcode):
    r = code(emu, http, token, **body)
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.json()["errcode"] == errcode


def test_all_documented_scene_characters_are_allowed(emu, http, token):
    scene = "09azAZ!#$&'()*+,/:;=?@-._~"
    assert code(emu, http, token, scene=scene).headers["Content-Type"] == "image/png"
    assert code(emu, http, token, scene="a" * 32).headers["Content-Type"] == "image/png"


def test_check_path_false_allows_unpublished_pages_and_pages_are_configurable(emu, http, token):
    r = code(emu, http, token, scene="a=1", page="pages/new/page", check_path=False, env_version="develop")
    assert r.headers["Content-Type"] == "image/png"
    http.post(emu.url("/_emulator/config"), json={"pages": ["pages/new/page"]})
    assert code(emu, http, token, scene="a=1", page="pages/new/page").headers["Content-Type"] == "image/png"
    assert code(emu, http, token, scene="a=1", page="pages/scan/scan").json()["errcode"] == 41030


def test_not_json_and_token(emu, http, token):
    r = http.post(emu.url("/wxa/getwxacodeunlimit"), params={"access_token": token}, data=b"scene=1")
    assert r.json()["errcode"] == 40169
    assert code(emu, http, "nope", scene="a").json()["errcode"] == 40001
