// Labels and numbers as the pages show them.
const KIND_LABELS = {
  lecture: '共享党课',
  welfare_day: '市民公益日',
  volunteer_activity: '志愿活动',
  party_day: '主题党日',
};
const REGISTRATION_LABELS = {
  registered: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
};
const HOURS_STATUS_LABELS = {
  missing_checkout: '未签退',
  pending: '待审核',
  approved: '已认定',
  rejected: '未通过',
};
const VOLUNTEER_STATUS_LABELS = {
  pending: '审核中',
  approved: '已通过',
  rejected: '未通过',
  left: '已退出',
  closed: '已注销',
};
const ROLE_LABELS = {
  resident: '居民',
  volunteer: '志愿者',
  organiser: '组织者',
  unit_contact: '共建单位联络人',
  grid_leader: '网格长',
  grid_worker: '网格员',
  branch_organiser: '党组织管理员',
  lecture_office: '聚沙讲堂管理员',
  mediation_lead: '调解负责人',
  admin: '街道管理员',
};
const NOTICE_STATUS_LABELS = {
  draft: '草稿',
  scheduled: '定时发送',
  queued: '排队中',
  sending: '发送中',
  sent: '已发送',
  done: '已完成',
  cancelled: '已取消',
};

function kindLabel(kind) {
  return KIND_LABELS[kind] || '活动';
}

// 12 -> "12", 12.5 -> "12.5", 12.25 -> "12.3" (one decimal at most)
function hours(value) {
  const n = Number(value) || 0;
  return String(Math.round(n * 10) / 10);
}

function label(table, key, fallback) {
  return table[key] || fallback || key || '';
}

// Does the signed-in person hold this role (over any scope)? /me lists every
// role held in `roles`; `role` alone (older answers) is the most powerful one.
function holds(user, role) {
  if (!user) return false;
  if (Array.isArray(user.roles)) return user.roles.some((held) => held.role === role);
  return user.role === role;
}

function isOrganiser(user) {
  return holds(user, 'organiser') || holds(user, 'admin');
}

// "居民 · 志愿者 · 组织者": every role held, each once, in the order /me gives.
function roleLabels(user) {
  if (!user) return '';
  const held = Array.isArray(user.roles) ? user.roles.map((r) => r.role) : [user.role];
  return held.filter((role, i) => role && held.indexOf(role) === i).map((role) => label(ROLE_LABELS, role)).join(' · ');
}

// "3/50", or "不限名额" without a capacity.
function seats(taken, capacity) {
  if (!capacity) return '不限名额';
  return (taken || 0) + '/' + capacity;
}

module.exports = {
  KIND_LABELS, REGISTRATION_LABELS, HOURS_STATUS_LABELS, VOLUNTEER_STATUS_LABELS, ROLE_LABELS, NOTICE_STATUS_LABELS,
  kindLabel, hours, label, holds, isOrganiser, roleLabels, seats,
};
