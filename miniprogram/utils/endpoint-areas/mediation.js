// 钱塘阿姨 mediation calls (app/mediation): a mediator's cases, a case's
// detail and sessions (each read audited on the server), logging a session,
// the agreement PDF.
const CASE_READS = ['id', 'number', 'community.name', 'grid.name', 'kind_label', 'status', 'status_label',
  'outcome_label', 'party_names', 'mediators[].name', 'created_at'];

module.exports = {
  'mediation.cases': {
    area: 'mediation',
    method: 'GET', path: '/api/v1/mediation/cases',
    query: ['status', 'limit', 'offset'],
    reads: ['total'].concat(CASE_READS.map((f) => 'items[].' + f)),
  },
  'mediation.case': {
    area: 'mediation',
    method: 'GET', path: '/api/v1/mediation/cases/{id}',
    reads: CASE_READS.concat(['summary', 'parties[].side_label', 'parties[].name', 'parties[].phone',
      'parties[].address', 'outcome', 'outcome_at', 'agreement_terms', 'referred_to', 'outcome_note',
      'follow_ups[].visited_at', 'follow_ups[].notes', 'follow_ups[].logged_by.name', 'can_work', 'can_manage']),
  },
  'mediation.sessions': {
    area: 'mediation',
    method: 'GET', path: '/api/v1/mediation/cases/{id}/sessions',
    reads: ['[].id', '[].held_at', '[].place', '[].notes', '[].logged_by.name'],
  },
  'mediation.logSession': {
    area: 'mediation',
    method: 'POST', path: '/api/v1/mediation/cases/{id}/sessions',
    body: ['held_at', 'place', 'notes'],
    reads: ['id'],
  },
  'mediation.outcome': {
    area: 'mediation',
    method: 'POST', path: '/api/v1/mediation/cases/{id}/outcome',
    body: ['outcome', 'terms', 'referred_to', 'note'],
    reads: ['status'],
  },
  'mediation.followUp': {
    area: 'mediation',
    method: 'POST', path: '/api/v1/mediation/cases/{id}/follow-ups',
    body: ['notes'],
    reads: ['status'],
  },
  'mediation.agreement': {
    area: 'mediation',
    method: 'GET', path: '/api/v1/mediation/cases/{id}/agreement.pdf', binary: true,
  },
};
