"""Personas, outcomes and the shorthand groups the authorisation rows are
written in (tests/platform/authorisation_table.py explains them)."""
from collections import namedtuple

PERSONAS = ("anonymous", "resident", "volunteer", "organiser_in", "organiser_out", "unit_contact", "admin")
OUTCOMES = ("allow", "login", "deny", "hide")

Row = namedtuple("Row", "body outcomes why")


def outcomes(default, **given):
    """Every persona ``default`` except those named."""
    unknown = set(given) - set(PERSONAS)
    assert not unknown, unknown
    return {persona: given.get(persona, default) for persona in PERSONAS}


# Shorthand groups.
EVERYONE = outcomes("allow")
SIGNED_IN = outcomes("allow", anonymous="login")
# Anyone who may use the desk console: a staff or unit-contact grant, wherever it is held.
CONSOLE_PEOPLE = outcomes("allow", anonymous="login", resident="deny", volunteer="deny")
# Staff of the objects' community and the office; everyone else refused.
STAFF_IN = outcomes("deny", anonymous="login", organiser_in="allow", admin="allow")
# As STAFF_IN, but an organiser elsewhere is told the object does not exist.
STAFF_IN_HIDDEN = dict(STAFF_IN, organiser_out="hide")
# Any organiser or the office; the answer is limited to their own scope.
STAFF_ANY = dict(STAFF_IN, organiser_out="allow")
ADMIN_ONLY = outcomes("deny", anonymous="login", admin="allow")
# Whoever may use the desk console: staff and unit contacts.
CONSOLE_USERS = dict(STAFF_ANY, unit_contact="allow")
# The object's own volunteer, and the staff who manage it.
OWNER_OR_STAFF_IN = dict(STAFF_IN, volunteer="allow")
# Those who speak for the member unit (its contact) and the office.
UNIT_SIDE = outcomes("deny", anonymous="login", unit_contact="allow", admin="allow")
# Needs: a private need is hidden (404) from whoever may not see it.
NEED_VIEWERS = outcomes("hide", anonymous="login", resident="allow", organiser_in="allow", unit_contact="allow",
                        admin="allow")
NEED_STAFF = dict(NEED_VIEWERS, resident="deny", unit_contact="deny")
NEED_RAISER_OR_STAFF = dict(NEED_VIEWERS, unit_contact="deny")
NEED_UNIT = dict(NEED_VIEWERS, resident="deny", organiser_in="deny")
NEED_RAISER = dict(NEED_VIEWERS, organiser_in="deny", unit_contact="deny", admin="deny")
UNIT_OR_OFFICE = outcomes("deny", anonymous="login", unit_contact="allow", admin="allow")
# Community A's staff, the office and the contact of the unit it concerns;
# others are told it does not exist.
WHISTLE_READERS = dict(STAFF_IN_HIDDEN, resident="hide", volunteer="hide", unit_contact="allow")
# Party data: the branch's organiser (here unit_contact) and the office; the member reads their own.
BRANCH_ORGANISERS = outcomes("deny", anonymous="login", unit_contact="allow", admin="allow")
PARTY_MEMBER_READERS = outcomes("hide", anonymous="login", volunteer="allow", unit_contact="allow", admin="allow")
PARTY_REVIEWERS = dict(PARTY_MEMBER_READERS, volunteer="deny")
# 聚沙讲堂: community A's course order is read by its staff and the lecture office; hidden from the rest.
COURSE_ORDER_READERS = outcomes("hide", anonymous="login", organiser_in="allow", admin="allow")
# Patrols: the volunteer is the patroller (their squad is A's patrol team); the
# team's community staff and the office oversee; everyone else is not told.
PATROL_VIEWERS = outcomes("hide", anonymous="login", volunteer="allow", organiser_in="allow", admin="allow")
PATROL_STAFF = dict(PATROL_VIEWERS, volunteer="deny")
PATROLLER = dict(PATROL_VIEWERS, organiser_in="deny", admin="deny")

# 钱塘阿姨: the volunteer persona is the case's assigned mediator; everyone else (staff and the office
# included) is told the case does not exist.
CASE_READERS = outcomes("hide", anonymous="login", volunteer="allow")
CASE_LEAD = dict(CASE_READERS, volunteer="deny")
MEDIATOR_ONLY_ACTS = outcomes("deny", anonymous="login", volunteer="allow")
# 议事: community A's residents (the volunteer lives there too), its staff and the office.
TOPIC_READERS = outcomes("hide", anonymous="login", resident="allow", volunteer="allow", organiser_in="allow",
                         admin="allow")
TOPIC_STAFF = dict(TOPIC_READERS, resident="deny", volunteer="deny")
# 随手拍 work orders: the volunteer's report in a grid of community A. Its grid's
# workers (no persona; tests/reports) and community A's staff work it, the office too.
ORDER_VIEWERS = outcomes("hide", anonymous="login", volunteer="allow", organiser_in="allow", admin="allow")
ORDER_WORKERS = dict(ORDER_VIEWERS, volunteer="deny")
ORDER_REPORTER = dict(ORDER_VIEWERS, organiser_in="deny", admin="deny")
# The quiz: the volunteer's own attempt (others are told it does not exist); a certificate's holder and the office.
QUIZ_OWNER = outcomes("hide", anonymous="login", volunteer="allow")
OWNER_OR_ADMIN = outcomes("deny", anonymous="login", volunteer="allow", admin="allow")
# 党员联户: the volunteer is the household's paired party member; others do not learn it exists.
HOUSEHOLD_READERS = outcomes("hide", anonymous="login", volunteer="allow", organiser_in="allow", admin="allow")
PARTY_MEMBER = outcomes("deny", anonymous="login", volunteer="allow")


def row(body, who, why=""):
    return Row(body, dict(who), why)

