"""The ranking of units as a bar chart (app/charts.py: matplotlib, Noto Sans SC)."""
from app.charts import PARTY_RED, matplotlib_classes, render_png, wrap

ROW_HEIGHT_INCHES = 0.38
MOST_ROWS = 40


def ranking_chart(ranking):
    Figure, Canvas = matplotlib_classes()
    rows = ranking["rows"][:MOST_ROWS]
    figure = Figure(figsize=(8.5, max(2.4, 1.3 + ROW_HEIGHT_INCHES * len(rows))))
    axes = figure.add_subplot()
    shown = f"（前 {MOST_ROWS} 名）" if len(ranking["rows"]) > MOST_ROWS else ""
    axes.set_title(f"{ranking['year']}年度共建单位履职综合得分{shown}")
    if not rows:
        axes.text(0.5, 0.5, "暂无共建单位", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return render_png(figure, Canvas)
    names = [wrap(f"{row['rank']}. {row['unit']['name']}", 14, lines=2) for row in reversed(rows)]
    scores = [row["points"] for row in reversed(rows)]
    bars = axes.barh(names, scores, color=PARTY_RED)
    for bar, row in zip(bars, reversed(rows), strict=True):
        label = (f"{row['points']} 分 · 履职 {row['duties_done']} · 报到 {row['whistle_reports']} · "
                 f"项目完成 {row['projects_done']} · {row['volunteer_hours']:g} 小时")
        axes.annotate(label, (max(bar.get_width(), 0), bar.get_y() + bar.get_height() / 2),
                      xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    axes.set_xlabel("综合得分")
    low = min(0, min(scores))
    axes.set_xlim(low, (max(scores) or 1) * 1.6)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return render_png(figure, Canvas)
