"""Attendance charts as PNG: check-ins over an event, and a month's events
(the font and matplotlib set-up are in app/charts.py)."""
from datetime import timedelta

from app.charts import PARTY_RED, integer_locator, matplotlib_classes, render_png, text_width, wrap
from app.localtime import local

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


def time_axis(starts_at, ends_at, times):
    """(minutes per slot, first slot, the event's slots, every bar's label,
    index of the first event slot): slots from the event's start to its end,
    with 开始前 / 结束后 bars, one empty slot apart, only when scans fall there."""
    step = _bucket_minutes(starts_at, ends_at)
    first = _floor(starts_at, step)
    slots = []
    moment = first
    while moment < local(ends_at) or not slots:
        slots.append(moment)
        moment += timedelta(minutes=step)
    early = any(local(t) < local(starts_at) for t in times)
    late = any(local(t) >= local(ends_at) for t in times)
    labels = (["开始前", ""] if early else []) + [s.strftime("%H:%M") for s in slots] + (["", "结束后"] if late else [])
    return step, first, slots, labels, 2 if early else 0


def month_scale(counts, capacities):
    """The right end of the month chart's scale: set by attendance, taking in
    a capacity only when it is at most twice the largest attendance."""
    top = max(list(counts) + [1])
    return max([top] + [c for c in capacities if c and c <= 2 * top])


def event_chart(title, starts_at, ends_at, checkin_times, checkout_times):
    """Check-ins (and check-outs) per time slot over the event, from its
    start to its end, with the running total. Scans before the start (the
    check-in window opens early) and after the end (late check-outs) are
    counted in a 开始前 / 结束后 bar at either side rather than dropped."""
    Figure, Canvas = matplotlib_classes()
    figure = Figure(figsize=(10, 5.4))
    axes = figure.add_subplot()
    heading = f"签到 {len(checkin_times)} 人，签退 {len(checkout_times)} 人"
    if not checkin_times and not checkout_times:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "暂无签到记录", ha="center", va="center", fontsize=20, color=CHECKOUT_GREY)
        figure.suptitle(chart_title(title, "签到情况"), fontsize=15)
        return render_png(figure, Canvas)

    step, first, slots, labels, offset = time_axis(starts_at, ends_at, checkin_times + checkout_times)
    early = offset > 0
    late = labels[-1] == "结束后"

    def position(when):
        if local(when) < local(starts_at):
            return 0
        if local(when) >= local(ends_at):
            return len(labels) - 1
        return offset + min(len(slots) - 1, int((local(when) - first).total_seconds() // (step * 60)))

    ins, outs = [0] * len(labels), [0] * len(labels)
    for when in checkin_times:
        ins[position(when)] += 1
    for when in checkout_times:
        outs[position(when)] += 1

    positions = list(range(len(labels)))
    width = 0.8 if not checkout_times else 0.4
    axes.bar([p - (width / 2 if checkout_times else 0) for p in positions], ins, width=width,
             color=PARTY_RED, label="签到")
    if checkout_times:
        axes.bar([p + width / 2 for p in positions], outs, width=width, color=CHECKOUT_GREY, label="签退")
    axes.set_ylabel(f"人数（每 {step} 分钟）")
    axes.yaxis.set_major_locator(integer_locator())
    label_every = max(1, len(slots) // 12)
    ticks = [p for p in positions if p - offset in range(0, len(slots), label_every)]
    ticks = ([0] if early else []) + ticks + ([len(labels) - 1] if late else [])
    axes.set_xticks(ticks, [labels[p] for p in ticks])
    axes.set_xlim(-0.6, len(labels) - 0.4)
    # The event itself, from its start to its end, on a light band.
    axes.axvspan(offset - 0.5, offset + len(slots) - 0.5, color="#fdf1f1", zorder=0)
    axes.set_xlabel(f"{local(starts_at):%Y-%m-%d} 北京时间，活动 {local(starts_at):%H:%M}–{local(ends_at):%H:%M}")
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
    # Headroom above the tallest bar and the total, for the legend across the top.
    axes.set_ylim(0, max(ins + outs) * 1.3)
    twin.set_ylim(0, max(total, 1) * 1.3)
    axes.legend(handles[0] + twin_handles[0], handles[1] + twin_handles[1], loc="upper center", ncol=3,
                framealpha=0.9)
    figure.suptitle(chart_title(title, heading), fontsize=15)
    figure.tight_layout()
    return render_png(figure, Canvas)


def month_chart(year, month, events):
    """One bar per event of the month: how many checked in. The scale is set
    by attendance, so a 300-place hall with 20 people still shows 20 as a
    bar you can read; capacity is a black tick where it fits on the scale
    and always written beside the bar (``20 人 / 容量 300``). ``events`` is a
    list of (starts_at, title, checked_in, capacity) in date order."""
    Figure, Canvas = matplotlib_classes()
    shown = events[:MAX_MONTH_BARS]
    height = max(3.5, 1.4 + 0.5 * max(len(shown), MIN_MONTH_ROWS))
    figure = Figure(figsize=(10, height))
    axes = figure.add_subplot()
    total = sum(e[2] for e in events)
    heading = f"{year}年{month}月 活动签到人数（{len(events)} 场，共 {total} 人次）"
    if len(events) > len(shown):
        heading += f"（仅显示前 {len(shown)} 场）"
    if not shown:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "本月暂无活动", ha="center", va="center", fontsize=20, color=CHECKOUT_GREY)
        figure.suptitle(wrap(heading, TITLE_WIDTH), fontsize=15)
        return render_png(figure, Canvas)

    labels = [wrap(f"{local(starts).month}/{local(starts).day} {title}", LABEL_WIDTH, lines=2)
              for starts, title, _, _ in shown]
    rows = max(len(shown), MIN_MONTH_ROWS)
    positions = [rows - 1 - i for i in range(len(shown))]
    counts = [e[2] for e in shown]
    capacities = [e[3] for e in shown]
    axes.barh(positions, counts, color=PARTY_RED, label="签到人数", height=0.55)
    scale = month_scale(counts, capacities)
    fitting = [(p, c) for p, c in zip(positions, capacities) if c and c <= scale]
    if fitting:
        axes.scatter([c for _, c in fitting], [p for p, _ in fitting], marker="|", s=420, linewidths=2.2,
                     color="#333333", label="容量", zorder=3)
    for position, count, capacity in zip(positions, counts, capacities):
        note = f" {count} 人" + (f" / 容量 {capacity}" if capacity else "")
        axes.text(max(count, capacity if capacity and capacity <= scale else 0), position, note,
                  va="center", fontsize=9)
    axes.set_yticks(positions, labels)
    axes.set_ylim(-0.6, rows - 0.4)
    axes.set_xlabel("人数")
    axes.xaxis.set_major_locator(integer_locator())
    axes.grid(axis="x", alpha=0.3)
    axes.set_xlim(0, scale * 1.4)  # room for the notes at the bar ends
    # Above the bars, right-aligned: never over a bar's note.
    axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False, fontsize=9)
    figure.suptitle(wrap(heading, TITLE_WIDTH), fontsize=15)
    figure.tight_layout()
    return render_png(figure, Canvas)


# Widths in full-width characters (app.charts.text_width).
TITLE_WIDTH = 40  # a 15 pt heading across a 10 inch figure
LABEL_WIDTH = 14  # an event's label left of its bar


def chart_title(title, what):
    """``title｜what`` on one line when it fits, else the title wrapped above."""
    one_line = f"{title}｜{what}"
    if text_width(one_line) <= TITLE_WIDTH:
        return one_line
    return wrap(title, TITLE_WIDTH, lines=2) + "\n" + what
