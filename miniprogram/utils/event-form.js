// The organiser's "create an event" form -> the POST /events body, with the
// checks that can be made before sending (the server checks everything again).
const format = require('./format');
const time = require('./time');

const KINDS = [
  { value: 'lecture', label: '共享党课' },
  { value: 'volunteer_activity', label: '志愿活动' },
  { value: 'party_day', label: '主题党日' },
  { value: 'welfare_day', label: '公益日社区活动' },
];
const RADII = [100, 200, 300, 500, 1000];

function trimmed(value) {
  return typeof value === 'string' ? value.trim() : value;
}

// Organiser scopes + community names -> host choices. Admins may also host
// subdistrict-wide events (no host).
function hostChoices(user, communities) {
  const names = {};
  (communities || []).forEach((c) => { names[c.id] = c.name; });
  const choices = [];
  if (format.holds(user, 'admin')) {
    choices.push({ label: '下沙街道', community_id: null, member_unit_id: null });
    (communities || []).forEach((c) => choices.push({ label: c.name, community_id: c.id, member_unit_id: null }));
    return choices;
  }
  ((user && user.scopes) || []).forEach((s) => {
    if (s.community_id) choices.push({ label: names[s.community_id] || '社区 #' + s.community_id, community_id: s.community_id, member_unit_id: null });
    if (s.member_unit_id) choices.push({ label: s.member_unit_name || '共建单位 #' + s.member_unit_id, community_id: null, member_unit_id: s.member_unit_id });
  });
  return choices;
}

// form: {kind, title, description, host, venue, location: {latitude, longitude},
//   radius_m, start_date, start_time, end_date, end_time, capacity,
//   registration_required, credits_hours, speaker, audience, online_url, theme, parent_id}
// -> {body, problems: {field: Chinese}}
function build(form) {
  const problems = {};
  const body = { kind: form.kind, title: trimmed(form.title) || '' };
  if (!KINDS.some((k) => k.value === form.kind)) problems.kind = '请选择活动类型';
  const titleLength = Array.from(body.title).length;
  if (!titleLength) problems.title = '请填写活动标题';
  else if (titleLength > 64) problems.title = '标题不能超过 64 个字';

  const startsAt = time.fromPickers(form.start_date, form.start_time);
  const endsAt = time.fromPickers(form.end_date, form.end_time);
  if (!startsAt) problems.starts_at = '请选择开始时间';
  if (!endsAt) problems.ends_at = '请选择结束时间';
  if (startsAt && endsAt && time.parse(endsAt) <= time.parse(startsAt)) problems.ends_at = '结束时间应晚于开始时间';
  body.starts_at = startsAt;
  body.ends_at = endsAt;

  if (form.host) {
    if (form.host.community_id) body.host_community_id = form.host.community_id;
    if (form.host.member_unit_id) body.host_member_unit_id = form.host.member_unit_id;
  } else {
    problems.host = '请选择主办单位';
  }

  ['description', 'venue', 'speaker', 'audience', 'online_url', 'theme'].forEach((key) => {
    const value = trimmed(form[key]);
    if (value) body[key] = value;
  });
  if (body.online_url && !/^https?:\/\//.test(body.online_url)) problems.online_url = '网址应以 http:// 或 https:// 开头';

  if (form.location && form.location.latitude !== undefined && form.location.longitude !== undefined) {
    body.latitude = Number(form.location.latitude);
    body.longitude = Number(form.location.longitude);
    body.radius_m = Number(form.radius_m) || 300;
  }

  const capacityText = trimmed(String(form.capacity === undefined || form.capacity === null ? '' : form.capacity));
  if (capacityText) {
    const capacity = Number(capacityText);
    if (!/^\d+$/.test(capacityText) || capacity < 1) problems.capacity = '名额应为正整数';
    else body.capacity = capacity;
  }
  body.registration_required = Boolean(form.registration_required);
  body.credits_hours = Boolean(form.credits_hours);
  if (form.kind === 'welfare_day') {
    if (form.parent_id) body.parent_id = Number(form.parent_id);
    else problems.parent_id = '请选择所属的市民公益日';
  }
  return { body: body, problems: problems };
}

// marshmallow's 422 details ({json: {field: [messages]}}) -> {field: text}
function serverProblems(error) {
  const details = error && error.details;
  const fields = details && (details.json || details);
  const problems = {};
  if (!fields || typeof fields !== 'object') return problems;
  Object.keys(fields).forEach((key) => {
    const value = fields[key];
    problems[key] = Array.isArray(value) ? value.join('；') : (typeof value === 'string' ? value : '内容不符合要求');
  });
  return problems;
}

module.exports = { KINDS, RADII, hostChoices, build, serverProblems };
