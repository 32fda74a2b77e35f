// Every backend call the mini-program makes, in one place.
//
// name -> {
//   area: the backend blueprint serving it (the contract test checks an entry
//         strictly once that blueprint is registered),
//   method, path ({name} for path parameters),
//   auth: false when no token is needed (default: needed),
//   query: query parameters a page may send,
//   body: JSON body fields a page may send (dotted for nested objects,
//         "items[].field" for lists of objects),
//   reads: response fields the pages read (same notation; "[]." for a list answer),
//   binary: the answer is a file (PNG / PDF), not JSON,
// }
//
// utils/request.js refuses to send a field that is not declared here, and
// tests/miniprogram/test_contract.py checks every entry against the backend's
// OpenAPI document (paths, methods, fields), so this file is the contract.
const ENDPOINTS = {
  // -- login and me (app/auth, app/users) --------------------------------------
  'auth.login': {
    area: 'auth',
    method: 'POST', path: '/api/v1/auth/login', auth: false,
    body: ['code'],
    reads: ['token', 'expires_in', 'user.id', 'user.name', 'user.role'],
  },
  'me.get': {
    area: 'users',
    method: 'GET', path: '/api/v1/me',
    reads: ['id', 'name', 'phone', 'role', 'roles[].role', 'roles[].scope_kind', 'roles[].scope_id', 'community.id', 'community.name',
      'scopes[].community_id', 'scopes[].member_unit_id'],
  },
  'me.update': {
    area: 'users',
    method: 'PATCH', path: '/api/v1/me',
    body: ['name', 'community_id'],
    reads: ['id', 'name', 'community.name'],
  },
  'auth.logout': {
    area: 'auth',
    method: 'POST', path: '/api/v1/auth/logout',
  },
  // -- desk console sign-in by scanning (app/auth/console_routes.py) -----------
  'console.scan': {
    area: 'console_auth',
    method: 'POST', path: '/api/v1/auth/console/scan',
    body: ['nonce'],
    reads: ['status', 'agent', 'address'],
  },
  'console.confirm': {
    area: 'console_auth',
    method: 'POST', path: '/api/v1/auth/console/confirm',
    body: ['nonce'],
    reads: ['status'],
  },
  'console.cancel': {
    area: 'console_auth',
    method: 'POST', path: '/api/v1/auth/console/cancel',
    body: ['nonce'],
    reads: ['status'],
  },
  'communities.list': {
    area: 'users',
    method: 'GET', path: '/api/v1/communities', auth: false,
    reads: ['[].id', '[].name'],
  },

  // -- events and registration (app/events) ------------------------------------
  'events.list': {
    area: 'events',
    method: 'GET', path: '/api/v1/events',
    query: ['kind', 'community', 'parent_id', 'from', 'to', 'mine', 'group', 'limit', 'offset', 'cursor'],
    reads: ['items[].id', 'items[].kind', 'items[].title', 'items[].theme', 'items[].host_name',
      'items[].venue', 'items[].starts_at', 'items[].ends_at', 'items[].status', 'items[].capacity',
      'items[].registered_count', 'items[].my_registration', 'items[].activities[].id',
      'items[].activities[].title', 'items[].activities[].host_name', 'items[].activities[].starts_at',
      'items[].activities[].in_my_community', 'total', 'next_cursor'],
  },
  'events.get': {
    area: 'events',
    method: 'GET', path: '/api/v1/events/{id}',
    reads: ['id', 'kind', 'title', 'description', 'status', 'phase', 'cancel_reason', 'theme', 'speaker',
      'online_url', 'audience', 'host_name', 'venue', 'latitude', 'longitude', 'radius_m', 'starts_at',
      'ends_at', 'capacity', 'registration_required', 'credits_hours', 'registered_count',
      'waitlisted_count', 'my_registration.status', 'my_registration.position', 'can_manage',
      'checkin_opens_at', 'checkin_closes_at', 'activities[].id', 'activities[].title',
      'activities[].host_name', 'activities[].starts_at', 'activities[].in_my_community', 'parent.id', 'parent.title'],
  },
  'events.create': {
    area: 'events',
    method: 'POST', path: '/api/v1/events',
    body: ['kind', 'title', 'description', 'theme', 'speaker', 'online_url', 'audience',
      'host_community_id', 'host_member_unit_id', 'venue', 'latitude', 'longitude', 'radius_m',
      'starts_at', 'ends_at', 'capacity', 'registration_required', 'credits_hours', 'parent_id'],
    reads: ['id', 'title'],
  },
  'events.cancel': {
    area: 'events',
    method: 'POST', path: '/api/v1/events/{id}/cancel',
    body: ['reason'],
    reads: ['id', 'status'],
  },
  'events.register': {
    area: 'events',
    method: 'POST', path: '/api/v1/events/{id}/registration',
    reads: ['status', 'position'],
  },
  'events.unregister': {
    area: 'events',
    method: 'DELETE', path: '/api/v1/events/{id}/registration',
  },
  'me.registrations': {
    area: 'events',
    method: 'GET', path: '/api/v1/me/registrations',
    query: ['limit', 'offset'],
    reads: ['items[].status', 'items[].position', 'items[].event.id', 'items[].event.title',
      'items[].event.kind', 'items[].event.starts_at', 'items[].event.venue'],
  },

  // -- check-in (app/checkin) ---------------------------------------------------
  'checkins.create': {
    area: 'checkin',
    method: 'POST', path: '/api/v1/checkins',
    body: ['token', 'scene', 'event_id', 'latitude', 'longitude'],
    reads: ['code', 'message', 'event_id', 'event_title', 'direction', 'checked_in_at', 'checked_out_at', 'minutes'],
  },
  'events.qrcode': {
    area: 'checkin',
    // format=png: the image, with X-Token-Expires-At / X-Token-Refresh-In headers
    method: 'GET', path: '/api/v1/events/{id}/qrcode', binary: true,
    query: ['purpose', 'format'],
  },
  'events.projectorLink': {
    area: 'checkin',
    method: 'POST', path: '/api/v1/events/{id}/projector-link',
    body: ['purpose'],
    reads: ['url', 'expires_at'],
  },
  'events.poster': {
    area: 'checkin',
    method: 'GET', path: '/api/v1/events/{id}/poster', binary: true,
    query: ['purpose'],
  },
  'events.attendance': {
    area: 'attendance',
    method: 'GET', path: '/api/v1/events/{id}/attendance',
    query: ['format'],
    reads: ['title', 'capacity', 'registration_required', 'registered', 'checked_in', 'checked_out', 'present',
      'items[].user_id', 'items[].name', 'items[].phone_masked', 'items[].checked_in_at', 'items[].checkin_method',
      'items[].checked_out_at', 'items[].minutes'],
  },
  'events.attendanceChart': {
    area: 'attendance',
    method: 'GET', path: '/api/v1/events/{id}/attendance/chart.png', binary: true,
  },
  'events.manualCheckin': {
    area: 'checkin',
    method: 'POST', path: '/api/v1/events/{id}/checkins',
    body: ['user_id', 'phone', 'name', 'direction', 'note'],
    reads: ['code', 'message', 'checked_in_at', 'checked_out_at'],
  },

  // -- volunteers, teams, hours, certificates (app/volunteers, app/teams, app/hours)
  'volunteers.consent': {
    area: 'volunteers',
    method: 'GET', path: '/api/v1/volunteers/consent', auth: false,
    reads: ['version', 'purpose', 'text'],
  },
  'volunteers.mine': {
    area: 'volunteers',
    method: 'GET', path: '/api/v1/me/volunteer',
    reads: ['status', 'real_name', 'phone', 'id_number_masked', 'community_id', 'team_id', 'team_name', 'skills',
      'review_reason', 'created_at'],
  },
  'volunteers.apply': {
    area: 'volunteers',
    method: 'POST', path: '/api/v1/me/volunteer',
    body: ['consent_version', 'consent_agreed', 'real_name', 'phone', 'id_number', 'community_id', 'team_id', 'skills'],
    reads: ['status', 'real_name', 'team_name'],
  },
  'volunteers.leave': {
    area: 'volunteers',
    method: 'POST', path: '/api/v1/me/volunteer/leave',
    body: ['reason'],
    reads: ['status'],
  },
  'me.data': {
    area: 'volunteers',
    method: 'GET', path: '/api/v1/me/data',
    reads: ['account.name', 'account.phone', 'account.role', 'account.roles[].role', 'account.created_at', 'volunteer.real_name',
      'volunteer.phone', 'volunteer.id_number_masked', 'volunteer.team_name', 'volunteer.status', 'consent.version',
      'consent.consented_at', 'consent.purpose', 'memberships', 'hours.total_hours', 'certificates', 'checkins',
      'registrations', 'sessions'],
  },
  'me.closeAccount': {
    area: 'volunteers',
    method: 'POST', path: '/api/v1/me/close-account',
    body: ['confirm'],
  },
  'volunteers.list': {
    area: 'volunteers',
    method: 'GET', path: '/api/v1/volunteers',
    query: ['status', 'team_id', 'community_id', 'limit', 'before_id'],
    reads: ['[].user_id', '[].real_name', '[].phone', '[].id_number_masked', '[].community_id', '[].team_name',
      '[].skills', '[].status', '[].created_at'],
  },
  'volunteers.review': {
    area: 'volunteers',
    method: 'POST', path: '/api/v1/volunteers/{user_id}/review',
    body: ['decision', 'reason'],
    reads: ['status'],
  },
  'teams.tree': {
    area: 'teams',
    method: 'GET', path: '/api/v1/teams', auth: false,
    reads: ['[].id', '[].name', '[].level', '[].community_id', '[].children'],
  },
  'me.hours': {
    area: 'hours',
    method: 'GET', path: '/api/v1/me/hours',
    query: ['limit', 'offset'],
    reads: ['total_hours', 'year', 'year_hours', 'by_month[].month', 'by_month[].hours', 'star.stars', 'star.title',
      'star.next_threshold_hours', 'records[].id', 'records[].event_title', 'records[].place', 'records[].started_at',
      'records[].ended_at', 'records[].hours', 'records[].status', 'records[].status_label', 'records[].review_reason',
      'next_offset', 'rounding_rule'],
  },
  'me.certificates': {
    area: 'certificates',
    method: 'GET', path: '/api/v1/me/certificates',
    reads: ['[].serial', '[].total_hours', '[].record_count', '[].issued_at', '[].revoked_at'],
  },
  'me.issueCertificate': {
    area: 'certificates',
    method: 'POST', path: '/api/v1/me/certificates',
    body: ['from', 'to'],
    reads: ['serial', 'total_hours'],
  },
  'certificates.pdf': {
    area: 'certificates',
    method: 'GET', path: '/api/v1/certificates/{serial}/pdf', binary: true,
  },
  'hours.eventRecords': {
    area: 'hours',
    method: 'GET', path: '/api/v1/hours/events/{event_id}/records',
    query: ['status'],
    reads: ['[].id', '[].volunteer_name', '[].phone_masked', '[].started_at', '[].ended_at', '[].checkout_at',
      '[].hours', '[].status', '[].status_label', '[].awaiting_checkout'],
  },
  'hours.approve': {
    area: 'hours',
    method: 'POST', path: '/api/v1/hours/records/approve',
    body: ['record_ids', 'event_id'],
    reads: ['approved', 'skipped[].id', 'skipped[].message'],
  },
  'hours.reject': {
    area: 'hours',
    method: 'POST', path: '/api/v1/hours/records/{id}/reject',
    body: ['reason'],
    reads: ['status'],
  },
  'hours.settle': {
    area: 'hours',
    method: 'POST', path: '/api/v1/hours/records/{id}/settle',
    body: ['reason', 'ended_at', 'refuse'],
    reads: ['status', 'hours'],
  },
  'hours.correct': {
    area: 'hours',
    method: 'POST', path: '/api/v1/hours/records/{id}/corrections',
    body: ['hours', 'reason'],
    reads: ['minutes'],
  },

  // -- subscriptions and notices (app/notices) ----------------------------------
  'subscriptions.templates': {
    area: 'subscriptions',
    method: 'GET', path: '/api/v1/subscriptions/templates', auth: false,
    reads: ['[].id', '[].name', '[].title', '[].fields[].key', '[].fields[].type', '[].fields[].label',
      '[].fields[].max_length', '[].fields[].rule'],
  },
  'subscriptions.answer': {
    area: 'subscriptions',
    method: 'POST', path: '/api/v1/subscriptions',
    body: ['results', 'request_id'],
    reads: ['[].template_id', '[].remaining'],
  },
  'subscriptions.mine': {
    area: 'subscriptions',
    method: 'GET', path: '/api/v1/subscriptions',
    reads: ['[].template_id', '[].title', '[].remaining'],
  },
  'notices.preview': {
    area: 'notices',
    method: 'POST', path: '/api/v1/notices/preview',
    body: ['template_id', 'values', 'shorten', 'page', 'audience.kind', 'audience.community_id', 'audience.team_id',
      'audience.event_id', 'audience.user_ids'],
    reads: ['title', 'fields[].label', 'fields[].value', 'shortened[].label', 'shortened[].original', 'shortened[].value',
      'page', 'audience.label', 'content_check', 'recipients', 'with_quota', 'will_skip', 'skip_reasons'],
  },
  'notices.create': {
    area: 'notices',
    method: 'POST', path: '/api/v1/notices',
    body: ['template_id', 'values', 'shorten', 'page', 'audience.kind', 'audience.community_id', 'audience.team_id',
      'audience.event_id', 'audience.user_ids', 'send_at'],
    reads: ['id', 'status'],
  },
  'notices.list': {
    area: 'notices',
    method: 'GET', path: '/api/v1/notices',
    query: ['limit', 'before_id'],
    reads: ['[].id', '[].template_name', '[].template_title', '[].values', '[].audience.label', '[].status', '[].send_at', '[].created_at',
      '[].counts.total', '[].counts.sent'],
  },
  'notices.report': {
    area: 'notices',
    method: 'GET', path: '/api/v1/notices/{id}/report',
    reads: ['id', 'kind', 'template_name', 'template_title', 'values', 'audience.label', 'status', 'send_at', 'started_at', 'finished_at',
      'cancelled_at', 'counts.total', 'counts.queued', 'counts.sending', 'counts.sent', 'counts.skipped',
      'counts.failed', 'counts.unconfirmed', 'counts.cancelled', 'skipped_reasons', 'failed_codes',
      'confirmed_by_quota', 'not_reached[].user_id', 'not_reached[].name', 'not_reached[].state',
      'not_reached[].reason', 'not_reached[].errcode', 'not_reached[].error'],
  },
  'notices.cancel': {
    area: 'notices',
    method: 'POST', path: '/api/v1/notices/{id}/cancel',
    reads: ['status'],
  },

  // -- the alliance: member units and their lists (app/units) -----------------
  'units.get': {
    area: 'units',
    method: 'GET', path: '/api/v1/units/{id}',
    reads: ['id', 'name', 'kind_label', 'level_label', 'community.name', 'party_org_name', 'address',
      'introduction', 'status', 'status_label', 'joined_on', 'contacts[].name', 'can_edit_profile'],
  },
  'projects.list': {
    area: 'units',
    method: 'GET', path: '/api/v1/projects',
    query: ['unit_id', 'year', 'limit', 'offset'],
    reads: ['items[].id', 'items[].title', 'items[].kind_label', 'items[].status', 'items[].status_label',
      'items[].goals', 'items[].milestones[].title', 'items[].milestones[].done_on',
      'items[].progress.events_linked', 'items[].progress.events_held', 'items[].progress.attendance',
      'items[].progress.unit_volunteer_hours', 'items[].progress.milestones_done',
      'items[].progress.milestones_total', 'items[].progress.percent', 'total'],
  },
  'resources.list': {
    area: 'units',
    method: 'GET', path: '/api/v1/resources',
    query: ['unit_id', 'kind', 'community', 'active', 'limit', 'offset'],
    reads: ['items[].id', 'items[].kind_label', 'items[].service', 'items[].title', 'items[].capacity',
      'items[].capacity_unit', 'items[].availability', 'items[].communities[].name', 'total'],
  },

  // -- uploads (app/files: the storage area) -------------------------------------
  'uploads.create': {
    area: 'files',
    // ?purpose= one of app/models/files.py UPLOAD_PURPOSES (need_photo, duty_evidence, whistle_photo, ...)
    method: 'POST', path: '/api/v1/uploads',
    query: ['purpose'],
    reads: ['id', 'url'],
  },

  // -- needs (需求清单) and duties (履职清单), app/needs ------------------------------
  'needs.create': {
    area: 'needs',
    method: 'POST', path: '/api/v1/needs',
    body: ['title', 'description', 'kind', 'service', 'urgency', 'community_id', 'place', 'latitude', 'longitude',
      'wanted_by', 'photo_ids', 'contact_name', 'contact_phone', 'is_public'],
    reads: ['id', 'status'],
  },
  'needs.list': {
    area: 'needs',
    method: 'GET', path: '/api/v1/needs',
    query: ['scope', 'status', 'community_id', 'kind', 'limit', 'offset'],
    reads: ['items[].id', 'items[].title', 'items[].service', 'items[].urgency', 'items[].community.name',
      'items[].status', 'items[].status_label', 'items[].created_at', 'items[].wanted_by', 'items[].is_public',
      'items[].duties[].status', 'items[].duties[].unit.name', 'total'],
  },
  'needs.get': {
    area: 'needs',
    method: 'GET', path: '/api/v1/needs/{id}',
    reads: ['id', 'title', 'description', 'kind', 'service', 'urgency', 'community.id', 'community.name', 'wanted_by', 'is_public', 'status', 'status_label', 'created_at', 'full', 'mine', 'can_manage', 'can_rate', 'place', 'contact_name', 'contact_phone', 'raised_by.name', 'photos[].url', 'duties[].id', 'duties[].unit.id', 'duties[].unit.name', 'duties[].status', 'duties[].status_label', 'duties[].accept_by', 'duties[].due_by', 'duties[].decline_reason', 'duties[].done_at', 'duties[].done_note', 'duties[].evidence[].url', 'duties[].rating', 'duties[].rating_comment', 'duties[].overdue', 'duties[].reopen_until'],
  },
  'needs.timeline': {
    area: 'needs',
    method: 'GET', path: '/api/v1/needs/{id}/timeline',
    reads: ['[].id', '[].action', '[].action_label', '[].unit.name', '[].note', '[].actor.name', '[].photos[].url', '[].at'],
  },
  'needs.cancel': {
    area: 'needs',
    method: 'POST', path: '/api/v1/needs/{id}/cancel',
    body: ['reason'],
    reads: ['id', 'status'],
  },
  'needs.suggestions': {
    area: 'needs',
    method: 'GET', path: '/api/v1/needs/{id}/suggestions',
    query: ['limit'],
    reads: ['[].unit.id', '[].unit.name', '[].score', '[].parts.match', '[].parts.distance', '[].parts.load',
      '[].parts.rating', '[].distance_km', '[].reasons'],
  },
  'needs.dispatch': {
    area: 'needs',
    method: 'POST', path: '/api/v1/needs/{id}/dispatch',
    body: ['unit_ids', 'accept_by', 'due_by', 'note'],
    reads: ['[].id', '[].unit.name'],
  },
  'needs.claim': {
    area: 'needs',
    method: 'POST', path: '/api/v1/needs/{id}/claim',
    body: ['unit_id', 'note'],
    reads: ['id', 'status'],
  },
  'duties.get': {
    area: 'needs',
    method: 'GET', path: '/api/v1/duties/{id}',
    reads: ['id', 'need_id', 'unit.id', 'unit.name', 'status', 'status_label', 'accept_by', 'due_by', 'accepted_at', 'decline_reason', 'done_at', 'done_note', 'evidence[].url', 'rating', 'rating_comment', 'overdue', 'escalation_level', 'need.id', 'need.title', 'need.service', 'need.urgency', 'need.community.name', 'need.status', 'need.wanted_by'],
  },
  'duties.accept': { area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/accept', body: ['note'], reads: ['status'] },
  'duties.decline': { area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/decline', body: ['reason'], reads: ['status'] },
  'duties.progress': {
    area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/progress', body: ['note', 'photo_ids'], reads: ['status'],
  },
  'duties.done': { area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/done', body: ['note', 'photo_ids'], reads: ['status'] },
  'duties.confirm': { area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/confirm', body: ['note'], reads: ['status'] },
  'duties.refuse': { area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/refuse', body: ['reason'], reads: ['status'] },
  'duties.rate': {
    area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/rating', body: ['rating', 'comment'], reads: ['status', 'rating'],
  },
  'duties.reopen': { area: 'needs', method: 'POST', path: '/api/v1/duties/{id}/reopen', body: ['reason'], reads: ['status'] },
  'units.duties': {
    area: 'needs',
    method: 'GET', path: '/api/v1/units/{id}/duties',
    query: ['status', 'overdue', 'limit', 'offset'],
    reads: ['items[].' + 'id', 'total'].concat(['id', 'need_id', 'unit.id', 'unit.name', 'status', 'status_label', 'accept_by', 'due_by', 'accepted_at', 'decline_reason', 'done_at', 'done_note', 'evidence[].url', 'rating', 'rating_comment', 'overdue', 'escalation_level', 'need.id', 'need.title', 'need.service', 'need.urgency', 'need.community.name', 'need.status', 'need.wanted_by'].filter((f) => f !== 'id').map((f) => 'items[].' + f)),
  },

  // -- whistles (app/whistles): 基层吹哨·联盟报到 ----------------------------------
  'whistles.list': {
    area: 'whistles',
    method: 'GET', path: '/api/v1/whistles',
    query: ['status', 'limit', 'offset'],
    reads: ['items[].id', 'items[].title', 'items[].place', 'items[].status', 'items[].needed_by',
      'items[].created_at', 'items[].community.name', 'items[].unit_count', 'items[].reported_count',
      'items[].can_manage', 'items[].my_unit_ids', 'total'],
  },
  'whistles.create': {
    area: 'whistles',
    method: 'POST', path: '/api/v1/whistles',
    body: ['community_id', 'title', 'description', 'place', 'latitude', 'longitude', 'needed_by', 'to_all_units',
      'unit_ids'],
    reads: ['id', 'title'],
  },
  'whistles.get': {
    area: 'whistles',
    method: 'GET', path: '/api/v1/whistles/{id}',
    reads: ['id', 'title', 'description', 'place', 'status', 'needed_by', 'created_at', 'community.name',
      'event_id', 'can_manage', 'my_unit_ids', 'units[].id', 'units[].name', 'reports[].unit.id',
      'reports[].unit.name', 'reports[].people_count', 'reports[].brings', 'reports[].arrive_at',
      'reports[].response_minutes', 'summary'],
  },
  'whistles.report': {
    area: 'whistles',
    method: 'POST', path: '/api/v1/whistles/{id}/reports',
    body: ['unit_id', 'people_count', 'brings', 'arrive_at'],
    reads: ['id', 'unit.name', 'people_count'],
  },
  'whistles.rollCall': {
    area: 'whistles',
    method: 'GET', path: '/api/v1/whistles/{id}/roll-call',
    reads: ['title', 'status', 'needed_by', 'event_id', 'as_of', 'totals.units', 'totals.reported',
      'totals.response_rate', 'totals.average_response_minutes', 'totals.people_promised', 'totals.checked_in',
      'units[].unit.id', 'units[].unit.name', 'units[].reported', 'units[].response_minutes',
      'units[].people_promised', 'units[].checked_in', 'units[].brings', 'units[].arrive_at'],
  },
};

// Newer areas keep their calls in utils/endpoint-areas/<area>.js (same shape),
// one require line each here; a name defined twice is a mistake, not an override.
[
  require('./endpoint-areas/front-door'),
  require('./endpoint-areas/party'),
  require('./endpoint-areas/lectures'),
  require('./endpoint-areas/patrols'),
  require('./endpoint-areas/mediation'),
  require('./endpoint-areas/consultations'),
  require('./endpoint-areas/hall'),
  require('./endpoint-areas/reports'),
  require('./endpoint-areas/quiz'),
  require('./endpoint-areas/households'),
].forEach((more) => {
  Object.keys(more).forEach((name) => {
    if (ENDPOINTS[name]) throw new Error('endpoint defined twice: ' + name);
    ENDPOINTS[name] = more[name];
  });
});

module.exports = ENDPOINTS;
