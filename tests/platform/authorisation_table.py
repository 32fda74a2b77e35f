"""The authorisation contract: who may call each operation of the API.

One row per operation of the OpenAPI document ("METHOD /api/v1/path/{param}"):
the request to send (``body``: a builder in test_authorisation_table.py that
makes a VALID request, so the scope checks inside handlers are reached) and,
per persona, what must happen when that persona calls it on the objects of
the test world (test_authorisation_table.py builds it):

* community A hosts everything: its event (open for check-in now), squad,
  member unit, notice, and the volunteer's records and certificate;
* anonymous     no token
* resident      lives in community A
* volunteer     approved volunteer of a squad of community A (the objects' owner)
* organiser_in  organiser of community A
* organiser_out organiser of community B
* unit_contact  unit contact (共建单位联络人) of a member unit in community A
* admin         the subdistrict office

Outcomes: ``allow`` (got past authorisation: any answer but 401, 403 or a
404 hiding an object), ``login`` (401), ``deny`` (403), ``hide`` (404: the
object exists but is not theirs, so its existence is not confirmed).

``docs/authorisation.md`` is generated from this table
(``.venv/bin/python scripts/authorisation_table.py > docs/authorisation.md``).
"""
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


TABLE = {
    # --- login and the signed-in person ---------------------------------------------------------
    "POST /api/v1/auth/login": row("login_code", EVERYONE, "a wx.login code is the credential"),
    "POST /api/v1/auth/phone": row("phone_code", SIGNED_IN),
    "POST /api/v1/auth/logout": row("none", SIGNED_IN),
    "POST /api/v1/auth/console/nonce": row("none", EVERYONE, "the desk console before sign-in; limited per address"),
    "POST /api/v1/auth/console/poll": row("console_nonce", EVERYONE,
                                          "the nonce is the credential; it yields a token once, after confirmation"),
    "POST /api/v1/auth/console/scan": row("console_nonce", CONSOLE_PEOPLE,
                                          "residents and volunteers get 403 console_not_staff"),
    "POST /api/v1/auth/console/confirm": row("console_nonce", CONSOLE_PEOPLE,
                                             "the console is signed in as the person who confirms"),
    "POST /api/v1/auth/console/cancel": row("console_nonce", CONSOLE_PEOPLE),
    "GET /api/v1/me": row("none", SIGNED_IN),
    "PATCH /api/v1/me": row("rename", SIGNED_IN),
    "GET /api/v1/communities": row("none", EVERYONE, "pickers on the login-free pages"),
    "GET /api/v1/me/data": row("none", SIGNED_IN),
    "POST /api/v1/me/close-account": row("confirm", SIGNED_IN,
                                         "holders of a role get 409 staff_cannot_close: a business rule, not authorisation"),
    "GET /api/v1/subscriptions/templates": row("none", EVERYONE),
    "POST /api/v1/subscriptions": row("subscription_answers", SIGNED_IN),
    "GET /api/v1/subscriptions": row("none", SIGNED_IN),

    # --- the subdistrict office ---------------------------------------------------------------------
    "GET /api/v1/admin/users": row("none", ADMIN_ONLY),
    "GET /api/v1/admin/users/{user_id}/grants": row("none", ADMIN_ONLY),
    "POST /api/v1/admin/grants": row("grant_request", ADMIN_ONLY),
    "DELETE /api/v1/admin/grants/{grant_id}": row("none", ADMIN_ONLY),
    "GET /api/v1/admin/audit": row("none", ADMIN_ONLY),

    # --- events and registration --------------------------------------------------------------------
    "GET /api/v1/events": row("none", EVERYONE, "events are public; ?mine=true needs a login"),
    "POST /api/v1/events": row("event_in_a", STAFF_IN, "hosted by community A: out of organiser_out's scope"),
    "GET /api/v1/events/{event_id}": row("none", EVERYONE),
    "PATCH /api/v1/events/{event_id}": row("event_change", STAFF_IN,
                                           "deny, not hide: the event itself is public"),
    "POST /api/v1/events/{event_id}/cancel": row("cancel_reason", STAFF_IN),
    "POST /api/v1/events/{event_id}/registration": row("none", SIGNED_IN,
                                                       "anyone signed in may register; the volunteer gets 409"),
    "DELETE /api/v1/events/{event_id}/registration": row("own_registration", SIGNED_IN,
                                                         "cancels the caller's own registration only"),
    "GET /api/v1/events/{event_id}/registrations": row("none", STAFF_IN, "names of registrants: the host's staff"),
    "GET /api/v1/me/registrations": row("none", SIGNED_IN),

    # --- check-in ---------------------------------------------------------------------------------------
    "POST /api/v1/checkins": row("scan", SIGNED_IN, "anyone signed in may scan the on-screen code"),
    "POST /api/v1/events/{event_id}/checkins": row("manual_checkin", STAFF_IN),
    "GET /api/v1/events/{event_id}/qrcode": row("qrcode_json", STAFF_IN),
    "POST /api/v1/events/{event_id}/projector-link": row("purpose", STAFF_IN),
    "GET /api/v1/projector/{signed}/state": row("none", EVERYONE,
                                                "the signed link is the credential (the hall's computer)"),
    "GET /api/v1/events/{event_id}/poster": row("purpose_query", STAFF_IN, "WeChat's wxacode: the emulator"),
    "GET /api/v1/events/{event_id}/attendance": row("none", STAFF_IN, "names and masked phones"),
    "GET /api/v1/events/{event_id}/attendance/chart.png": row("none", STAFF_IN),
    "GET /api/v1/attendance/monthly/chart.png": row("none", STAFF_ANY, "draws the caller's own events only"),

    # --- the front door: resident codes and cards, offline batches, 家属代签 ---------------------------
    "GET /api/v1/me/resident-code": row("none", SIGNED_IN),
    "POST /api/v1/events/{event_id}/checkins/resident-code": row("resident_code_scan", STAFF_IN),
    "POST /api/v1/events/{event_id}/checkins/batch": row("offline_batch", STAFF_IN),
    "POST /api/v1/checkins/family": row("family_scan", outcomes("deny", anonymous="login", resident="allow"),
                                        "only the family member the volunteer consented to (403 proxy_not_allowed)"),
    "POST /api/v1/resident-cards": row("card_for_volunteer", dict(STAFF_IN, organiser_out="allow"),
                                       "organiser_out is answered 404 user_not_found: the person is out of reach"),
    "GET /api/v1/resident-cards": row("none", STAFF_ANY, "lists the cards of the caller's communities only"),
    "GET /api/v1/resident-cards/{card_id}/pdf": row("a_card", STAFF_IN_HIDDEN),
    "POST /api/v1/resident-cards/{card_id}/revoke": row("a_card_revoke", STAFF_IN_HIDDEN),
    "GET /api/v1/me/family": row("none", SIGNED_IN),
    "POST /api/v1/me/family/invitation": row("none", SIGNED_IN, "the invitation is the caller's own consent"),
    "POST /api/v1/me/family": row("an_invitation", SIGNED_IN, "the invitation is the credential"),
    "POST /api/v1/residents/{user_id}/family": row("witness_resident", STAFF_IN_HIDDEN,
                                                   "staff of the elder's community witness their consent"),
    "POST /api/v1/family-links/{link_id}/revoke": row("a_link", outcomes(
        "hide", anonymous="login", resident="allow", volunteer="allow", organiser_in="allow", admin="allow"),
        "the elder, the family member, and the elder's community staff"),

    # --- teams -----------------------------------------------------------------------------------------
    "GET /api/v1/teams": row("none", EVERYONE, "the tree (names and counts) feeds the application form"),
    "POST /api/v1/teams": row("squad_in_a", STAFF_IN, "a squad of community A"),
    "PATCH /api/v1/teams/{team_id}": row("rename", STAFF_IN),
    "DELETE /api/v1/teams/{team_id}": row("none", STAFF_IN, "allowed staff get 409 team_not_empty"),

    # --- volunteers ------------------------------------------------------------------------------------
    "GET /api/v1/volunteers/consent": row("none", EVERYONE),
    "GET /api/v1/me/volunteer": row("none", SIGNED_IN, "404 to whoever never applied: about themself"),
    "POST /api/v1/me/volunteer": row("application", SIGNED_IN, "the volunteer gets 409 already_volunteer"),
    "POST /api/v1/me/volunteer/leave": row("empty", SIGNED_IN, "non-volunteers get 409 not_a_volunteer"),
    "POST /api/v1/me/volunteer/move": row("move", SIGNED_IN, "non-volunteers get 409 not_a_volunteer"),
    "GET /api/v1/me/volunteer/memberships": row("none", SIGNED_IN),
    "GET /api/v1/volunteers": row("none", STAFF_ANY, "lists only volunteers the caller manages"),
    "GET /api/v1/volunteers/{user_id}": row("none", STAFF_IN, "ID number (masked), phone, history"),
    "POST /api/v1/volunteers/{user_id}/review": row("review", STAFF_IN, "a pending applicant of community A"),

    # --- hours -----------------------------------------------------------------------------------------
    "GET /api/v1/me/hours": row("none", SIGNED_IN),
    "GET /api/v1/hours/stars": row("none", EVERYONE),
    "GET /api/v1/hours/events/{event_id}/records": row("none", STAFF_IN),
    "POST /api/v1/hours/records/{record_id}/approve": row("none", STAFF_IN,
                                                          "the volunteer may not approve their own record"),
    "POST /api/v1/hours/records/approve": row("record_ids", STAFF_IN),
    "GET /api/v1/hours/records": row("none", STAFF_ANY, "the queue holds only records of events they manage"),
    "POST /api/v1/hours/records/bulk": row("bulk_approve", STAFF_ANY,
                                           "decided per record: one out of scope answers record_not_found in its "
                                           "result and is left alone"),
    "POST /api/v1/hours/records/{record_id}/reject": row("reason", STAFF_IN),
    "POST /api/v1/hours/records/{record_id}/settle": row("settle", STAFF_IN,
                                                         "allowed staff get 409: the record is not missing a check-out"),
    "POST /api/v1/hours/records/{record_id}/corrections": row("correction", STAFF_IN, "on an approved record"),
    "GET /api/v1/hours/records/{record_id}/ledger": row("none", OWNER_OR_STAFF_IN,
                                                        "the volunteer's own ledger, and the staff who manage it"),
    "GET /api/v1/hours/volunteers/{user_id}": row("none", STAFF_IN),
    "GET /api/v1/hours/teams/{team_id}": row("none", STAFF_IN),
    "GET /api/v1/hours/leaderboard": row("by_squad", STAFF_ANY, "ranks the caller's own squads only"),
    "GET /api/v1/hours/leaderboard/chart.png": row("by_squad", STAFF_ANY),
    "GET /api/v1/hours/export.xlsx": row("this_year", STAFF_ANY, "rows of the caller's own events only"),

    # --- certificates ----------------------------------------------------------------------------------
    "GET /api/v1/me/certificates": row("none", SIGNED_IN),
    "POST /api/v1/me/certificates": row("none_json", SIGNED_IN, "non-volunteers get 409 not_a_volunteer"),
    "POST /api/v1/hours/volunteers/{user_id}/certificates": row("none_json", STAFF_IN),
    "GET /api/v1/certificates/{serial}/pdf": row("none", OWNER_OR_STAFF_IN,
                                                 "the serial is public (the verify page): deny, not hide"),
    "POST /api/v1/certificates/{serial}/revoke": row("reason", STAFF_IN),

    # --- notices ---------------------------------------------------------------------------------------
    "POST /api/v1/notices/preview": row("notice_to_a", STAFF_IN,
                                        "organiser_out: 403 out_of_scope on the audience (community A)"),
    "POST /api/v1/notices": row("notice_to_a", STAFF_IN, "as preview; msgSecCheck runs at the emulator"),
    "GET /api/v1/notices": row("none", STAFF_ANY, "lists only notices the caller may see"),
    "GET /api/v1/notices/{notice_id}": row("none", STAFF_IN_HIDDEN, "others' notices are not revealed"),
    "GET /api/v1/notices/{notice_id}/report": row("none", STAFF_IN_HIDDEN),
    "GET /api/v1/notices/{notice_id}/deliveries": row("none", STAFF_IN_HIDDEN, "the report's rows, paged"),
    "POST /api/v1/notices/{notice_id}/cancel": row("none", STAFF_IN_HIDDEN),

    # --- photos and files ---------------------------------------------------------------------------
    "POST /api/v1/uploads": row("upload_image", SIGNED_IN, "an upload is its uploader's until an area attaches it"),
    "GET /api/v1/files/{key}": row("signed_file", EVERYONE,
                                   "the signed, 10-minute URL is the credential (an <image> tag sends no token)"),
    "GET /api/v1/wechat/push": row("push_echo", EVERYONE, "WeChat itself: its signature with WECHAT_PUSH_TOKEN is the credential"),
    "POST /api/v1/wechat/push": row("push_event", EVERYONE, "WeChat itself: its signature with WECHAT_PUSH_TOKEN is the credential"),
    # --- the alliance: member units, 资源清单, 项目清单, reports, 双向评价 ---------------------------------
    "GET /api/v1/units": row("none", SIGNED_IN, "units are public to everyone signed in"),
    "POST /api/v1/units": row("unit_new", ADMIN_ONLY, "the alliance office admits units"),
    "GET /api/v1/units/{unit_id}": row("unit_path", SIGNED_IN, "contacts' phones only to the unit's side and its community's staff"),
    "PATCH /api/v1/units/{unit_id}": row("unit_profile", UNIT_SIDE, "contacts: the profile fields only"),
    "POST /api/v1/units/{unit_id}/status": row("unit_status", ADMIN_ONLY),
    "GET /api/v1/units/{unit_id}/status-history": row("unit_path", UNIT_SIDE),
    "GET /api/v1/units/{unit_id}/report": row("unit_report", UNIT_SIDE, "also as XLSX and PDF"),
    "GET /api/v1/units/ranking": row("none", STAFF_ANY, "the office and every community's staff"),
    "POST /api/v1/units/{unit_id}/community-ratings": row("unit_rating", UNIT_SIDE, "a community it worked with"),
    "GET /api/v1/community-ratings": row("none", ADMIN_ONLY),
    "GET /api/v1/resources": row("none", SIGNED_IN, "residents browse what units offer"),
    "POST /api/v1/resources": row("resource_new", UNIT_SIDE),
    "GET /api/v1/resources/{resource_id}": row("resource_path", SIGNED_IN),
    "PATCH /api/v1/resources/{resource_id}": row("resource_change", UNIT_SIDE),
    "DELETE /api/v1/resources/{resource_id}": row("resource_path", UNIT_SIDE),
    "GET /api/v1/projects/mandatory": row("none", SIGNED_IN),
    "POST /api/v1/projects/mandatory": row("mandatory_new", ADMIN_ONLY),
    "PATCH /api/v1/projects/mandatory/{mandatory_id}": row("mandatory_change", ADMIN_ONLY),
    "DELETE /api/v1/projects/mandatory/{mandatory_id}": row("mandatory_path", ADMIN_ONLY),
    "GET /api/v1/projects": row("none", SIGNED_IN, "projects are public information"),
    "POST /api/v1/projects": row("project_new", UNIT_SIDE),
    "GET /api/v1/projects/{project_id}": row("project_path", SIGNED_IN),
    "PATCH /api/v1/projects/{project_id}": row("project_change", UNIT_SIDE),
    "POST /api/v1/projects/{project_id}/milestones": row("milestone_new", UNIT_SIDE),
    "POST /api/v1/projects/{project_id}/milestones/{milestone_id}/complete": row("project_path", UNIT_SIDE),
    "POST /api/v1/projects/{project_id}/events": row("project_link", UNIT_SIDE, "an event of the unit's community"),
    "DELETE /api/v1/projects/{project_id}/events/{event_id}": row("project_unlink", UNIT_SIDE),
    # --- needs (需求清单) and duties (履职清单) -----------------------------------------------------------
    # The resident's private need in community A, dispatched to the unit_contact's unit (a live duty).
    "POST /api/v1/needs": row("need_in_a", SIGNED_IN, "anyone signed in orders (点单); staff may order for a resident"),
    "GET /api/v1/needs": row("none", SIGNED_IN, "lists only the needs the caller may see"),
    "GET /api/v1/needs/{need_id}": row("none", NEED_VIEWERS, "private: its raiser, community, unit and the office"),
    "GET /api/v1/needs/{need_id}/timeline": row("none", NEED_VIEWERS),
    "POST /api/v1/needs/{need_id}/cancel": row("reason", NEED_RAISER_OR_STAFF,
                                               "allowed callers get 409 once a unit accepted; not the unit"),
    "GET /api/v1/needs/{need_id}/suggestions": row("none", NEED_STAFF),
    "POST /api/v1/needs/{need_id}/dispatch": row("dispatch_unit", NEED_STAFF, "allowed staff get 409 duty_exists"),
    "POST /api/v1/needs/{need_id}/claim": row("claim_unit", NEED_UNIT,
                                              "for a unit the caller speaks for; 409 need_not_public"),
    "GET /api/v1/duties/{duty_id}": row("none", NEED_VIEWERS),
    "POST /api/v1/duties/{duty_id}/accept": row("none_json", NEED_UNIT, "the unit's contacts and the office"),
    "POST /api/v1/duties/{duty_id}/decline": row("reason", NEED_UNIT),
    "POST /api/v1/duties/{duty_id}/progress": row("progress_note", NEED_UNIT, "409 duty_not_accepted: still offered"),
    "POST /api/v1/duties/{duty_id}/done": row("progress_note", NEED_UNIT, "409 duty_not_accepted"),
    "POST /api/v1/duties/{duty_id}/confirm": row("none_json", NEED_STAFF, "409 duty_not_claimed"),
    "POST /api/v1/duties/{duty_id}/refuse": row("reason", NEED_STAFF, "409 duty_not_claimed"),
    "POST /api/v1/duties/{duty_id}/withdraw": row("reason", NEED_STAFF),
    "POST /api/v1/duties/{duty_id}/rating": row("rating", NEED_RAISER, "whoever raised it; 409 duty_not_done"),
    "POST /api/v1/duties/{duty_id}/reopen": row("reason", NEED_RAISER, "409 duty_not_done"),
    "GET /api/v1/units/{unit_id}/duties": row("none", UNIT_OR_OFFICE, "a unit's 履职清单: its contacts only"),
    # --- whistles (基层吹哨，联盟报到) and roundtables (圆桌会) -------------------------------------------
    "POST /api/v1/whistles": row("whistle_in_a", STAFF_IN, "community A's staff and the office blow the whistle"),
    "GET /api/v1/whistles": row("none", SIGNED_IN, "lists only whistles the caller may see"),
    "GET /api/v1/whistles/{whistle_id}": row("none", WHISTLE_READERS,
                                             "addressed to the unit: its contact reads it; residents see none"),
    "POST /api/v1/whistles/{whistle_id}/reports": row("report_for_unit", dict(WHISTLE_READERS, organiser_in="deny"),
                                                      "for the unit: its contact (or the office) speaks for it"),
    "GET /api/v1/whistles/{whistle_id}/roll-call": row("none", WHISTLE_READERS),
    "POST /api/v1/whistles/{whistle_id}/close": row("summary", dict(WHISTLE_READERS, unit_contact="deny")),
    "POST /api/v1/whistles/{whistle_id}/cancel": row("cancel_reason", dict(WHISTLE_READERS, unit_contact="deny")),
    "POST /api/v1/roundtables": row("roundtable_in_a", STAFF_IN),
    "GET /api/v1/roundtables": row("none", SIGNED_IN, "lists only roundtables the caller may see"),
    "GET /api/v1/roundtables/{roundtable_id}": row("none", WHISTLE_READERS,
                                                   "the unit owns one of its resolutions: its contact reads it"),
    "PATCH /api/v1/roundtables/{roundtable_id}": row("minutes", dict(WHISTLE_READERS, unit_contact="deny")),
    "GET /api/v1/roundtables/{roundtable_id}/candidates": row("none", dict(WHISTLE_READERS, unit_contact="deny")),
    "POST /api/v1/roundtables/{roundtable_id}/items": row("agenda_item", dict(WHISTLE_READERS, unit_contact="deny")),
    "POST /api/v1/roundtables/{roundtable_id}/held": row("empty", dict(WHISTLE_READERS, unit_contact="deny"),
                                                        "held already: allowed staff get 409"),
    "POST /api/v1/roundtables/{roundtable_id}/resolutions": row("resolution", dict(WHISTLE_READERS,
                                                                                   unit_contact="deny")),
    # --- 钱塘阿姨 mediation (the volunteer is a mediator of A's squad, assigned to A's case; no persona
    # is the mediation lead: the lead's rights and "a mediator not on the case" are tested in tests/mediation) --
    "PUT /api/v1/mediation/communities/{community_id}/squad": row("mediation_squad", STAFF_IN,
                                                                  "the community's staff designate its squad"),
    "GET /api/v1/mediation/communities/{community_id}/squad": row("none", dict(STAFF_IN, volunteer="allow"),
                                                                  "staff, the lead and the squad's mediators"),
    "POST /api/v1/mediation/cases": row("mediation_case", MEDIATOR_ONLY_ACTS,
                                        "the lead or a mediator of the community's squad"),
    "GET /api/v1/mediation/cases": row("none", SIGNED_IN, "only the cases the caller reads; every row audited"),
    "GET /api/v1/mediation/cases/{case_id}": row("none", CASE_READERS, "NOT community staff, NOT the office: "
                                                 "they see /mediation/stats; every read audited"),
    "POST /api/v1/mediation/cases/{case_id}/mediators": row("mediation_assign", CASE_LEAD, "the lead assigns"),
    "DELETE /api/v1/mediation/cases/{case_id}/mediators/{user_id}": row("none", CASE_LEAD),
    "POST /api/v1/mediation/cases/{case_id}/sessions": row("mediation_session", CASE_READERS),
    "GET /api/v1/mediation/cases/{case_id}/sessions": row("none", CASE_READERS, "audited"),
    "POST /api/v1/mediation/cases/{case_id}/outcome": row("mediation_outcome", CASE_READERS),
    "GET /api/v1/mediation/cases/{case_id}/agreement.pdf": row("none", CASE_READERS, "audited; 409 unless settled"),
    "POST /api/v1/mediation/cases/{case_id}/follow-ups": row("mediation_follow_up", CASE_READERS,
                                                             "409 case_without_outcome"),
    "POST /api/v1/mediation/cases/{case_id}/close": row("none", CASE_LEAD, "the lead closes"),
    "GET /api/v1/mediation/stats": row("mediation_stats", STAFF_IN, "counts only; also the lead"),
    # --- 议事 (community A's topic with a vote; the resident's comment) -----------------------------------
    "POST /api/v1/consultations": row("topic_in_a", STAFF_IN),
    "GET /api/v1/consultations": row("none", SIGNED_IN, "topics of my community and of those I staff"),
    "GET /api/v1/consultations/{topic_id}": row("none", TOPIC_READERS, "residents of A, its staff, the office"),
    "GET /api/v1/consultations/{topic_id}/comments": row("none", TOPIC_READERS),
    "POST /api/v1/consultations/{topic_id}/comments": row("topic_comment", TOPIC_READERS,
                                                          "residents; staff answer (WeChat checks the text)"),
    "POST /api/v1/consultations/{topic_id}/comments/{comment_id}/hide": row("reason", TOPIC_STAFF),
    "POST /api/v1/consultations/{topic_id}/vote": row("topic_vote", dict(TOPIC_READERS, organiser_in="deny",
                                                                         admin="deny"),
                                                      "residents of the community only"),
    "POST /api/v1/consultations/{topic_id}/resolve": row("topic_resolution", TOPIC_STAFF),
    # --- 随手拍 → 工单 (app/reports) -------------------------------------------------------------------
    "POST /api/v1/reports": row("report_in_a", SIGNED_IN, "anyone signed in reports; the grid comes from the place"),
    "GET /api/v1/reports/categories": row("none", SIGNED_IN),
    "GET /api/v1/reports/figures": row("none", STAFF_ANY, "community staff, grid workers and the office; "
                                       "each sees their own share"),
    "GET /api/v1/work-orders": row("none", SIGNED_IN, "lists only the orders the caller may see"),
    "GET /api/v1/work-orders/{work_order_id}": row("none", ORDER_VIEWERS, "reporter, its grid, community and the office"),
    "GET /api/v1/work-orders/{work_order_id}/timeline": row("none", ORDER_VIEWERS),
    "POST /api/v1/work-orders/{work_order_id}/accept": row("none_json", ORDER_WORKERS, "the people of its level"),
    "POST /api/v1/work-orders/{work_order_id}/progress": row("progress_note", ORDER_WORKERS, "409 not accepted yet"),
    "POST /api/v1/work-orders/{work_order_id}/close": row("progress_note", ORDER_WORKERS, "409 not accepted yet"),
    "POST /api/v1/work-orders/{work_order_id}/escalate": row("reason", ORDER_WORKERS),
    "POST /api/v1/work-orders/{work_order_id}/reject": row("order_reject", ORDER_WORKERS),
    "POST /api/v1/work-orders/{work_order_id}/whistle": row("order_whistle", ORDER_WORKERS,
                                                       "409 work_order_wrong_level at grid level"),
    "POST /api/v1/work-orders/{work_order_id}/need": row("order_need", ORDER_WORKERS, "409 at grid level"),
    "POST /api/v1/work-orders/{work_order_id}/rating": row("rating", ORDER_REPORTER, "the reporter; 409 not closed"),
    "POST /api/v1/work-orders/{work_order_id}/reopen": row("reason", ORDER_REPORTER, "409 not closed"),
    # --- 数据大屏 ----------------------------------------------------------------------------------------
    "GET /api/v1/screen/summary": row("none", CONSOLE_USERS, "aggregates only; a hall display sends ?key= "
                                      "instead (an admin's screen link: anyone holding it is allowed)"),
    "GET /api/v1/screen/stream": row("none", CONSOLE_USERS, "as /screen/summary"),
    "GET /api/v1/screen/links": row("none", ADMIN_ONLY),
    "POST /api/v1/screen/links": row("screen_label", ADMIN_ONLY),
    "DELETE /api/v1/screen/links/{link_id}": row("screen_link", ADMIN_ONLY, "revoking keeps the row as history"),
    # --- party members (党员): branches, membership, 在职党员报到, learning records ------------------------
    # In this world unit_contact organises the unit's party branch (branch_organiser) and the volunteer is
    # its confirmed 在职党员, reported to community A; community A's organiser is not the branch's.
    "GET /api/v1/party/branches": row("party_world", SIGNED_IN, "names only, to choose one when declaring"),
    "POST /api/v1/party/branches": row("party_branch_new", ADMIN_ONLY),
    "PATCH /api/v1/party/branches/{branch_id}": row("party_branch_change", ADMIN_ONLY),
    "GET /api/v1/party/branches/{branch_id}/members": row("party_branch", BRANCH_ORGANISERS,
                                                          "party data: the branch's organisers and the office only"),
    "GET /api/v1/party/branches/{branch_id}/learning": row("party_branch", BRANCH_ORGANISERS),
    "GET /api/v1/me/party": row("party_world", SIGNED_IN),
    "PUT /api/v1/me/party": row("party_declare", SIGNED_IN, "one's own declaration"),
    "DELETE /api/v1/me/party": row("party_world", SIGNED_IN, "one's own; 409 once confirmed"),
    "GET /api/v1/party/memberships/{membership_id}": row("party_membership", PARTY_MEMBER_READERS,
                                                         "the member, the branch's organisers, the office"),
    "POST /api/v1/party/memberships/{membership_id}/confirm": row("party_membership", PARTY_REVIEWERS,
                                                                  "nobody reviews their own; 409 when confirmed"),
    "POST /api/v1/party/memberships/{membership_id}/reject": row("party_membership_reason", PARTY_REVIEWERS),
    "POST /api/v1/party/memberships/{membership_id}/leave": row("party_membership_reason", PARTY_REVIEWERS),
    "GET /api/v1/party/communities/{community_id}/posts": row("party_community", SIGNED_IN),
    "POST /api/v1/party/communities/{community_id}/posts": row("party_post_new", STAFF_IN),
    "PATCH /api/v1/party/posts/{post_id}": row("party_post_change", STAFF_IN),
    "GET /api/v1/party/communities/{community_id}/reports": row("party_community", STAFF_IN,
                                                                "who reported to the community and what they did"),
    "PUT /api/v1/me/party/report": row("party_report", SIGNED_IN, "409 unless a confirmed 在职党员"),
    "DELETE /api/v1/me/party/report": row("party_world", SIGNED_IN, "one's own"),
    "GET /api/v1/me/learning": row("party_world", SIGNED_IN, "one's own record"),
    # --- 聚沙讲堂: the lecture office (lecture_office grant) acts as the admin does here ---------------------
    "GET /api/v1/lecturers": row("none", SIGNED_IN),
    "POST /api/v1/lecturers": row("lecturer_new", ADMIN_ONLY, "the lecture office and admins"),
    "GET /api/v1/lecturers/{lecturer_id}": row("none", SIGNED_IN),
    "PATCH /api/v1/lecturers/{lecturer_id}": row("lecturer_change", ADMIN_ONLY, "the lecture office and admins"),
    "GET /api/v1/courses": row("none", SIGNED_IN),
    "POST /api/v1/courses": row("course_new", ADMIN_ONLY, "the lecture office and admins"),
    "GET /api/v1/courses/{course_id}": row("none", SIGNED_IN),
    "PATCH /api/v1/courses/{course_id}": row("course_change", ADMIN_ONLY, "the lecture office and admins"),
    "POST /api/v1/courses/{course_id}/materials": row("material_new", ADMIN_ONLY, "the lecture office and admins"),
    "PATCH /api/v1/course-materials/{material_id}": row("material_change", ADMIN_ONLY),
    "GET /api/v1/course-orders": row("none", SIGNED_IN, "lists only the orders the caller may see"),
    "POST /api/v1/course-orders": row("course_order_in_a", STAFF_IN,
                                      "for a community: its staff; for a unit: its contact"),
    "GET /api/v1/course-orders/{order_id}": row("none", COURSE_ORDER_READERS,
                                                "community A ordered it: its staff and the lecture office"),
    "POST /api/v1/course-orders/{order_id}/confirm": row("confirm_lecturer", dict(COURSE_ORDER_READERS,
                                                                                  organiser_in="deny"),
                                                         "the lecture office; makes the 共享党课 event"),
    "POST /api/v1/course-orders/{order_id}/decline": row("reason", dict(COURSE_ORDER_READERS, organiser_in="deny"),
                                                         "the lecture office"),
    "POST /api/v1/course-orders/{order_id}/cancel": row("reason", COURSE_ORDER_READERS,
                                                        "the orderer (the lecture office alone may not)"),
    "POST /api/v1/course-materials/{material_id}/learning-sessions": row(
        "none", outcomes("deny", anonymous="login", volunteer="allow"), "confirmed party members (the volunteer is one)"),
    "POST /api/v1/learning-sessions/{session_id}/heartbeats": row(
        "heartbeat", outcomes("hide", anonymous="login", volunteer="allow"), "the session's learner alone"),

    # --- grids (网格) and patrols (巡防) -----------------------------------------------------------
    "GET /api/v1/grids": row("none", SIGNED_IN, "names and people for all; boundaries to those who work the grid"),
    "POST /api/v1/grids": row("grid_in_a", STAFF_IN),
    "GET /api/v1/grids/locate": row("locate_in_grid", SIGNED_IN),
    "GET /api/v1/grids/{grid_id}": row("none", SIGNED_IN, "residents should know their 网格长 and 网格员"),
    "PATCH /api/v1/grids/{grid_id}": row("grid_rename", STAFF_IN),
    "POST /api/v1/grids/{grid_id}/people": row("grid_appoint", STAFF_IN, "a grid_leader / grid_worker grant"),
    "DELETE /api/v1/grids/{grid_id}/people/{grant_id}": row("grid_worker_grant", STAFF_IN),
    "GET /api/v1/patrols/teams": row("none", SIGNED_IN, "lists only the teams the caller patrols with or oversees"),
    "POST /api/v1/patrols/teams": row("patrol_team_in_a", STAFF_IN),
    "GET /api/v1/patrols/teams/{patrol_team_id}": row("none", PATROL_VIEWERS),
    "GET /api/v1/patrols/routes": row("none", SIGNED_IN, "lists only the routes of the caller's teams"),
    "POST /api/v1/patrols/routes": row("route_in_a", STAFF_IN),
    "GET /api/v1/patrols/routes/{route_id}": row("none", PATROL_VIEWERS),
    "PATCH /api/v1/patrols/routes/{route_id}": row("route_stop", PATROL_STAFF),
    "GET /api/v1/patrols/checkpoints/{checkpoint_id}/poster": row("none", PATROL_STAFF),
    "POST /api/v1/patrols": row("patrol_start", outcomes("deny", anonymous="login", volunteer="allow"),
                                "the squad's volunteers; the volunteer gets 409 patrol_already_open"),
    "GET /api/v1/patrols": row("patrols_overseen", SIGNED_IN, "mine, or those of the teams the caller oversees"),
    "GET /api/v1/patrols/current": row("none", SIGNED_IN, "404 no_open_patrol is about oneself"),
    "GET /api/v1/patrols/{patrol_id}": row("none", PATROL_VIEWERS, "also the workers of the team's grid"),
    "GET /api/v1/patrols/{patrol_id}/track": row("none", PATROL_VIEWERS),
    "POST /api/v1/patrols/{patrol_id}/track": row("track_batch", PATROLLER),
    "POST /api/v1/patrols/{patrol_id}/checkpoints": row("checkpoint_code", PATROLLER),
    "POST /api/v1/patrols/{patrol_id}/end": row("none_json", PATROL_VIEWERS, "staff may close a patrol left open"),
    # --- 党史学习亮初心: the offline contest (app/hall; judges are tested in tests/hall) ---------------------
    "POST /api/v1/hall/contests": row("hall_contest", ADMIN_ONLY, "the lecture office and the office"),
    "GET /api/v1/hall/contests": row("none", SIGNED_IN, "contests are public"),
    "GET /api/v1/hall/contests/{contest_id}": row("hall_path", SIGNED_IN),
    "POST /api/v1/hall/contests/{contest_id}/teams": row("hall_team", ADMIN_ONLY),
    "POST /api/v1/hall/contests/{contest_id}/judges": row("hall_judge", ADMIN_ONLY),
    "GET /api/v1/hall/contests/{contest_id}/results": row("hall_path", SIGNED_IN, "the public results"),
    "GET /api/v1/hall/contests/{contest_id}/entries": row("hall_path", ADMIN_ONLY, "and the contest's judges"),
    "POST /api/v1/hall/contests/{contest_id}/entries": row("hall_entry", outcomes("deny", anonymous="login"),
                                                           "the contest's judges only (the office appoints)"),
    "POST /api/v1/hall/contests/{contest_id}/entries/{entry_id}/correction": row(
        "hall_correction", outcomes("deny", anonymous="login"), "the contest's head judge only"),
    "POST /api/v1/hall/contests/{contest_id}/close": row("hall_path", ADMIN_ONLY),
    "POST /api/v1/hall/contests/{contest_id}/scoreboard-link": row("hall_path", ADMIN_ONLY, "and the judges"),
    "GET /api/v1/hall/projector/{board}/state": row("hall_board", EVERYONE, "the signed link is the credential"),
    "GET /api/v1/hall/contests/{contest_id}/results.xlsx": row("hall_path", ADMIN_ONLY, "409 until closed"),
    "GET /api/v1/hall/contests/{contest_id}/teams/{contest_team_id}/certificate.pdf": row(
        "hall_path", ADMIN_ONLY, "409 until closed"),
    # --- 百年党史知多少 (app/quiz) ------------------------------------------------------------------------
    "GET /api/v1/quiz/questions": row("none", ADMIN_ONLY, "the bank with its keys: the lecture office and the office"),
    "POST /api/v1/quiz/questions": row("quiz_question", ADMIN_ONLY, "the lecture office and the office"),
    "PATCH /api/v1/quiz/questions/{question_id}": row("quiz_question_change", ADMIN_ONLY),
    "GET /api/v1/quiz/contests": row("none", SIGNED_IN, "every contest; may_enter says who may take part"),
    "POST /api/v1/quiz/contests": row("quiz_contest_new", ADMIN_ONLY, "the lecture office and the office"),
    "GET /api/v1/quiz/contests/{contest_id}": row("quiz_contest", SIGNED_IN),
    "PATCH /api/v1/quiz/contests/{contest_id}": row("quiz_contest_change", ADMIN_ONLY),
    "POST /api/v1/quiz/contests/{contest_id}/attempts": row("quiz_start", SIGNED_IN,
                                                            "the contest's entry rule decides (403 contest_not_for_you)"),
    "GET /api/v1/quiz/contests/{contest_id}/leaderboard": row("quiz_contest", SIGNED_IN,
                                                              "masked names; before publication 409 (organisers see it)"),
    "GET /api/v1/quiz/contests/{contest_id}/results": row("quiz_contest", STAFF_ANY,
                                                          "full names: community staff see their communities' people"),
    "GET /api/v1/quiz/contests/{contest_id}/results.xlsx": row("quiz_contest", STAFF_ANY, "as /results"),
    "GET /api/v1/quiz/contests/{contest_id}/certificate.pdf": row("quiz_certificate", OWNER_OR_ADMIN,
                                                                  "the holder, and the lecture office and the office"),
    "GET /api/v1/quiz/attempts/{attempt_id}": row("quiz_attempt", QUIZ_OWNER, "an attempt is its person's alone"),
    "POST /api/v1/quiz/attempts/{attempt_id}/answers": row("quiz_answer", QUIZ_OWNER),
    "POST /api/v1/quiz/attempts/{attempt_id}/finish": row("quiz_attempt", QUIZ_OWNER),
    "GET /api/v1/quiz/daily": row("none", SIGNED_IN, "每日一练: one's own"),
    "POST /api/v1/quiz/practice/answers": row("quiz_practice", SIGNED_IN),
    "GET /api/v1/quiz/wrong-answers": row("none", SIGNED_IN, "one's own list"),
    # --- 党员联户 (household contact): the volunteer is the household's paired party member -----------------
    "POST /api/v1/households": row("household_in_a", STAFF_IN, "and the grid's workers (tests/households)"),
    "GET /api/v1/households": row("none", SIGNED_IN, "lists only households the caller reads; each row audited"),
    "GET /api/v1/households/export.xlsx": row("none", STAFF_ANY, "grid workers too; only readable households"),
    "GET /api/v1/households/coverage": row("none", STAFF_ANY, "figures of their own communities"),
    "GET /api/v1/households/coverage.xlsx": row("none", STAFF_ANY, "as /households/coverage"),
    "GET /api/v1/households/{household_id}": row("none", HOUSEHOLD_READERS,
                                                 "paired member, the grid's workers, community staff, the office; "
                                                 "every read audited"),
    "PATCH /api/v1/households/{household_id}": row("household_notes", dict(HOUSEHOLD_READERS, volunteer="deny"),
                                                   "the grid's workers, community staff, the office"),
    "PUT /api/v1/households/{household_id}/pairing": row("pair_volunteer", dict(HOUSEHOLD_READERS, volunteer="deny"),
                                                         "community staff and the office pair"),
    "DELETE /api/v1/households/{household_id}/pairing": row("empty", dict(HOUSEHOLD_READERS, volunteer="deny")),
    "GET /api/v1/households/{household_id}/visits": row("none", HOUSEHOLD_READERS, "联户记录本; audited"),
    "POST /api/v1/households/{household_id}/visits": row("visit", dict(HOUSEHOLD_READERS, organiser_in="deny",
                                                                       admin="deny"), "only the paired member"),
    "GET /api/v1/me/households": row("none", SIGNED_IN, "my pairings only"),
    "POST /api/v1/me/contact-card": row("none", PARTY_MEMBER, "confirmed party members"),
    "GET /api/v1/me/contact-card": row("none", SIGNED_IN, "one's own card (404 before it is issued)"),
    "POST /api/v1/me/contact-card/renew": row("none", PARTY_MEMBER),
    "GET /api/v1/me/contact-card.pdf": row("none", SIGNED_IN, "one's own card (404 before it is issued)"),
    "GET /api/v1/contact-cards/{code}": row("none", SIGNED_IN, "whoever scanned the card: name, branch, grids"),
    "POST /api/v1/contact-cards/{code}/requests": row("card_message", SIGNED_IN),
    "GET /api/v1/me/household-requests": row("none", SIGNED_IN, "messages to me only"),
    "POST /api/v1/me/household-requests/{request_id}/handle": row("none", outcomes(
        "hide", anonymous="login", volunteer="allow"), "only the member it was sent to"),
}

