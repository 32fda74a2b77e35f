// 随手拍 → 工单 (app/reports): the reporter's and the grid worker's calls.
const ORDER_READS = ['id', 'category_label', 'description', 'place', 'status', 'status_label', 'level',
  'level_label', 'grid.name', 'community.name', 'created_at', 'due_at', 'overdue', 'mine', 'actions',
  'photos[].id', 'photos[].url', 'evidence[].id', 'evidence[].url', 'close_note', 'reject_label', 'rating',
  'rating_comment', 'reopen_until', 'assignee.name', 'reporter.name', 'source_label', 'latitude', 'longitude'];
const LIST_READS = ['total'].concat(['id', 'category_label', 'description', 'status', 'status_label', 'level_label',
  'grid.name', 'community.name', 'created_at', 'due_at', 'overdue'].map((f) => 'items[].' + f));

module.exports = {
  'reports.create': {
    area: 'reports',
    method: 'POST', path: '/api/v1/reports',
    body: ['category', 'description', 'latitude', 'longitude', 'place', 'photo_ids', 'source', 'source_ref'],
    reads: ['id', 'grid.name', 'community.name', 'level_label'],
  },
  'workOrders.list': {
    area: 'reports',
    method: 'GET', path: '/api/v1/work-orders',
    query: ['scope', 'status', 'overdue', 'limit', 'offset'],
    reads: LIST_READS,
  },
  'workOrders.get': { area: 'reports', method: 'GET', path: '/api/v1/work-orders/{id}', reads: ORDER_READS },
  'workOrders.timeline': {
    area: 'reports',
    method: 'GET', path: '/api/v1/work-orders/{id}/timeline',
    reads: ['[].id', '[].action_label', '[].note', '[].at', '[].actor.name', '[].to_level', '[].photos[].url'],
  },
  'workOrders.accept': { area: 'reports', method: 'POST', path: '/api/v1/work-orders/{id}/accept', body: ['note'], reads: ['status'] },
  'workOrders.progress': {
    area: 'reports', method: 'POST', path: '/api/v1/work-orders/{id}/progress', body: ['note', 'photo_ids'], reads: ['status'],
  },
  'workOrders.close': {
    area: 'reports', method: 'POST', path: '/api/v1/work-orders/{id}/close', body: ['note', 'photo_ids'], reads: ['status'],
  },
  'workOrders.escalate': { area: 'reports', method: 'POST', path: '/api/v1/work-orders/{id}/escalate', body: ['reason'], reads: ['level'] },
  'workOrders.reject': {
    area: 'reports', method: 'POST', path: '/api/v1/work-orders/{id}/reject', body: ['reason', 'note'], reads: ['status'],
  },
  'workOrders.rate': {
    area: 'reports', method: 'POST', path: '/api/v1/work-orders/{id}/rating', body: ['rating', 'comment'], reads: ['rating'],
  },
  'workOrders.reopen': { area: 'reports', method: 'POST', path: '/api/v1/work-orders/{id}/reopen', body: ['reason'], reads: ['status'] },
};
