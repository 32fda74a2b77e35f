"""Rows for the places and people: communities, grids, member units, the
1+5+X volunteer tree, residents, staff grants, volunteers and their squads."""
import json

from app.scale.copy_load import TableLoad

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩然子轩梓涵欣怡雨桐"
COMMUNITY_NAMES = ("金沙湖", "东沙湖", "文海", "明和", "海天", "幸福", "月雅", "智格", "元成", "伊萨卡")
UNIT_KINDS = ("government", "enterprise", "school", "hospital", "social_org", "two_new", "other")
UNIT_WORDS = ("科技", "实业", "学院", "医院", "服务中心", "物业", "银行", "中学", "集团", "研究院")


def person_name(user_id):
    return SURNAMES[user_id % len(SURNAMES)] + GIVEN[(user_id // 7) % len(GIVEN)] + (
        GIVEN[(user_id // 331) % len(GIVEN)] if user_id % 3 else "")


def phone(user_id):
    return f"1{3 + user_id % 6}{user_id:09d}"[:11]


def community_name(c):
    return COMMUNITY_NAMES[c - 1] + "社区" if c <= len(COMMUNITY_NAMES) else f"第{c}社区"


def staff(world):
    """(user id, role, scope kind, scope id): user 1 runs the subdistrict, one
    organiser per community and per member unit."""
    rows = [(1, "admin", "subdistrict", None)]
    for c in range(1, world.size.communities + 1):
        rows.append((int(world.community_pool[c][-1]), "organiser", "community", c))
    for u in range(1, world.size.member_units + 1):
        rows.append((int(world.community_pool[1 + u % world.size.communities][-1 - u]), "organiser",
                     "member_unit", u))
    return rows


def people_tables(world):
    s, when = world.size, world.when
    created = when(world.start - 365 * 86_400)

    def communities():
        for c in range(1, s.communities + 1):
            yield (c, community_name(c), f"C{c:02d}", 30.30 + c * 0.004, 120.33 + c * 0.006, created, created)

    def grids():
        n = 0
        for c in range(1, s.communities + 1):
            for g in range(1, s.grids_per_community + 1):
                n += 1
                yield (n, c, f"第{g}网格", f"C{c:02d}G{g:03d}", created, created)

    def units():
        for u in range(1, s.member_units + 1):
            c = int(world.unit_community[u]) or None
            yield (u, f"{UNIT_WORDS[u % len(UNIT_WORDS)]}共建单位{u:03d}", UNIT_KINDS[u % len(UNIT_KINDS)],
                   "community" if c else "subdistrict", c, created.date(), "active", created, created)

    def teams():
        yield (1, "下沙志愿服务总队", "corps", None, None, None, created, created)
        for b in range(2, 7):
            yield (b, f"第{b - 1}志愿服务大队", "brigade", 1, None, None, created, created)
        for k, team_id in enumerate(world.squad_ids):
            local = k < s.communities * s.community_squads
            c = k // s.community_squads + 1 if local else None
            unit = None if local else 1 + (k % s.member_units)
            yield (int(team_id), f"志愿服务中队{team_id:04d}", "squad", int(world.squad_brigade[k]), c, unit,
                   created, created)

    def users():
        community = world.user_community
        for user_id in range(1, s.residents + 1):
            at = when(world.user_created[user_id])
            yield (user_id, f"scale-openid-{user_id}", person_name(user_id), phone(user_id),
                   int(community[user_id]), True, at, at)

    def grants():
        for n, (user_id, role, kind, scope) in enumerate(staff(world), start=1):
            yield (n, user_id, role, kind, scope, created)

    def volunteers():
        for n, user_id in enumerate(world.volunteer_users, start=1):
            user_id = int(user_id)
            team = int(world.user_team[user_id]) or None
            at = when(world.user_created[user_id])
            status = "approved" if team else "pending"
            yield (n, user_id, person_name(user_id), phone(user_id), int(world.user_community[user_id]), team,
                   json.dumps(["助老", "环保"][: user_id % 3]), status, "v1", at,
                   1 if team else None, at if team else None, at, at)

    def memberships():
        for n, user_id in enumerate(world.approved_volunteers, start=1):
            user_id = int(user_id)
            yield (n, user_id, int(world.user_team[user_id]), when(world.start - 30 * 86_400))

    return [
        TableLoad("communities", ("id", "name", "code", "latitude", "longitude", "created_at", "updated_at"),
                  communities, s.communities, "communities"),
        TableLoad("grids", ("id", "community_id", "name", "code", "created_at", "updated_at"), grids,
                  s.communities * s.grids_per_community, "grids"),
        TableLoad("member_units", ("id", "name", "kind", "level", "community_id", "joined_on", "status",
                                   "created_at", "updated_at"), units, s.member_units, "member units"),
        TableLoad("teams", ("id", "name", "level", "parent_id", "community_id", "member_unit_id", "created_at",
                            "updated_at"), teams, 6 + len(world.squad_ids), "teams (1+5+X)"),
        TableLoad("users", ("id", "openid", "name", "phone", "community_id", "is_active", "created_at",
                            "updated_at"), users, s.residents, "residents"),
        TableLoad("role_grants", ("id", "user_id", "role", "scope_kind", "scope_id", "granted_at"), grants,
                  1 + s.communities + s.member_units, "staff grants"),
        TableLoad("volunteer_profiles", ("id", "user_id", "real_name", "phone", "community_id", "team_id",
                                         "skills", "status", "consent_version", "consented_at", "reviewed_by_id",
                                         "reviewed_at", "created_at", "updated_at"),
                  volunteers, s.volunteers, "volunteers"),
        TableLoad("team_memberships", ("id", "user_id", "team_id", "joined_at"), memberships,
                  len(world.approved_volunteers), "squad memberships"),
    ]
