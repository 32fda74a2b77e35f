// Party members (app/party): my branch and membership, 在职党员报到, my
// learning record, and the branch organiser's review. Same shape as utils/endpoints.js.
const MEMBERSHIP = ['id', 'user.name', 'branch.id', 'branch.name', 'joined_on', 'in_service', 'work_unit.id',
  'work_unit.name', 'status', 'status_label', 'review_reason', 'reviewed_at', 'declared_at'];
const REPORT = ['id', 'community.name', 'status', 'status_label', 'posts[].id', 'posts[].name', 'note', 'reported_at'];
const MY_PARTY = MEMBERSHIP.map((f) => 'membership.' + f).concat(REPORT.map((f) => 'report.' + f), ['can_report']);

module.exports = {
  'party.branches': {
    area: 'party',
    method: 'GET', path: '/api/v1/party/branches',
    query: ['kind', 'q', 'organised', 'limit', 'offset'],
    reads: ['items[].id', 'items[].name', 'items[].kind_label', 'items[].can_review', 'items[].member_count',
      'items[].pending_count', 'total'],
  },
  'party.workUnits': {
    area: 'units',
    method: 'GET', path: '/api/v1/units',
    query: ['status', 'limit', 'offset'],
    reads: ['items[].id', 'items[].name', 'total'],
  },
  'party.mine': {
    area: 'party',
    method: 'GET', path: '/api/v1/me/party',
    reads: MY_PARTY,
  },
  'party.declare': {
    area: 'party',
    method: 'PUT', path: '/api/v1/me/party',
    body: ['branch_id', 'joined_on', 'in_service', 'work_unit_id'],
    reads: MY_PARTY,
  },
  'party.withdraw': {
    area: 'party',
    method: 'DELETE', path: '/api/v1/me/party',
  },
  'party.posts': {
    area: 'party',
    method: 'GET', path: '/api/v1/party/communities/{id}/posts',
    reads: ['[].id', '[].name', '[].description', '[].capacity', '[].taken'],
  },
  'party.report': {
    area: 'party',
    method: 'PUT', path: '/api/v1/me/party/report',
    body: ['post_ids', 'note'],
    reads: MY_PARTY,
  },
  'party.endReport': {
    area: 'party',
    method: 'DELETE', path: '/api/v1/me/party/report',
    reads: ['report', 'can_report'],
  },
  'party.learning': {
    area: 'party',
    method: 'GET', path: '/api/v1/me/learning',
    query: ['year'],
    reads: ['year', 'membership.branch.name', 'membership.status', 'lectures[].event_id', 'lectures[].title',
      'lectures[].kind', 'lectures[].starts_at', 'lecture_count', 'hours', 'hours_by_year[].year',
      'hours_by_year[].hours', 'sections'],
  },
  'party.members': {
    area: 'party',
    method: 'GET', path: '/api/v1/party/branches/{id}/members',
    query: ['status', 'q', 'limit', 'offset'],
    reads: ['total'].concat(MEMBERSHIP.map((f) => 'items[].' + f)),
  },
  'party.confirm': {
    area: 'party',
    method: 'POST', path: '/api/v1/party/memberships/{id}/confirm',
    reads: ['id', 'status'],
  },
  'party.reject': {
    area: 'party',
    method: 'POST', path: '/api/v1/party/memberships/{id}/reject',
    body: ['reason'],
    reads: ['id', 'status'],
  },
  'party.leave': {
    area: 'party',
    method: 'POST', path: '/api/v1/party/memberships/{id}/leave',
    body: ['reason'],
    reads: ['id', 'status'],
  },
};
