"""Attendance charts as PNG: check-ins over an event, and a month's events
(the font and matplotlib set-up are in app/charts.py)."""
from datetime import timedelta

from app.charts import PARTY_RED, integer_locator, matplotlib_classes, render_png
from app.checkin.localtime import local

CHECKOUT_GREY = "#8c8c8c"
CUMULATIVE_BLUE = "#1f5fa8"
BUCKET_STEPS = (5, 10, 15, 30, 60, 120)
MAX_BUCKETS = 72
MAX_MONTH_BARS = 60
MIN_SLOTS = 12
MIN_MONTH_ROWS = 5


def _bucket_minutes(first, last):
    span = (last - first).total_seconds() / 60
    for step in BUCKET_STEPS:
        if span / step <= MAX_BUCKETS:
            return step
    return BUCKET_STEPS[-1]


def _floor(moment, minutes):
    moment = local(moment).replace(second=0, microsecond=0)
    return moment - timedelta(minutes=moment.minute % minutes)


def event_chart(title, checkin_times, checkout_times):
    """Check-ins (and check-outs) per time slot, with the running total."""
    Figure, Canvas = matplotlib_classes()
    figure = Figure(figsize=(10, 5.2))
    axes = figure.add_subplot()
    if not checkin_times and not checkout_times:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "暂无签到记录", ha="center", va="center", fontsize=20, color=CHECKOUT_GREY)
        figure.suptitle(f"{title}｜签到情况", fontsize=15)
        return render_png(figure, Canvas)

    times = sorted(checkin_times + checkout_times)
    step = _bucket_minutes(times[0], times[-1])
    start, end = _floor(times[0], step), _floor(times[-1], step)
    # A few slots either way, so one busy slot reads as a peak and not a wall.
    start -= timedelta(minutes=step * 2)
    end = max(end + timedelta(minutes=step * 2), start + timedelta(minutes=step * (MIN_SLOTS - 1)))
    slots = []
    moment = start
    while moment <= end:
        slots.append(moment)
        moment += timedelta(minutes=step)
    index = {slot: i for i, slot in enumerate(slots)}
    ins, outs = [0] * len(slots), [0] * len(slots)
    for when in checkin_times:
        ins[index[_floor(when, step)]] += 1
    for when in checkout_times:
        outs[index[_floor(when, step)]] += 1

    positions = list(range(len(slots)))
    width = 0.8 if not checkout_times else 0.4
    axes.bar([p - (width / 2 if checkout_times else 0) for p in positions], ins, width=width,
             color=PARTY_RED, label="签到")
    if checkout_times:
        axes.bar([p + width / 2 for p in positions], outs, width=width, color=CHECKOUT_GREY, label="签退")
    axes.set_ylabel(f"人数（每 {step} 分钟）")
    axes.yaxis.set_major_locator(integer_locator())
    label_every = max(1, len(slots) // 12)
    axes.set_xticks(positions[::label_every], [s.strftime("%H:%M") for s in slots[::label_every]])
    axes.set_xlabel(f"{slots[0]:%Y-%m-%d} 北京时间")
    axes.grid(axis="y", alpha=0.3)

    running, total = [], 0
    for count in ins:
        total += count
        running.append(total)
    twin = axes.twinx()
    twin.plot(positions, running, color=CUMULATIVE_BLUE, marker="o", markersize=3, label="累计签到")
    twin.set_ylabel("累计签到人数")
    twin.set_ylim(bottom=0)
    twin.yaxis.set_major_locator(integer_locator())
    handles = axes.get_legend_handles_labels()
    twin_handles = twin.get_legend_handles_labels()
    axes.legend(handles[0] + twin_handles[0], handles[1] + twin_handles[1], loc="upper left")
    figure.suptitle(f"{title}｜签到 {len(checkin_times)} 人，签退 {len(checkout_times)} 人", fontsize=15)
    figure.tight_layout()
    return render_png(figure, Canvas)


def month_chart(year, month, events):
    """One bar per event of the month: how many checked in, against capacity
    where there is one. ``events`` is a list of (starts_at, title, checked_in,
    capacity) in date order."""
    Figure, Canvas = matplotlib_classes()
    shown = events[:MAX_MONTH_BARS]
    height = max(3.5, 1.2 + 0.38 * max(len(shown), MIN_MONTH_ROWS))
    figure = Figure(figsize=(10, height))
    axes = figure.add_subplot()
    total = sum(e[2] for e in events)
    heading = f"{year}年{month}月 活动签到人数（{len(events)} 场，共 {total} 人次）"
    if not shown:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "本月暂无活动", ha="center", va="center", fontsize=20, color=CHECKOUT_GREY)
        figure.suptitle(heading, fontsize=15)
        return render_png(figure, Canvas)

    labels = [f"{local(starts).month}/{local(starts).day} {_shorten(title)}" for starts, title, _, _ in shown]
    rows = max(len(shown), MIN_MONTH_ROWS)
    positions = [rows - 1 - i for i in range(len(shown))]
    counts = [e[2] for e in shown]
    capacities = [e[3] for e in shown]
    if any(c for c in capacities):
        axes.barh(positions, [c or 0 for c in capacities], color="#f3d3d4", label="容量", height=0.7)
    axes.barh(positions, counts, color=PARTY_RED, label="签到人数", height=0.5)
    for position, count in zip(positions, counts):
        axes.text(count, position, f" {count}", va="center", fontsize=9)
    axes.set_yticks(positions, labels)
    axes.set_ylim(-0.6, rows - 0.4)
    axes.set_xlabel("人数")
    axes.xaxis.set_major_locator(integer_locator())
    axes.grid(axis="x", alpha=0.3)
    widest = max(counts + [c or 0 for c in capacities] + [1])
    axes.set_xlim(0, widest * 1.12)  # room for the numbers at the bar ends
    axes.legend(loc="best", framealpha=0.9)
    if len(events) > len(shown):
        heading += f"（仅显示前 {len(shown)} 场）"
    figure.suptitle(heading, fontsize=15)
    figure.tight_layout()
    return render_png(figure, Canvas)


def _shorten(title, limit=16):
    return title if len(title) <= limit else title[: limit - 1] + "…"
