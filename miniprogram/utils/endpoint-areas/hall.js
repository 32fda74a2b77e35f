// 党史学习亮初心, the offline contest (app/hall): the contests, the judge's
// score entry and the public results. Same shape as utils/endpoints.js.
const CONTEST = ['id', 'title', 'held_on', 'place', 'status', 'team_count', 'round_count',
  'my_role.judge', 'my_role.head_judge', 'my_role.manager'];
const ENTRY = ['id', 'round_id', 'team_id', 'question_no', 'revision', 'outcome', 'tier', 'points', 'reason',
  'entered_at', 'current'];

module.exports = {
  'hall.contests': {
    area: 'hall',
    method: 'GET', path: '/api/v1/hall/contests',
    query: ['judging', 'limit', 'offset'],
    reads: ['total'].concat(CONTEST.map((f) => 'items[].' + f)),
  },
  'hall.contest': {
    area: 'hall',
    method: 'GET', path: '/api/v1/hall/contests/{id}',
    reads: CONTEST.concat(['rounds[].id', 'rounds[].name', 'rounds[].kind', 'rounds[].kind_label',
      'rounds[].points_correct', 'rounds[].penalty_wrong', 'rounds[].risk_tiers', 'rounds[].question_count',
      'teams[].id', 'teams[].name', 'teams[].represents', 'teams[].members']),
  },
  'hall.entries': {
    area: 'hall',
    method: 'GET', path: '/api/v1/hall/contests/{id}/entries',
    query: ['round_id', 'team_id'],
    reads: ENTRY.map((f) => '[].' + f),
  },
  'hall.enter': {
    area: 'hall',
    method: 'POST', path: '/api/v1/hall/contests/{id}/entries',
    body: ['round_id', 'team_id', 'question_no', 'outcome', 'tier', 'points'],
    reads: ENTRY,
  },
  'hall.correct': {
    area: 'hall',
    method: 'POST', path: '/api/v1/hall/contests/{id}/entries/{entryId}/correction',
    body: ['outcome', 'tier', 'points', 'reason'],
    reads: ENTRY,
  },
  'hall.results': {
    area: 'hall',
    method: 'GET', path: '/api/v1/hall/contests/{id}/results',
    reads: ['status', 'final', 'tie_rule', 'rounds[].id', 'rounds[].name', 'rows[].team.id', 'rows[].team.name',
      'rows[].team.represents', 'rows[].team.members', 'rows[].rank', 'rows[].total', 'rows[].award',
      'rows[].by_round[].round_id', 'rows[].by_round[].points'],
  },
};