# Acting on one's own object: the staff member applied, or served at the
# event, themself (the request builder gives them the object). Nobody vouches
# for themself; other staff of the community do it. Only staff reach these
# tools at all (TABLE), so only staff are listed.
OWN_PERSONAS = ("organiser_in", "admin")
NOT_ONESELF = {"organiser_in": "deny", "admin": "deny"}

OWN_TABLE = {
    "POST /api/v1/volunteers/{user_id}/review": row("review_own", NOT_ONESELF, "their own application"),
    "POST /api/v1/hours/records/{record_id}/approve": row("own_record", NOT_ONESELF, "their own hours"),
    "POST /api/v1/hours/records/{record_id}/reject": row("own_record_reject", NOT_ONESELF),
    "POST /api/v1/hours/records/{record_id}/settle": row("own_record_settle", NOT_ONESELF),
    "POST /api/v1/hours/records/{record_id}/corrections": row("own_record_correct", NOT_ONESELF),
}

SYMBOLS = {"allow": "✓", "login": "401", "deny": "403", "hide": "404"}


def markdown():
    """The table as docs/authorisation.md."""
    lines = [
        "# Who may call what",
        "",
        "Generated from `tests/platform/authorisation_table.py` by `scripts/authorisation_table.py`;",
        "`tests/platform/test_authorisation_table.py` calls every operation as every persona and checks",
        "the answers against it, and checks that this page matches it. Do not edit by hand.",
        "",
        "The objects belong to community A: its event, squad, member unit, notice, and the volunteer's",
        "records and certificate.",
        "",
        "| persona | who |",
        "| --- | --- |",
        "| anonymous | no login |",
        "| resident | a resident of community A |",
        "| volunteer | an approved volunteer of a squad of community A; the records and certificate are theirs |",
        "| organiser_in | organiser of community A |",
        "| organiser_out | organiser of community B |",
        "| unit_contact | contact (共建单位联络人) of a member unit in community A |",
        "| admin | the subdistrict office |",
        "",
        "✓ allowed (past authorisation; the answer may still be a business refusal such as 409) ·",
        "401 login required · 403 refused · 404 not shown to them (the object is hidden)",
        "",
        "| operation | " + " | ".join(PERSONAS) + " | note |",
        "| --- | " + " | ".join(":-:" for _ in PERSONAS) + " | --- |",
    ]
    for operation, entry in TABLE.items():
        method, path = operation.split(" ", 1)
        cells = " | ".join(SYMBOLS[entry.outcomes[p]] for p in PERSONAS)
        lines.append(f"| `{method} {path.removeprefix('/api/v1')}` | {cells} | {entry.why} |")
    lines += [
        "",
        "## On one's own application or hours",
        "",
        "Staff who applied as volunteers, or served at an event, themselves: another organiser of the",
        "community (or the office) reviews and approves for them.",
        "",
        "| operation | " + " | ".join(OWN_PERSONAS) + " | note |",
        "| --- | " + " | ".join(":-:" for _ in OWN_PERSONAS) + " | --- |",
    ]
    for operation, entry in OWN_TABLE.items():
        method, path = operation.split(" ", 1)
        cells = " | ".join(SYMBOLS[entry.outcomes[p]] for p in OWN_PERSONAS)
        lines.append(f"| `{method} {path.removeprefix('/api/v1')}` | {cells} | {entry.why} |")
    return "\n".join(lines) + "\n"
