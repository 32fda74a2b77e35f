// The front door (app/residents, app/checkin/resident_routes.py): residents'
// own codes and printed cards, the organiser's offline scans, 家属代签.
// (The single-scan POST /events/{id}/checkins/resident-code is for other
// clients: the organiser's scan page sends every scan through the batch, so
// one nonce covers a scan whether the network is there or not.)
module.exports = {
  'residents.myCode': {
    area: 'residents',
    // format=png: the image, with X-Token-Expires-At / X-Token-Refresh-In headers
    method: 'GET', path: '/api/v1/me/resident-code', binary: true,
    query: ['format'],
  },
  'checkins.batch': {
    area: 'resident_checkin',
    method: 'POST', path: '/api/v1/events/{id}/checkins/batch',
    body: ['items[].nonce', 'items[].code', 'items[].direction', 'items[].scanned_at'],
    reads: ['items[].nonce', 'items[].status', 'items[].code', 'items[].message', 'items[].person_name',
      'recorded', 'already', 'refused', 'invalid'],
  },
  'checkins.family': {
    area: 'resident_checkin',
    method: 'POST', path: '/api/v1/checkins/family',
    body: ['token', 'scene', 'event_id', 'latitude', 'longitude', 'elder_id'],
    reads: ['code', 'message', 'event_id', 'event_title', 'direction', 'checked_in_at', 'checked_out_at', 'minutes'],
  },
  'family.mine': {
    area: 'residents',
    method: 'GET', path: '/api/v1/me/family',
    reads: ['elders[].id', 'elders[].elder.id', 'elders[].elder.name', 'elders[].relation', 'elders[].consent',
      'family[].id', 'family[].family.name', 'family[].relation', 'family[].consent'],
  },
  'family.invite': {
    area: 'residents',
    method: 'POST', path: '/api/v1/me/family/invitation',
    reads: ['code', 'qr_png', 'expires_at'],
  },
  'family.accept': {
    area: 'residents',
    method: 'POST', path: '/api/v1/me/family',
    body: ['invitation', 'relation'],
    reads: ['id', 'elder.name'],
  },
  'family.revoke': {
    area: 'residents',
    method: 'POST', path: '/api/v1/family-links/{id}/revoke',
    reads: ['id', 'status'],
  },
  'family.witness': {
    area: 'residents',
    method: 'POST', path: '/api/v1/residents/{id}/family',
    body: ['family_phone', 'relation'],
    reads: ['id', 'family.name'],
  },
  'cards.issue': {
    area: 'residents',
    method: 'POST', path: '/api/v1/resident-cards',
    body: ['user_id', 'phone', 'name', 'community_id'],
    reads: ['id', 'user_id', 'serial', 'holder_name', 'masked_name'],
  },
  'cards.list': {
    area: 'residents',
    method: 'GET', path: '/api/v1/resident-cards',
    query: ['community_id', 'include_revoked', 'limit', 'offset'],
    reads: ['items[].id', 'items[].serial', 'items[].holder_name', 'items[].issued_at', 'items[].revoked_at', 'total'],
  },
  'cards.pdf': {
    area: 'residents',
    method: 'GET', path: '/api/v1/resident-cards/{id}/pdf', binary: true,
  },
  'cards.revoke': {
    area: 'residents',
    method: 'POST', path: '/api/v1/resident-cards/{id}/revoke',
    body: ['reason'],
    reads: ['id', 'revoked_at'],
  },
};
