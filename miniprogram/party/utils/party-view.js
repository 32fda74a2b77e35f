// What the party pages show and send, as plain functions (tested under Node).
const time = require('../../utils/time');

const KIND_LABELS = { lecture: '党课', party_day: '主题党日' };
// The founding of the Communist Party of China: nobody joined before it.
const FOUNDED = '1921-07-01';

// The declaration form -> {body, problems} (problems keyed by the API's field names).
function buildDeclaration(form, today) {
  const problems = {};
  if (!form.branch) problems.branch_id = '请选择所在党组织';
  if (form.joinedOn && (form.joinedOn < FOUNDED || (today && form.joinedOn > today))) {
    problems.joined_on = '入党日期须在 1921 年 7 月 1 日之后、不晚于今天';
  }
  if (form.inService && !form.workUnit) problems.work_unit_id = '在职党员请选择工作单位';
  const body = { branch_id: form.branch ? form.branch.id : null, joined_on: form.joinedOn || null,
    in_service: !!form.inService, work_unit_id: form.inService && form.workUnit ? form.workUnit.id : null };
  return { body: body, problems: problems };
}

// The membership as the page shows it; null when not declared.
function membershipView(m) {
  if (!m) return null;
  return {
    id: m.id, branch: (m.branch && m.branch.name) || '', status: m.status, statusLabel: m.status_label,
    joinedOn: m.joined_on || '未填写', inService: !!m.in_service, workUnit: (m.work_unit && m.work_unit.name) || '',
    reason: m.review_reason || '', pending: m.status === 'pending', confirmed: m.status === 'confirmed',
    withdrawable: m.status !== 'confirmed',
  };
}

function reportView(r) {
  if (!r) return null;
  return { community: (r.community && r.community.name) || '', posts: (r.posts || []).map((p) => p.name).join('、'),
    postIds: (r.posts || []).map((p) => p.id), note: r.note || '', at: time.formatDate(r.reported_at) };
}

// Posts with whether each is chosen and whether it is full (for someone not on it).
function postChoices(posts, chosenIds) {
  return (posts || []).map((p) => {
    const chosen = chosenIds.indexOf(p.id) >= 0;
    const full = p.capacity !== null && p.capacity !== undefined && p.taken >= p.capacity && !chosen;
    return { id: p.id, name: p.name, description: p.description || '', chosen: chosen, full: full,
      places: p.capacity ? `已报 ${p.taken}/${p.capacity} 人` : `已报 ${p.taken} 人` };
  });
}

// Other areas' sections (online learning, contests): a title and a line each.
function sectionLines(sections) {
  return Object.keys(sections || {}).sort().map((name) => {
    const s = sections[name] || {};
    return { name: name, title: s.title || name, summary: s.summary || '', items: (s.items || []).slice(0, 20)
      .map((item) => (typeof item === 'string' ? item : item.title || item.name || '')).filter(Boolean) };
  });
}

function learningView(record) {
  return {
    year: record.year, branch: (record.membership && record.membership.branch && record.membership.branch.name) || '',
    lectureCount: record.lecture_count || 0, hours: record.hours || 0,
    lectures: (record.lectures || []).map((l) => ({ id: l.event_id, title: l.title, kind: KIND_LABELS[l.kind] || '党课',
      date: time.formatDate(l.starts_at) })),
    byYear: (record.hours_by_year || []).map((y) => ({ year: y.year, hours: y.hours })),
    sections: sectionLines(record.sections),
  };
}

function memberRow(m) {
  return { id: m.id, name: (m.user && m.user.name) || '（已注销）', status: m.status, statusLabel: m.status_label,
    joinedOn: m.joined_on || '', inService: !!m.in_service, workUnit: (m.work_unit && m.work_unit.name) || '',
    reason: m.review_reason || '', declared: time.formatDate(m.declared_at) };
}

module.exports = { KIND_LABELS, buildDeclaration, membershipView, reportView, postChoices, sectionLines,
  learningView, memberRow };
