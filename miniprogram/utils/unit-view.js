// "我的单位": which member unit the signed-in person speaks for, and how the
// unit's profile, projects and resources read on the phone.

// The member units the person acts for: a unit_contact (or an organiser) grant over a member unit.
function unitIds(user) {
  if (!user || !Array.isArray(user.roles)) return [];
  const ids = user.roles
    .filter((r) => (r.role === 'unit_contact' || r.role === 'organiser') && r.scope_kind === 'member_unit' && r.scope_id)
    .map((r) => r.scope_id);
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

function profile(unit) {
  return {
    id: unit.id,
    name: unit.name,
    tags: [unit.kind_label, unit.level_label, unit.community ? unit.community.name : ''].filter(Boolean).join(' · '),
    partyOrg: unit.party_org_name || '',
    address: unit.address || '',
    introduction: unit.introduction || '',
    status: unit.status_label,
    inactive: unit.status !== 'active',
    contacts: (unit.contacts || []).map((c) => c.name).filter(Boolean).join('、'),
  };
}

const STATUS_TONES = { planned: 'grey', active: 'red', done: 'green', dropped: 'grey' };

function project(item) {
  const p = item.progress || {};
  const percent = p.percent === null || p.percent === undefined ? null : p.percent;
  return {
    id: item.id,
    title: item.title,
    kind: item.kind_label,
    status: item.status_label,
    tone: STATUS_TONES[item.status] || 'grey',
    goals: item.goals || '',
    percent: percent,
    percentText: percent === null ? '暂无里程碑' : percent + '%',
    facts: '活动 ' + (p.events_held || 0) + '/' + (p.events_linked || 0) + ' 场 · 签到 ' + (p.attendance || 0)
      + ' 人次 · 志愿 ' + (p.unit_volunteer_hours || 0) + ' 小时',
    milestones: (item.milestones || []).map((m) => ({ title: m.title, done: Boolean(m.done_on) })),
  };
}

function resource(item) {
  const capacity = item.capacity ? item.capacity + (item.capacity_unit || '') : '';
  const communities = (item.communities || []).map((c) => c.name);
  return {
    id: item.id,
    kind: item.kind_label,
    title: item.title,
    detail: [item.service, capacity, item.availability].filter(Boolean).join(' · '),
    serves: communities.length ? '服务：' + communities.join('、') : '服务：全街道',
  };
}

module.exports = { unitIds, profile, project, resource };
