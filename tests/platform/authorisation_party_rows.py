"""The authorisation rows of party learning: party members, 聚沙讲堂, the two contests.

Split out of authorisation_table.py (which merges them into TABLE, in this
order) to keep each file small; personas, outcomes and the shorthand groups
are those of tests/platform/authorisation_personas.py.
"""
from tests.platform.authorisation_personas import *  # noqa: F401,F403

ROWS = {
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
}
