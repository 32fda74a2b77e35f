r"""The mini-program's subscribe-message field checks (utils/notice-fields.js)
give the same verdict as the WeChat emulator (wechat_emulator/fields.py), the
judge of what WeChat accepts, on a corpus of edge cases for every type.

One known difference, on the strict side: Python's ``\d`` also matches
full-width digits (１２), so the emulator takes them as a number; the
mini-program asks for ASCII digits there. Being stricter only costs the
organiser a retype; being looser would let WeChat refuse a notice."""
import itertools
import json

import pytest

from wechat_emulator.fields import FIELD_TYPES, is_valid
from tests.miniprogram.node import node_json

SAMPLES = [
    "", " ", "a", "abc", "ABCxyz", "讲座", "市民公益日", "感恩母亲", "一二三四五", "一二三四五六",
    "五月市民公益日：爱在下沙每一天，邀您参加", "五月市民公益日：爱在下沙每一天，邀您一起参加", "😀" * 20, "😀" * 21,
    "0", "12", "2.5", "-2", "1.", ".5", "1" * 32, "1" * 33, "12345678901234567890.123456789012",
    "!", "!!", "★", "★★★★★", "★★★★★★", "!@#$%", "a!", "JS-2026-0001", "编号1", "x" * 32, "x" * 33,
    "15:01", "09:00", "9:00", "25:00", "15:60", "15:01:59", "15:01:60", "2026年5月10日 09:00",
    "2026年5月10日 09:00 ~ 2026年5月10日 11:30", "15:01~16:00", "15:01~16:00~17:00", "2026年5月10日",
    "2026-05-10", "2026-05-10 09:00", "2026/5/10", "2026.05.10", "2026-05/10", "2026年2月30日", "2024年2月29日",
    "2026年13月1日", "¥100.50", "100元", "$3", "¥1.234", "¥12345678901", "100", "0571-86000000",
    "+86-0766-66888866", "电话0571", "123456789012345678", "---", "浙A12345", "浙A1234567", "A", "浙", "浙A-123",
    "王书记", "铭和社区党群服务中心王书记", "Wang Shuji", "Wang Shuji Zhang Xiaoming", "王·书记", "王1", "进行中",
    "进行中abc", "已完成了吗啊", "Ａ", "１２", "tab\tx", "line\nbreak",
]

CASES = list(itertools.product(FIELD_TYPES, SAMPLES))


def _non_ascii_digits(value):
    return any(ch.isdigit() and not ch.isascii() for ch in value)


def test_the_mini_program_judges_field_values_as_the_emulator_does():
    verdicts = node_json(
        "(() => { const f = require('./utils/notice-fields'); "
        f"return {json.dumps(CASES, ensure_ascii=False)}.map(([t, v]) => f.problem(t, v) === null); }})()")
    disagreements = [(t, v, mine) for (t, v), mine in zip(CASES, verdicts)
                     if mine != is_valid(t, v) and not (not mine and _non_ascii_digits(v))]
    assert not disagreements, "\n".join(f"{t} {v!r}: mini-program says {'ok' if ok else 'refused'}"
                                        for t, v, ok in disagreements)


@pytest.mark.parametrize("field_type", FIELD_TYPES)
def test_every_wechat_field_type_has_a_limit_in_the_mini_program(field_type):
    limits = node_json("require('./utils/notice-fields').LIMITS")
    assert field_type in limits
