// Words and small rules of the 随手拍 pages: pure functions, so Node tests can check them.
const time = require('../../utils/time');

const CATEGORIES = [
  { value: 'environment', label: '环境卫生' },
  { value: 'facilities', label: '设施损坏' },
  { value: 'safety', label: '安全隐患' },
  { value: 'parking', label: '乱停乱放' },
  { value: 'greenery', label: '绿化养护' },
  { value: 'noise', label: '噪音扰民' },
  { value: 'neighbours', label: '邻里纠纷' },
  { value: 'other', label: '其他' },
];
const SOURCES = ['resident', 'patrol', 'household_visit'];
const PHOTO_LIMIT = 9;
const REJECT_REASONS = [
  { value: 'not_a_problem', label: '经核实不是问题' },
  { value: 'duplicate', label: '重复上报' },
];

// The new-report page's query: ?source=patrol&source_ref=12 from a patrol or a
// household visit; anything else is a resident's own 随手拍.
function sourceOf(query) {
  const q = query || {};
  const source = SOURCES.indexOf(q.source) >= 0 ? q.source : 'resident';
  const ref = source !== 'resident' && q.source_ref ? String(q.source_ref).slice(0, 64) : null;
  return { source: source, source_ref: ref };
}

// The body of POST /reports, or problems (Chinese) by field.
function build(form) {
  const problems = {};
  const category = CATEGORIES[form.categoryIndex];
  if (!category) problems.category = '请选择问题类别';
  const description = (form.description || '').trim();
  if (description.length < 2) problems.description = '请描述发现的问题（至少 2 个字）';
  if (!form.location) problems.location = '请选择问题所在位置';
  if (Object.keys(problems).length) return { problems: problems };
  const body = {
    category: category.value, description: description, latitude: form.location.latitude,
    longitude: form.location.longitude, photo_ids: (form.photos || []).map((p) => p.id), source: form.source || 'resident',
  };
  if (form.place && form.place.trim()) body.place = form.place.trim().slice(0, 255);
  if (form.source_ref) body.source_ref = form.source_ref;
  return { problems: problems, body: body };
}

// A list row as the pages show it.
function row(order) {
  return Object.assign({}, order, {
    where: [order.community && order.community.name, order.grid ? order.grid.name : '网格外'].filter(Boolean).join(' · '),
    created: time.formatDateTime(order.created_at),
    due: time.formatDateTime(order.due_at),
    badge: order.overdue && ['submitted', 'accepted', 'in_progress'].indexOf(order.status) >= 0 ? '已超时' : '',
  });
}

// Buttons for the actions the backend says the viewer may take now.
function can(order) {
  const actions = (order && order.actions) || [];
  const has = (a) => actions.indexOf(a) >= 0;
  return {
    accept: has('accept'), progress: has('progress'), close: has('close'), escalate: has('escalate'),
    reject: has('reject'), rate: has('rate'), reopen: has('reopen'),
  };
}

function stars(rating) {
  const n = Math.max(0, Math.min(5, Number(rating) || 0));
  return '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n);
}

module.exports = { CATEGORIES, PHOTO_LIMIT, REJECT_REASONS, sourceOf, build, row, can, stars };
