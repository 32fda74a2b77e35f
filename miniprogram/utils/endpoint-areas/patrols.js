// Grids (网格) and patrols (巡防): app/grids, app/patrols. Called from utils/patrol.js.
module.exports = {
  'grids.list': {
    area: 'grids',
    method: 'GET', path: '/api/v1/grids',
    query: ['community_id', 'limit'],
    reads: ['items[].id', 'items[].name', 'items[].code', 'items[].community_name', 'items[].leaders[].name',
      'items[].workers[].name', 'items[].may_manage', 'total'],
  },
  'patrols.teams': {
    area: 'patrols',
    method: 'GET', path: '/api/v1/patrols/teams',
    reads: ['[].id', '[].team_name', '[].community_name', '[].is_member', '[].routes[].id', '[].routes[].name',
      '[].routes[].is_active', '[].routes[].checkpoints[].name'],
  },
  'patrols.list': {
    area: 'patrols',
    method: 'GET', path: '/api/v1/patrols',
    query: ['scope', 'status', 'limit', 'offset'],
    reads: ['items[].id', 'items[].route_name', 'items[].team_name', 'items[].status', 'items[].status_label',
      'items[].started_at', 'items[].duration_minutes', 'items[].distance_m', 'items[].checkpoints_passed',
      'items[].checkpoints_total', 'items[].service_minutes', 'total'],
  },
  'patrols.current': {
    area: 'patrols',
    method: 'GET', path: '/api/v1/patrols/current',
    reads: ['id'],
  },
  'patrols.start': {
    area: 'patrols',
    method: 'POST', path: '/api/v1/patrols',
    body: ['route_id'],
    reads: ['id'],
  },
  'patrols.get': {
    area: 'patrols',
    method: 'GET', path: '/api/v1/patrols/{id}',
    reads: ['id', 'route_name', 'team_name', 'status', 'status_label', 'started_at', 'ended_at', 'distance_m',
      'checkpoints[].checkpoint_id', 'checkpoints[].name', 'checkpoints[].position', 'checkpoints[].passed',
      'checkpoints[].passed_at', 'checkpoints[].method', 'checkpoints_passed', 'checkpoints_total',
      'service_minutes', 'report_page'],
  },
  'patrols.track': {
    area: 'patrols',
    method: 'POST', path: '/api/v1/patrols/{id}/track',
    body: ['points[].latitude', 'points[].longitude', 'points[].recorded_at', 'points[].accuracy_m'],
    reads: ['accepted', 'distance_m'],
  },
  'patrols.pass': {
    area: 'patrols',
    method: 'POST', path: '/api/v1/patrols/{id}/checkpoints',
    body: ['code', 'checkpoint_id', 'latitude', 'longitude'],
    reads: ['newly_passed', 'patrol.checkpoints[].checkpoint_id', 'patrol.checkpoints[].passed',
      'patrol.checkpoints_passed', 'patrol.distance_m'],
  },
  'patrols.end': {
    area: 'patrols',
    method: 'POST', path: '/api/v1/patrols/{id}/end',
    body: ['note'],
    reads: ['id', 'status', 'distance_m', 'service_minutes'],
  },
};
