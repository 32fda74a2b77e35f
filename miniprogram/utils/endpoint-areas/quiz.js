// 百年党史知多少 (app/quiz): contests, attempts, leaderboards, results,
// certificates, 每日一练 and 错题本. Same shape as utils/endpoints.js.
const SHOWN = ['question.position', 'question.id', 'question.kind', 'question.kind_label', 'question.topic',
  'question.difficulty_label', 'question.stem', 'question.options'];
const REVIEW = ['review[].position', 'review[].kind_label', 'review[].stem', 'review[].options', 'review[].answer',
  'review[].chosen', 'review[].is_correct', 'review[].late', 'review[].explanation', 'review[].source'];
const ATTEMPT = ['id', 'contest_id', 'contest_title', 'number', 'status', 'question_count', 'position',
  'seconds_per_question', 'server_time', 'served_at', 'answer_by', 'correct_count', 'total_ms']
  .concat(SHOWN, REVIEW);
const CONTEST = ['id', 'title', 'description', 'starts_at', 'ends_at', 'state', 'question_count',
  'seconds_per_question', 'attempts_allowed', 'entry', 'leaderboard', 'leaderboard_published', 'certificate_top',
  'may_enter', 'may_manage', 'may_read_results', 'next_number', 'my_attempts[].id', 'my_attempts[].number', 'my_attempts[].status',
  'my_attempts[].correct_count', 'my_attempts[].total_ms'];
const PRACTICE = ['id', 'kind', 'kind_label', 'topic', 'stem', 'options', 'chosen', 'is_correct', 'answer',
  'explanation', 'source'];

module.exports = {
  'quiz.contests': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/contests',
    query: ['state', 'limit', 'offset'],
    reads: ['total'].concat(CONTEST.map((f) => 'items[].' + f)),
  },
  'quiz.contest': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/contests/{id}',
    reads: CONTEST,
  },
  'quiz.start': {
    area: 'quiz',
    method: 'POST', path: '/api/v1/quiz/contests/{id}/attempts',
    body: ['number'],
    reads: ATTEMPT,
  },
  'quiz.attempt': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/attempts/{id}',
    reads: ATTEMPT,
  },
  'quiz.answer': {
    area: 'quiz',
    method: 'POST', path: '/api/v1/quiz/attempts/{id}/answers',
    body: ['position', 'choice'],
    reads: ATTEMPT,
  },
  'quiz.finish': {
    area: 'quiz',
    method: 'POST', path: '/api/v1/quiz/attempts/{id}/finish',
    reads: ATTEMPT,
  },
  'quiz.leaderboard': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/contests/{id}/leaderboard',
    query: ['by', 'limit'],
    reads: ['by', 'participants', 'published', 'top[].rank', 'top[].name', 'top[].community', 'top[].correct_count',
      'top[].total_ms', 'top[].participants', 'top[].average_correct', 'top[].average_ms', 'top[].is_me',
      'top[].is_mine', 'mine.rank', 'mine.name', 'mine.correct_count', 'mine.total_ms', 'mine.average_correct'],
  },
  'quiz.results': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/contests/{id}/results',
    query: ['limit', 'offset'],
    reads: ['total', 'items[].rank', 'items[].name', 'items[].community', 'items[].unit', 'items[].correct_count',
      'items[].question_count', 'items[].total_ms', 'items[].attempts'],
  },
  'quiz.resultsXlsx': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/contests/{id}/results.xlsx', binary: true,
  },
  'quiz.certificate': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/contests/{id}/certificate.pdf', binary: true,
  },
  'quiz.daily': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/daily',
    reads: ['day', 'answered', 'correct'].concat(PRACTICE.map((f) => 'items[].' + f)),
  },
  'quiz.practise': {
    area: 'quiz',
    method: 'POST', path: '/api/v1/quiz/practice/answers',
    body: ['question_id', 'choice'],
    reads: ['question_id', 'chosen', 'is_correct', 'answer', 'explanation', 'source', 'on_wrong_list'],
  },
  'quiz.wrongAnswers': {
    area: 'quiz',
    method: 'GET', path: '/api/v1/quiz/wrong-answers',
    query: ['limit', 'offset'],
    reads: ['total'].concat(PRACTICE.map((f) => 'items[].' + f), ['items[].wrong_count', 'items[].last_wrong_at']),
  },
};
