"""扫普通链接二维码打开小程序: what WeChat's scanner does with a plain QR code
holding a web link.

In the mini-program's admin console (开发管理 → 开发设置) the operator
registers link prefixes ("rules") and the page each opens. When someone scans a
link with WeChat's 扫一扫 (or long-presses it in a chat), WeChat compares it
with the published rules:

- scheme and host must be the rule's;
- the path must be the rule's, or below it when the rule ends with ``/``
  (``https://a.cn/q/`` takes ``https://a.cn/q/c``; ``https://a.cn/q`` does not
  take ``https://a.cn/q/c`` nor ``https://a.cn/qc``);
- when the rule has a query, the link's query must start with it.

A match opens the rule's page with launch options ``{path, query}``, where
``query.q`` is the whole scanned link percent-encoded (the page decodes it
once with ``decodeURIComponent``) and ``query.scancode_time`` the scan's unix
time in seconds (a string, like every launch query value). No match: WeChat
opens the link in its browser.
"""
from urllib.parse import quote, urlsplit


def _parse_rule(rule):
    if not isinstance(rule, dict) or not rule.get("prefix") or not rule.get("page"):
        raise ValueError("each qrcode rule needs prefix and page")
    prefix, page = str(rule["prefix"]), str(rule["page"])
    parts = urlsplit(prefix)
    if parts.scheme not in ("http", "https", "ftp") or not parts.netloc:
        raise ValueError(f"qrcode rule prefix must be an http(s) or ftp link: {prefix}")
    if page.startswith("/") or "?" in page:
        raise ValueError(f"qrcode rule page is a page path without / or ?: {page}")
    return {"prefix": prefix, "page": page, "published": bool(rule.get("published", True))}


def parse_rules(rules):
    if not isinstance(rules, (list, tuple)):
        raise ValueError("qrcode_rules must be a list of {prefix, page[, published]}")
    return [_parse_rule(rule) for rule in rules]


def matches(prefix, link):
    rule, scanned = urlsplit(prefix), urlsplit(link)
    if (rule.scheme.lower(), rule.netloc.lower()) != (scanned.scheme.lower(), scanned.netloc.lower()):
        return False
    rule_path, path = rule.path or "/", scanned.path or "/"
    if rule_path.endswith("/"):
        if not path.startswith(rule_path):
            return False
    elif path != rule_path:
        return False
    return scanned.query.startswith(rule.query) if rule.query else True


def encode_uri_component(text):
    """JavaScript's encodeURIComponent, as WeChat encodes ``q``."""
    return quote(text, safe="-_.!~*'()")


def launch(rules, link, now):
    """What scanning ``link`` does: the launch options of the mini-program
    page it opens, or None when WeChat would open it as a web page."""
    for rule in rules:
        if rule["published"] and matches(rule["prefix"], link):
            return {"path": rule["page"], "scene": 1011,  # 1011: 扫描二维码
                    "query": {"q": encode_uri_component(link), "scancode_time": str(int(now))}}
    return None
