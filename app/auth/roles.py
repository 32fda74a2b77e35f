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
ADMIN = "admin"              # the subdistrict office: everything

# Scope kinds
SUBDISTRICT = "subdistrict"
COMMUNITY = "community"
GRID = "grid"
MEMBER_UNIT = "member_unit"
PARTY_BRANCH = "party_branch"
SQUAD = "squad"

SCOPE_KINDS = (SUBDISTRICT, COMMUNITY, GRID, MEMBER_UNIT, PARTY_BRANCH, SQUAD)

# Which scopes each grantable role may be held over. Grid, party-branch and
# squad scopes arrive with the areas that own those objects.
GRANTABLE = {
    ADMIN: (SUBDISTRICT,),
    ORGANISER: (COMMUNITY, MEMBER_UNIT),
    UNIT_CONTACT: (MEMBER_UNIT,),
}
GRANTED_ROLES = tuple(GRANTABLE)
ALL_ROLES = (RESIDENT, VOLUNTEER, ORGANISER, UNIT_CONTACT, ADMIN)

# Roles whose holders act on other people's events, volunteers and notices.
STAFF = (ORGANISER, ADMIN)

ROLE_LABELS = {
    RESIDENT: "居民",
    VOLUNTEER: "志愿者",
    ORGANISER: "组织者",
    UNIT_CONTACT: "共建单位联络人",
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
