"""Rows for the alliance's and the grids' work, in proportion: needs with one
duty each on a member unit's 履职清单, and 随手拍 work orders of the grids."""
import numpy as np

from app.scale.copy_load import TableLoad
from app.scale.people import staff
from app.scale.world import DAY

NEED_KINDS = ("venue", "lecturer", "volunteers", "funds", "professional", "goods")
NEED_TITLES = ("楼道灯维修", "助老送餐", "社区义诊", "儿童暑托班场地", "防汛物资", "法律咨询进社区")
WORK_CATEGORIES = ("environment", "facilities", "safety", "parking", "greenery", "noise", "neighbours", "other")


def alliance_tables(world):
    s, when = world.size, world.when
    rng = np.random.default_rng([world.seed, 2])
    organisers = {scope: user for user, role, kind, scope in staff(world) if kind == "community"}
    need_times = np.sort(rng.integers(world.start, world.anchor - DAY, s.needs))
    # busy units take most duties
    unit_cdf = np.cumsum((np.arange(s.member_units) + 3.0) ** -1.0)
    need_units = 1 + np.searchsorted(unit_cdf, rng.random(s.needs) * unit_cdf[-1])
    need_communities = rng.integers(1, s.communities + 1, s.needs)
    duty_status = rng.choice(["done", "closed", "accepted"], s.needs, p=[0.8, 0.15, 0.05])
    ratings = rng.integers(3, 6, s.needs)

    def needs():
        for n in range(s.needs):
            at, c = when(need_times[n]), int(need_communities[n])
            status = "in_progress" if duty_status[n] == "accepted" else duty_status[n]
            closed = when(need_times[n] + 20 * DAY) if status != "in_progress" else None
            yield (n + 1, NEED_TITLES[n % len(NEED_TITLES)], NEED_KINDS[n % len(NEED_KINDS)], "normal", c,
                   "community", organisers.get(c), False, "[]", status, closed, at, closed or at)

    def duties():
        for n in range(s.needs):
            at, status = need_times[n], str(duty_status[n])
            done = when(at + 14 * DAY) if status != "accepted" else None
            rated = status != "accepted"
            yield (n + 1, n + 1, int(need_units[n]), status, organisers.get(int(need_communities[n])),
                   when(at + 3 * DAY), when(at + 30 * DAY), when(at + DAY), done, "[]",
                   int(ratings[n]) if rated else None, done if rated else None,
                   when(at + 20 * DAY) if status == "closed" else None, 0, when(at), done or when(at + DAY))

    grid_count = s.grids_per_community
    order_times = np.sort(rng.integers(world.start, world.anchor, s.work_orders))
    reporters = rng.integers(1, s.residents + 1, s.work_orders)
    order_status = rng.choice(["closed", "rejected", "in_progress", "submitted"], s.work_orders,
                              p=[0.9, 0.04, 0.04, 0.02])

    def work_orders():
        for n in range(s.work_orders):
            reporter = int(reporters[n])
            c = int(world.user_community[reporter])
            grid = (c - 1) * grid_count + 1 + reporter % grid_count
            at, status = when(order_times[n]), str(order_status[n])
            closed = when(order_times[n] + 2 * DAY) if status in ("closed", "rejected") else None
            yield (n + 1, reporter, WORK_CATEGORIES[n % len(WORK_CATEGORIES)], "楼下有问题需要处理",
                   30.30 + c * 0.004, 120.33 + c * 0.006, "[]", "resident", c, grid, "grid", status, at,
                   when(order_times[n] + 3 * DAY), closed, "grid" if status == "closed" else None, "[]",
                   "duplicate" if status == "rejected" else None, at, closed or at)

    return [
        TableLoad("needs", ("id", "title", "kind", "urgency", "community_id", "source", "raised_by_id",
                            "is_public", "photo_ids", "status", "closed_at", "created_at", "updated_at"),
                  needs, s.needs, "needs"),
        TableLoad("duties", ("id", "need_id", "unit_id", "status", "dispatched_by_id", "accept_by", "due_by",
                             "accepted_at", "done_at", "evidence_photo_ids", "rating", "rated_at", "closed_at",
                             "escalation_level", "created_at", "updated_at"), duties, s.needs, "duties"),
        TableLoad("work_orders", ("id", "reporter_id", "category", "description", "latitude", "longitude",
                                  "photo_ids", "source", "community_id", "grid_id", "level", "status",
                                  "level_started_at", "due_at", "closed_at", "closed_level", "evidence_photo_ids",
                                  "reject_reason", "created_at", "updated_at"),
                  work_orders, s.work_orders, "work orders"),
    ]
