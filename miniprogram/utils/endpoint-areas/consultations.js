// 议事 calls (app/consultations): my community's topics, a topic with its
// comments and vote, and the resolution.
const TOPIC_READS = ['id', 'title', 'description', 'place', 'community.name', 'status', 'status_label',
  'has_vote', 'vote_closes_at', 'voting_open', 'results_shown', 'options[].id', 'options[].label',
  'options[].votes', 'votes_total', 'my_vote', 'comment_count', 'decision', 'actions[].what',
  'actions[].assignee', 'actions[].due_on', 'resolved_at', 'created_at', 'can_take_part'];

module.exports = {
  'consultations.list': {
    area: 'consultations',
    method: 'GET', path: '/api/v1/consultations',
    query: ['status', 'limit', 'offset'],
    reads: ['total'].concat(TOPIC_READS.map((f) => 'items[].' + f)),
  },
  'consultations.get': {
    area: 'consultations',
    method: 'GET', path: '/api/v1/consultations/{id}',
    reads: TOPIC_READS,
  },
  'consultations.comments': {
    area: 'consultations',
    method: 'GET', path: '/api/v1/consultations/{id}/comments',
    query: ['limit', 'offset'],
    reads: ['total', 'items[].id', 'items[].author.name', 'items[].body', 'items[].hidden', 'items[].hidden_reason',
      'items[].created_at', 'items[].mine'],
  },
  'consultations.comment': {
    area: 'consultations',
    method: 'POST', path: '/api/v1/consultations/{id}/comments',
    body: ['body'],
    reads: ['id'],
  },
  'consultations.vote': {
    area: 'consultations',
    method: 'POST', path: '/api/v1/consultations/{id}/vote',
    body: ['option_id'],
    reads: ['option_id', 'topic.my_vote'],
  },
};
