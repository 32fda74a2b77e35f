"""Charts an organiser can read: the event's time axis runs from its start to
its end, attendance is not dwarfed by a big hall's capacity, and no title is
cut at the figure's edge."""
import io
from datetime import datetime, timedelta, timezone

from PIL import Image

from app.charts import text_width
from app.checkin import charts

START = datetime(2026, 5, 10, 1, 0, tzinfo=timezone.utc)  # 09:00 Beijing
END = datetime(2026, 5, 10, 3, 30, tzinfo=timezone.utc)   # 11:30


def test_the_time_axis_starts_at_the_start_and_ends_at_the_end():
    inside = [START + timedelta(minutes=m) for m in (3, 20, 75)]
    step, _, slots, labels, offset = charts.time_axis(START, END, inside)
    assert step == 5 and offset == 0
    assert labels[0] == "09:00" and labels[-1] == "11:25" and len(slots) == 30


def test_early_check_ins_and_late_check_outs_get_their_own_bars():
    times = [START - timedelta(minutes=25), START + timedelta(minutes=1), END + timedelta(minutes=20)]
    _, _, slots, labels, offset = charts.time_axis(START, END, times)
    assert labels[:3] == ["开始前", "", "09:00"] and offset == 2
    assert labels[-3:] == ["11:25", "", "结束后"]
    png = charts.event_chart("聚沙讲堂", START, END, times[:2], times[2:])
    assert Image.open(io.BytesIO(png)).format == "PNG"


def test_a_big_halls_capacity_does_not_squash_attendance():
    assert charts.month_scale([22, 18], [300, None]) == 22
    assert charts.month_scale([45], [60]) == 60  # a capacity near attendance is drawn as a tick
    assert charts.month_scale([], []) == 1


def test_long_titles_are_wrapped_not_cut():
    title = "聚沙讲堂：学习贯彻党的二十届三中全会精神专题宣讲暨下沙街道共享党课第六讲（第二场）"
    heading = charts.chart_title(title, "签到 80 人，签退 30 人")
    lines = heading.split("\n")
    assert lines[-1] == "签到 80 人，签退 30 人" and len(lines) <= 3
    assert all(text_width(line) <= charts.TITLE_WIDTH for line in lines)
    assert "".join(lines[:-1]).rstrip("…") in title and "聚沙讲堂" in lines[0]
    label = charts.wrap("5/10 5月市民公益日·铭和社区 温馨五月·感恩母亲节 爱心义剪与健康义诊", charts.LABEL_WIDTH, lines=2)
    assert len(label.split("\n")) == 2 and label.endswith("…")
    assert charts.chart_title("短标题", "签到 3 人") == "短标题｜签到 3 人"


def test_the_month_chart_draws_with_a_big_hall():
    events = [(START, "5月市民公益日·铭和社区", 22, 300), (START + timedelta(days=7), "共享党课", 45, 60)]
    png = charts.month_chart(2026, 5, events)
    assert Image.open(io.BytesIO(png)).format == "PNG"
