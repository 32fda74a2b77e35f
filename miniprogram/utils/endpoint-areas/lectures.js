// 聚沙讲堂 (app/lectures): the catalogue, the reader/player's learning
// sessions, course orders (点课 / 送学) and the office's decisions.
const LECTURER = ['id', 'name', 'title', 'topics', 'member_unit_name'];
const ORDER = ['id', 'course_id', 'course_title', 'orderer_name', 'starts_at', 'ends_at', 'place', 'audience',
  'expected_size', 'note', 'status', 'status_label', 'reason', 'lecturer.id', 'lecturer.name', 'invited_units[].name',
  'event_id', 'checked_in_count', 'can_decide', 'can_cancel'];
const STATE = ['session_id', 'floor_seconds', 'counted_seconds', 'completed', 'just_completed', 'heartbeat_seconds',
  'replay'];

module.exports = {
  'lectures.courses': {
    area: 'lectures',
    method: 'GET', path: '/api/v1/courses',
    query: ['topic', 'q', 'limit', 'offset'],
    reads: ['items[].id', 'items[].title', 'items[].topic', 'items[].duration_minutes', 'items[].lecturer.name',
      'items[].material_count', 'total', 'topics'],
  },
  'lectures.course': {
    area: 'lectures',
    method: 'GET', path: '/api/v1/courses/{id}',
    reads: ['id', 'title', 'topic', 'summary', 'duration_minutes', 'lecturer.name', 'lecturer.title', 'lecturer.bio',
      'materials[].id', 'materials[].kind', 'materials[].kind_label', 'materials[].title', 'materials[].body',
      'materials[].url', 'materials[].photos', 'materials[].length_seconds', 'materials[].floor_seconds',
      'materials[].my_progress.counted_seconds', 'materials[].my_progress.completed'],
  },
  'lectures.lecturers': {
    area: 'lectures',
    method: 'GET', path: '/api/v1/lecturers',
    query: ['limit', 'offset'],
    reads: LECTURER.map((f) => 'items[].' + f),
  },
  'lectures.startLearning': {
    area: 'lectures',
    method: 'POST', path: '/api/v1/course-materials/{id}/learning-sessions',
    reads: STATE,
  },
  'lectures.heartbeat': {
    area: 'lectures',
    method: 'POST', path: '/api/v1/learning-sessions/{id}/heartbeats',
    body: ['seq'],
    reads: STATE,
  },
  'lectures.orders': {
    area: 'lectures',
    method: 'GET', path: '/api/v1/course-orders',
    query: ['status', 'limit', 'offset'],
    reads: ORDER.map((f) => 'items[].' + f).concat(['total']),
  },
  'lectures.placeOrder': {
    area: 'lectures',
    method: 'POST', path: '/api/v1/course-orders',
    body: ['course_id', 'community_id', 'member_unit_id', 'starts_at', 'place', 'audience', 'expected_size', 'note'],
    reads: ['id', 'status'],
  },
  'lectures.confirmOrder': {
    area: 'lectures',
    method: 'POST', path: '/api/v1/course-orders/{id}/confirm',
    body: ['lecturer_id'],
    reads: ORDER,
  },
  'lectures.declineOrder': {
    area: 'lectures',
    method: 'POST', path: '/api/v1/course-orders/{id}/decline',
    body: ['reason'],
    reads: ORDER,
  },
  'lectures.cancelOrder': {
    area: 'lectures',
    method: 'POST', path: '/api/v1/course-orders/{id}/cancel',
    body: ['reason'],
    reads: ORDER,
  },
};
