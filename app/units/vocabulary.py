"""Chinese labels for the units area's codes (the codes themselves are the
models' vocabularies), and their reverse for the spreadsheet import."""
from app.models import PROJECT_KINDS, PROJECT_STATUSES, RESOURCE_KIND_LABELS, UNIT_KIND_LABELS, UNIT_STATUSES

LEVEL_LABELS = {"subdistrict": "街道级", "community": "社区级"}
STATUS_LABELS = {"active": "正常", "suspended": "暂停", "left": "已退出"}
PROJECT_KIND_LABELS = {"mandatory": "必选", "optional": "自选"}
PROJECT_STATUS_LABELS = {"planned": "计划中", "active": "进行中", "done": "已完成", "dropped": "已终止"}

assert set(STATUS_LABELS) == set(UNIT_STATUSES)
assert set(PROJECT_KIND_LABELS) == set(PROJECT_KINDS)
assert set(PROJECT_STATUS_LABELS) == set(PROJECT_STATUSES)

# What the office's spreadsheet may write in 单位类型 and 层级.
KIND_BY_LABEL = {label: kind for kind, label in UNIT_KIND_LABELS.items()}
KIND_BY_LABEL.update({"企业": "enterprise", "事业单位": "enterprise", "机关单位": "government"})
LEVEL_BY_LABEL = {"街道级": "subdistrict", "街道": "subdistrict", "街": "subdistrict",
                  "社区级": "community", "社区": "community", "社": "community"}


def unit_kind_label(kind):
    return UNIT_KIND_LABELS.get(kind, kind)


def resource_kind_label(kind):
    return RESOURCE_KIND_LABELS.get(kind, kind)


def choices(labels):
    """"机关、企事业单位、…" for an error message."""
    return "、".join(labels.values())
