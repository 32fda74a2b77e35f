"""When the community cannot fix it alone: 吹哨 (a whistle to the alliance's
units, app/whistles) or 派单 as a need (app/needs), the order linked to it.

The need is raised in the move's transaction (``raise_need`` flushes, the
move commits), so the order and its need are kept together or not at all.
The whistles area commits its whistle (and its event) itself, so the order
is checked first, the whistle raised, then the order moved and linked; an
order that changed in between (closed by someone else) refuses the move and
the whistle stands on its own, as if raised from the whistles page.
"""
from app.errors import APIError
from app.models import utcnow
from app.reports import rules
from app.reports.moves import move, refusal_of
from app.reports.service import get_order

NEED_SOURCE = "grid_report"


def title_of(order, title=None):
    return (title or f"{rules.CATEGORIES[order.category]}：{order.description}")[:64]


def whistle_for(actor, order_id, body, now=None):
    """吹哨: raise a whistle from the order (the actor must be allowed to
    whistle in its community) and link it. Returns the order."""
    from app.whistles import service as whistles

    order = get_order(order_id)
    refusal = refusal_of(order, rules.MOVES["whistle"], now or utcnow())
    if refusal:
        raise APIError(refusal)
    whistle = whistles.raise_whistle(actor, {
        "community_id": order.community_id, "title": title_of(order, body.get("title")),
        "description": order.description, "place": order.place, "latitude": order.latitude,
        "longitude": order.longitude, "needed_by": body["needed_by"], "unit_ids": body.get("unit_ids") or [],
        "to_all_units": bool(body.get("to_all_units")),
    })
    return move(actor, order_id, "whistle", note=f"已吹哨：{whistle.title}",
                link=lambda _order: {"whistle_id": whistle.id}, now=now)


def need_for(actor, order_id, body, now=None):
    """派单: raise a need (source ``grid_report``, ref ``work_order:<id>``)
    for the alliance's units and link it. Returns the order."""
    from app.needs.service import raise_need

    def raise_it(order):
        need = raise_need(NEED_SOURCE, f"work_order:{order.id}", title=title_of(order, body.get("title")),
                          kind=body["kind"], service=body.get("service"), community_id=order.community_id,
                          description=order.description, place=order.place, latitude=order.latitude,
                          longitude=order.longitude, raised_by=None, actor=actor, photo_ids=order.photo_ids,
                          now=now)
        return {"need_id": need.id}

    return move(actor, order_id, "need", note="已转为联盟需求，由社区派单给共建单位", link=raise_it, now=now)
