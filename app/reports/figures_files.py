"""The month's figures as a picture (a stacked bar per grid and community:
closed in the grid / in the community / above, and what is still open) and
as an XLSX workbook (openpyxl, write-only)."""
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.charts import PARTY_RED, integer_locator, matplotlib_classes, render_png, wrap
from app.reports.figures import month_label

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ("社区", "网格", "上报数", "网格内办结", "社区办结", "街道办结", "不予受理", "未办结", "超时",
           "办结用时中位数（小时）", "小事不出网格率")
WIDTHS = (14, 16, 9, 11, 10, 10, 10, 9, 8, 20, 14)
ROW_HEIGHT_INCHES = 0.42
COLOURS = {"closed_in_grid": PARTY_RED, "closed_in_community": "#e8833a", "closed_above": "#f2c14e",
           "rejected": "#dcd6d2", "open": "#8f8782"}
LEGEND = {"closed_in_grid": "网格内办结", "closed_in_community": "社区办结", "closed_above": "街道办结",
          "rejected": "不予受理", "open": "未办结"}


def row_name(row):
    if row["community"] is None:
        return "合计"
    if row["grid"]:  # grids of different communities may share a name: the community says which
        return f"{row['community']['name']} · {row['grid']['name']}"
    return f"{row['community']['name']}（合计）"


def _rate(value):
    return f"{value * 100:.0f}%" if value is not None else "—"


def figures_xlsx(found):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"{month_label(found['month'])}随手拍")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in found["rows"] + [found["total"]]:
        sheet.append([
            row["community"]["name"] if row["community"] else "全部", row["grid"]["name"] if row["grid"] else "（合计）",
            row["reports"], row["closed_in_grid"], row["closed_in_community"], row["closed_above"], row["rejected"],
            row["open"], row["overdue"], row["median_hours_to_close"], _rate(row["in_grid_rate"]),
        ])
    notes = workbook.create_sheet("说明")
    for line in (f"统计月份：{month_label(found['month'])}（按上报时间，北京时间）",
                 "网格内办结 / 社区办结 / 街道办结：工单在哪一级办结",
                 "超时：任一级超过办理时限（含已自动上报的工单）",
                 "小事不出网格率：网格内办结数 ÷ 办结总数"):
        notes.append([line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figures_chart(found):
    Figure, Canvas = matplotlib_classes()
    rows = found["rows"]
    figure = Figure(figsize=(9, max(2.6, 1.4 + ROW_HEIGHT_INCHES * len(rows))))
    axes = figure.add_subplot()
    total = found["total"]
    axes.set_title(f"{month_label(found['month'])}随手拍办理情况 · 小事不出网格率 {_rate(total['in_grid_rate'])}")
    if not rows or not total["reports"]:
        axes.text(0.5, 0.5, "本月暂无随手拍上报", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return render_png(figure, Canvas)
    shown = list(reversed(rows))  # barh draws upwards: the first row on top
    positions = list(range(len(shown)))
    left = [0] * len(shown)
    for key, colour in COLOURS.items():
        values = [r[key] for r in shown]
        axes.barh(positions, values, left=left, color=colour, label=LEGEND[key])
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, [wrap(row_name(r), 14, lines=2) for r in shown])
    for tick, row in zip(axes.get_yticklabels(), shown, strict=True):
        if row["grid"] is None:
            tick.set_fontweight("bold")
    for y, row in enumerate(shown):
        median = row["median_hours_to_close"]
        label = f"{row['reports']} 件 · 超时 {row['overdue']}" + (f" · 中位 {median:g} 小时" if median is not None else "")
        axes.annotate(label, (left[y], y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    axes.set_xlabel("件数")
    axes.xaxis.set_major_locator(integer_locator())
    axes.set_xlim(0, (max(left) or 1) * 1.7)
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return render_png(figure, Canvas)
