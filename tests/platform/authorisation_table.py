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
from tests.platform.authorisation_personas import (  # noqa: F401  (PERSONAS and OUTCOMES are read from here)
    ADMIN_ONLY,
    CONSOLE_PEOPLE,
    CONSOLE_USERS,
    EVERYONE,
    NEED_RAISER,
    NEED_RAISER_OR_STAFF,
    NEED_STAFF,
    NEED_UNIT,
    NEED_VIEWERS,
    OWNER_OR_STAFF_IN,
    PERSONAS,
    SIGNED_IN,
    STAFF_ANY,
    STAFF_IN,
    STAFF_IN_HIDDEN,
    UNIT_OR_OFFICE,
    UNIT_SIDE,
    WHISTLE_READERS,
    outcomes,
    row,
)
from tests.platform.authorisation_grid_rows import ROWS as GRID_ROWS
from tests.platform.authorisation_party_rows import ROWS as PARTY_ROWS

# An export job is its requester's: organiser_in's job in the world.
EXPORT_JOB_READERS = outcomes("hide", anonymous="login", organiser_in="allow", admin="allow")

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
    "GET /api/v1/hours/export.xlsx": row("this_year", STAFF_ANY, "rows of the caller's own events only; "
                                         "over EXPORT_INLINE_MAX_ROWS rows: 409 export_too_large"),
    "POST /api/v1/hours/exports": row("this_year_json", STAFF_ANY, "a background export job of the caller's own "
                                      "events' rows"),

    # --- export jobs -----------------------------------------------------------------------------------
    "GET /api/v1/exports/{job_id}": row("export_job_of_organiser_in", EXPORT_JOB_READERS,
                                        "the requester (organiser_in here) and the office; hidden from others"),
    "GET /api/v1/exports/{job_id}/file": row("export_job_of_organiser_in", EXPORT_JOB_READERS,
                                             "as the job; kept for a day (410 export_expired)"),

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
    # --- 数据大屏 ----------------------------------------------------------------------------------------
    "GET /api/v1/screen/summary": row("none", CONSOLE_USERS, "aggregates only; a hall display sends ?key= "
                                      "instead (an admin's screen link: anyone holding it is allowed)"),
    "GET /api/v1/screen/stream": row("none", CONSOLE_USERS, "as /screen/summary"),
    "GET /api/v1/screen/links": row("none", ADMIN_ONLY),
    "POST /api/v1/screen/links": row("screen_label", ADMIN_ONLY),
    "DELETE /api/v1/screen/links/{link_id}": row("screen_link", ADMIN_ONLY, "revoking keeps the row as history"),
    **PARTY_ROWS,
    **GRID_ROWS,
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
