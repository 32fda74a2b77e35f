"""Role and scope names: the constants every area uses instead of string literals.

A person holds any number of role grants, each over one scope. Two roles are
not granted but follow from what a person is: everyone signed in is a
resident, and a person whose volunteer application is approved is a volunteer
of their squad (the volunteer area already keeps that history).
"""

# Roles
RESIDENT = "resident"        # everyone signed in
VOLUNTEER = "volunteer"      # follows from an approved volunteer profile
ORGANISER = "organiser"      # runs events, volunteers and notices of one community or member unit
UNIT_CONTACT = "unit_contact"  # speaks for one member unit (共建单位) in the alliance
GRID_LEADER = "grid_leader"  # 网格长: leads one grid's workers and answers for its work orders
GRID_WORKER = "grid_worker"  # 网格员: works one grid's reports, patrols and households
BRANCH_ORGANISER = "branch_organiser"  # runs one party branch (党组织): confirms its members, reads their records
LECTURE_OFFICE = "lecture_office"  # the 聚沙讲堂 office: lecturers, courses, confirming ordered lectures
MEDIATION_LEAD = "mediation_lead"  # leads one community's 钱塘阿姨 mediation: reads and assigns its cases
ADMIN = "admin"              # the subdistrict office: everything

# Scope kinds
SUBDISTRICT = "subdistrict"
COMMUNITY = "community"
GRID = "grid"
MEMBER_UNIT = "member_unit"
PARTY_BRANCH = "party_branch"
SQUAD = "squad"

SCOPE_KINDS = (SUBDISTRICT, COMMUNITY, GRID, MEMBER_UNIT, PARTY_BRANCH, SQUAD)

# Which scopes each grantable role may be held over.
GRANTABLE = {
    ADMIN: (SUBDISTRICT,),
    ORGANISER: (COMMUNITY, MEMBER_UNIT),
    UNIT_CONTACT: (MEMBER_UNIT,),
    GRID_LEADER: (GRID,),
    GRID_WORKER: (GRID,),
    BRANCH_ORGANISER: (PARTY_BRANCH,),
    LECTURE_OFFICE: (SUBDISTRICT,),
    MEDIATION_LEAD: (COMMUNITY,),
}
GRANTED_ROLES = tuple(GRANTABLE)
ALL_ROLES = (RESIDENT, VOLUNTEER, ORGANISER, UNIT_CONTACT, GRID_LEADER, GRID_WORKER, BRANCH_ORGANISER,
             LECTURE_OFFICE, MEDIATION_LEAD, ADMIN)

# Roles whose holders act on other people's events, volunteers and notices.
STAFF = (ORGANISER, ADMIN)

ROLE_LABELS = {
    RESIDENT: "居民",
    VOLUNTEER: "志愿者",
    ORGANISER: "组织者",
    UNIT_CONTACT: "共建单位联络人",
    GRID_LEADER: "网格长",
    GRID_WORKER: "网格员",
    BRANCH_ORGANISER: "党组织管理员",
    LECTURE_OFFICE: "聚沙讲堂管理员",
    MEDIATION_LEAD: "调解负责人",
    ADMIN: "街道管理员",
}
SCOPE_LABELS = {
    SUBDISTRICT: "街道",
    COMMUNITY: "社区",
    GRID: "网格",
    MEMBER_UNIT: "共建单位",
    PARTY_BRANCH: "党组织",
    SQUAD: "中队",
}
