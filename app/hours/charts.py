"""The hours leaderboard as a picture: an organiser sees at a glance which
squads or communities carried the year (app.hours.reports.leaderboard)."""
from app.charts import PARTY_RED, matplotlib_classes, render_png, wrap

ROW_HEIGHT_INCHES = 0.42


def leaderboard_chart(board):
    Figure, Canvas = matplotlib_classes()
    rows = board["rows"]
    unit = "中队" if board["by"] == "squad" else "社区"
    period = f"{board['year']}年" if board.get("year") else "累计"
    figure = Figure(figsize=(8, max(2.4, 1.2 + ROW_HEIGHT_INCHES * len(rows))))
    axes = figure.add_subplot()
    axes.set_title(f"志愿服务时长排行（按{unit}，{period}）")
    if not rows:
        axes.text(0.5, 0.5, "暂无已认定的服务时长", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return render_png(figure, Canvas)
    # Long squad names wrap onto a second line instead of being cut at the figure's edge.
    names = [wrap(row["name"], 12, lines=2) for row in reversed(rows)]
    hours = [row["hours"] for row in reversed(rows)]
    bars = axes.barh(names, hours, color=PARTY_RED)
    for bar, row in zip(bars, reversed(rows), strict=True):
        label = f"{row['hours']:g} 小时 · {row['volunteers']} 人"
        axes.annotate(label, (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                      xytext=(4, 0), textcoords="offset points", va="center", fontsize=9)
    axes.set_xlabel("小时")
    axes.set_xlim(0, max(hours) * 1.3 or 1)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return render_png(figure, Canvas)
