// 党员联户 (app/households): my households, a household's record and its
// 联户记录本, my 联户证, and the page a household member reaches from the card.
module.exports = {
  'households.mine': {
    area: 'households',
    method: 'GET', path: '/api/v1/me/households',
    query: ['limit', 'offset'],
    reads: ['items[].id', 'items[].address', 'items[].grid.name', 'items[].head_name', 'items[].members',
      'items[].last_contact_on', 'items[].overdue', 'total'],
  },
  'households.get': {
    area: 'households',
    method: 'GET', path: '/api/v1/households/{id}',
    reads: ['id', 'address', 'grid.name', 'status', 'notes', 'members[].name', 'members[].relation_label',
      'members[].age_band_label', 'members[].phone', 'pairing.party_member.name', 'last_contact_on', 'overdue',
      'can_log_visit'],
  },
  'households.visits': {
    area: 'households',
    method: 'GET', path: '/api/v1/households/{id}/visits',
    query: ['limit', 'offset'],
    reads: ['items[].id', 'items[].visited_on', 'items[].kind_label', 'items[].discussed', 'items[].needs_found',
      'items[].need_id', 'items[].author_name', 'total'],
  },
  'households.logVisit': {
    area: 'households',
    method: 'POST', path: '/api/v1/households/{id}/visits',
    body: ['visited_on', 'kind', 'discussed', 'needs_found', 'need.title', 'need.kind', 'need.service',
      'need.urgency', 'report.category', 'report.description'],
    reads: ['id', 'need_id', 'work_order_id'],
  },
  'households.issueCard': {
    area: 'households',
    method: 'POST', path: '/api/v1/me/contact-card',
    reads: ['code', 'party_member.name', 'branch', 'community', 'grids', 'issued_at'],
  },
  'households.renewCard': {
    area: 'households',
    method: 'POST', path: '/api/v1/me/contact-card/renew',
    reads: ['code', 'party_member.name', 'branch', 'community', 'grids', 'issued_at'],
  },
  'households.cardPdf': {
    area: 'households',
    method: 'GET', path: '/api/v1/me/contact-card.pdf',
    binary: true,
  },
  'households.reach': {
    area: 'households',
    method: 'GET', path: '/api/v1/contact-cards/{code}',
    reads: ['party_member.name', 'branch', 'community', 'grids'],
  },
  'households.sendRequest': {
    area: 'households',
    method: 'POST', path: '/api/v1/contact-cards/{code}/requests',
    body: ['message', 'contact_name', 'contact_phone'],
    reads: ['id'],
  },
  'households.requests': {
    area: 'households',
    method: 'GET', path: '/api/v1/me/household-requests',
    query: ['limit', 'offset'],
    reads: ['items[].id', 'items[].message', 'items[].contact_name', 'items[].contact_phone', 'items[].status',
      'items[].created_at', 'new', 'total'],
  },
  'households.handleRequest': {
    area: 'households',
    method: 'POST', path: '/api/v1/me/household-requests/{id}/handle',
    reads: ['id', 'status'],
  },
};
