""""随手拍办结通知" to the reporter when their work order is closed, through
the notices area's ``notify_people`` (subscription template
``report_closed``): only a reporter who allowed it gets it, using one of
their one-time acceptances; the others are a ``skipped`` row of the
notice's report. One notice per close (a reopened order closed again is a
new close), so a retried call tells nobody twice."""
from app.localtime import chinese_datetime
from app.reports import rules

TEMPLATE = "report_closed"
TIP = "请在小程序中评价，7 天内可申请重新办理"
DETAIL_PAGE = "reports/pages/detail/detail"


def notify_closed(order):
    """Tell the reporter ``order`` is closed. Call after the close is committed."""
    # Imported here: the notices area is a sibling, reached only through its public function.
    from app.notices.automatic import notify_people

    if order.reporter_id is None or order.closed_at is None:
        return None
    values = {"thing1": rules.CATEGORIES[order.category], "thing2": order.description,
              "thing3": order.close_note or "已办结", "time4": chinese_datetime(order.closed_at), "thing5": TIP}
    return notify_people(f"work_order:{order.id}:closed:{order.closed_at.timestamp():.0f}", TEMPLATE, TEMPLATE,
                         values, f"{DETAIL_PAGE}?id={order.id}", [order.reporter_id], "随手拍上报人",
                         community_id=order.community_id)
