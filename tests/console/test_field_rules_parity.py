r"""The console's live check of subscribe-message fields
(console/src/views/notices/fieldRules.js) answers as the API does
(app/subscriptions/fields.py): the same verdict and the same Chinese sentence
for every field type on a corpus of edge cases, and the same values,
shortenings and problems for a whole template.

One known difference, on the strict side: Python's ``\d`` also matches
full-width digits (１２); the console asks for ASCII digits there. Being
stricter only costs the organiser a retype before the API is even asked."""
import itertools
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.subscriptions import fields
from app.subscriptions.templates import Template, TemplateField
from tests.miniprogram.test_notice_fields_parity import SAMPLES

CONSOLE = Path(__file__).resolve().parents[2] / "console"
EXTRA = ["0000年1月1日", "一二三四五六七八九十一二三四五六七八九十", "市民　公益日", "A·B", "王•书记", "  讲座  ",
         "15:01 ~ 16:00", "2026年5月10日15:01", "¥", "1元", "€12.5", "浙AB", "1 2", "(0571)8600", "x\u200by"]
CASES = list(itertools.product(fields.FIELD_RULES, SAMPLES + EXTRA))


def console_json(script):
    """The JSON value ``script`` (an ES module body) writes, run by node in console/."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed (needed to read the console's modules)")
    body = "import * as rules from './src/views/notices/fieldRules.js';\n" + script
    result = subprocess.run(["node", "--input-type=module", "-e", body], cwd=CONSOLE, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _full_width_digits(value):
    return any(ch.isdigit() and not ch.isascii() for ch in value)


def test_the_console_judges_each_value_in_the_apis_words():
    answers = console_json(f"process.stdout.write(JSON.stringify({json.dumps(CASES, ensure_ascii=False)}"
                           ".map(([t, v]) => rules.problem(t, v))));")
    differ = [(t, v, mine, fields.problem(t, v)) for (t, v), mine in zip(CASES, answers)
              if mine != fields.problem(t, v) and not (mine and _full_width_digits(v))]
    assert not differ, "\n".join(f"{t} {v!r}: console {mine!r}, API {api!r}" for t, v, mine, api in differ)


TEMPLATE = Template("volunteer_call", "T", "志愿活动招募通知", (
    TemplateField("thing1", "thing", "活动主题"), TemplateField("date2", "date", "活动日期"),
    TemplateField("name4", "name", "联系人"), TemplateField("phone_number5", "phone_number", "联系电话")))
VALUE_SETS = [
    {"thing1": "五月市民公益日：爱在下沙每一天，邀您一起参加", "date2": "2026年12月13日", "name4": "王书记",
     "phone_number5": "0571-86000000"},
    {"thing1": "  讲座 ", "date2": "2026年2月30日", "thing9": "多余"},
    {"thing1": "第一行\n第二行" * 3, "date2": "", "name4": "王1", "phone_number5": "电话"},
    {},
]


@pytest.mark.parametrize("shorten", [False, True])
def test_the_console_checks_a_whole_template_as_the_api_does(shorten):
    template = {"title": TEMPLATE.title, "fields": [{"key": f.key, "type": f.type, "label": f.label}
                                                    for f in TEMPLATE.fields]}
    answers = console_json(
        f"const t = {json.dumps(template, ensure_ascii=False)};"
        f"process.stdout.write(JSON.stringify({json.dumps(VALUE_SETS, ensure_ascii=False)}"
        f".map((v) => rules.checkValues(t, v, {json.dumps(shorten)}))));")
    for values, mine in zip(VALUE_SETS, answers):
        api = fields.check_values(TEMPLATE, values, shorten=shorten)
        assert mine == {"values": api.values, "shortened": api.shortened, "problems": api.problems}, values
