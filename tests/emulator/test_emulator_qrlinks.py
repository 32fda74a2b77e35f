"""扫普通链接二维码打开小程序: WeChat's prefix rules, as documented."""
from wechat_emulator.qrlinks import encode_uri_component, launch, matches, parse_rules


def test_rules_match_scheme_host_sub_path_and_query_prefix():
    assert matches("https://www.qq.com/a/", "https://www.qq.com/a/b/123")
    assert matches("https://www.qq.com/a/b", "https://www.qq.com/a/b")
    assert not matches("http://www.qq.com/a/b", "https://www.qq.com/a/b")          # 协议不一致
    assert not matches("https://www.qq.com/a/b", "https://www.weixin.qq.com/a/b")  # 域名不一
    assert not matches("https://www.qq.com/a/b?id=123", "https://www.qq.com/a/b?id=132")  # 参数不满足前缀匹配
    assert matches("https://www.qq.com/a/b?id=123", "https://www.qq.com/a/b?id=1234&x=1")
    assert not matches("https://www.qq.com/a/b", "https://www.qq.com/a/bc")        # 不属于子路径
    assert not matches("https://www.qq.com/a/b", "https://www.qq.com/a/b/123")     # 规则没有以/结尾


def test_a_match_gives_the_page_and_the_encoded_link():
    rules = parse_rules([{"prefix": "https://www.qq.com/a/", "page": "pages/x/x", "published": False},
                         {"prefix": "https://jusha.example.cn/q/", "page": "pages/scan/scan"}])
    options = launch(rules, "https://jusha.example.cn/q/c?t=a-b_c", 1_800_000_000.7)
    assert options == {"path": "pages/scan/scan", "scene": 1011,
                       "query": {"q": "https%3A%2F%2Fjusha.example.cn%2Fq%2Fc%3Ft%3Da-b_c",
                                 "scancode_time": "1800000000"}}
    assert launch(rules, "https://www.qq.com/a/b", 0) is None  # an unpublished rule opens nothing
    assert encode_uri_component("a b&c/é~*()'!") == "a%20b%26c%2F%C3%A9~*()'!"


def test_rules_are_configurable_and_checked(emulator):
    config = emulator.control.configure(qrcode_rules=[{"prefix": "https://a.cn/q/", "page": "pages/scan/scan"}])
    assert config["qrcode_rules"] == [{"prefix": "https://a.cn/q/", "page": "pages/scan/scan", "published": True}]
    import requests

    bad = requests.post(emulator.base_url + "/_emulator/config",
                        json={"qrcode_rules": [{"prefix": "a.cn/q/", "page": "pages/scan/scan"}]}, timeout=5)
    assert bad.status_code == 400 and "prefix" in bad.json()["error"]
