"""Every subscribe-message field type accepts good values and refuses bad ones."""
import pytest

from wechat_emulator.fields import FIELD_TYPES, is_valid, value_problem

GOOD = {
    "thing": ["聚沙讲堂：百年党史知多少", "a" * 20, "第6期 Lecture #6!", "市民公益日"],
    "number": ["3", "2.5", "0", "1" * 32, "1" * 16 + "." + "1" * 16, 4, 1.5],
    "letter": ["abc", "XiaSha", "a" * 32],
    "symbol": ["!", "#$%", "-+*/~", "。，"],
    "character_string": ["A2024-0512", "ord_123#x", "x" * 32, "abc123"],
    "time": ["15:01", "9:05", "2019年10月1日 15:01", "2019-10-01 15:01:30", "15:01~17:30",
             "2024年5月12日 09:00~2024年5月12日 11:30", "2024/05/12 23:59"],
    "date": ["2019年10月1日", "2019年10月1日 15:01", "2024-05-12", "2024/5/12",
             "2024年5月12日~2024年5月19日", "2024-02-29"],
    "amount": ["¥100.00", "100元", "￥9.5", "$1234567890", "6000.00", "¥0.01元"],
    "phone_number": ["+86-0766-66888866", "13800138000", "0571-86001234", "(0571)86001234"],
    "car_number": ["粤A8Z888挂", "浙A12345", "浙AD12345", "A12345"],
    "name": ["张三", "欧阳娜娜", "买买提·艾力", "John Smith", "O'Neil", "张Tom", "a" * 20],
    "phrase": ["配送中", "已到账", "报名成功啦"],
}

BAD = {
    "thing": ["a" * 21, "这是一个超过二十个字符的非常非常长的活动名称啊", "", "   ", None, {"x": 1}, True],
    "number": ["1" * 33, "-3", "1.2.3", "三", "3小时", "1e5", "", "1,000"],
    "letter": ["abc1", "a" * 33, "中文", "a b", "a-b"],
    "symbol": ["!!!!!!", "a", "1", "中", "! !"],
    "character_string": ["x" * 33, "中文订单", "has space", "ab\tc"],
    "time": ["25:00", "15:60", "3pm", "2019年10月1日", "15点01分", "15:01～17:30", "2019年2月30日 15:01",
             "15:01~16:00~17:00"],
    "date": ["2019年13月1日", "2019-02-30", "15:01", "10月1日", "2019年10月1日 25:00", "明天", "20191001"],
    "amount": ["¥12345678901", "100.001", "¥¥100", "一百元", "100$", "-100", "¥"],
    "phone_number": ["1" * 18, "138-0013-8000 转 1", "tel13800", "---"],
    "car_number": ["粤A8Z888挂1", "粤A-8Z888", "粤A中Z888", "粤 A8Z88"],
    "name": ["这个名字一共有十一个字吗", "a" * 21, "张3", "Tom2", "...", "张 三"],
    "phrase": ["配送中了吗啊呀", "ok", "配送1", "已到账!"],
}


@pytest.mark.parametrize("ftype, value", [(t, v) for t in FIELD_TYPES for v in GOOD[t]])
def test_accepts(ftype, value):
    assert value_problem(ftype, value) is None, (ftype, value)


@pytest.mark.parametrize("ftype, value", [(t, v) for t in FIELD_TYPES for v in BAD[t]])
def test_refuses(ftype, value):
    assert not is_valid(ftype, value), (ftype, value)


def test_empty_is_reported_as_empty():
    assert value_problem("thing", "") == "is empty"
    assert value_problem("thing", None) == "is empty"
    assert value_problem("thing", "a" * 21) == "invalid"


def test_every_type_is_covered():
    assert set(GOOD) == set(BAD) == set(FIELD_TYPES)
