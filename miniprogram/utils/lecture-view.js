// 聚沙讲堂's pages: who may order a course for whom, the order form's body
// and its checks (the server checks everything again), and who sees the
// office's page.
const format = require('./format');
const time = require('./time');

// The communities and units the person may order for: community staff
// (organiser over a community) and a unit's contact or organiser; the office
// (admin) may order for any community.
function ordererChoices(user, communities) {
  const roles = (user && user.roles) || [];
  const admin = format.holds(user, 'admin');
  const staffed = roles.filter((r) => r.role === 'organiser' && r.scope_kind === 'community').map((r) => r.scope_id);
  const choices = (communities || []).filter((c) => admin || staffed.indexOf(c.id) >= 0)
    .map((c) => ({ key: 'c' + c.id, name: c.name, community_id: c.id, member_unit_id: null }));
  roles.filter((r) => (r.role === 'unit_contact' || r.role === 'organiser') && r.scope_kind === 'member_unit')
    .forEach((r) => {
      if (!choices.some((c) => c.member_unit_id === r.scope_id)) {
        choices.push({ key: 'u' + r.scope_id, name: '本单位（共建单位）', community_id: null, member_unit_id: r.scope_id });
      }
    });
  return choices;
}

function mayOrder(user) {
  return format.holds(user, 'admin') || format.holds(user, 'organiser') || format.holds(user, 'unit_contact');
}

function runsOffice(user) {
  return format.holds(user, 'lecture_office') || format.holds(user, 'admin');
}

function trimmed(value) {
  return typeof value === 'string' ? value.trim() : '';
}

// form: {orderer, date, time, place, audience, expectedSize, note}, course id -> {body, problems}
function buildOrder(form, courseId, now) {
  const problems = {};
  const startsAt = time.fromPickers(form.date, form.time);
  if (!form.orderer) problems.community_id = '请选择点课的社区或单位';
  if (!startsAt) problems.starts_at = '请选择授课日期和时间';
  else if (Date.parse(startsAt) <= (now === undefined ? Date.now() : now)) problems.starts_at = '授课时间须晚于现在';
  const place = trimmed(form.place);
  if (place.length < 2) problems.place = '请填写授课地点（送学上门请写明地点）';
  const size = Number(form.expectedSize);
  if (!Number.isInteger(size) || size < 1 || size > 5000) problems.expected_size = '预计人数应在 1 到 5000 之间';
  const body = {
    course_id: courseId, starts_at: startsAt, place: place, expected_size: size,
    audience: trimmed(form.audience) || null, note: trimmed(form.note) || null,
  };
  if (form.orderer) {
    if (form.orderer.community_id) body.community_id = form.orderer.community_id;
    else body.member_unit_id = form.orderer.member_unit_id;
  }
  return { body: body, problems: problems };
}

// An order as a card shows it.
function orderCard(order) {
  return {
    id: order.id,
    course: order.course_title,
    orderer: order.orderer_name,
    when: time.formatRange(order.starts_at, order.ends_at),
    place: order.place,
    audience: order.audience || '',
    size: order.expected_size,
    status: order.status_label,
    requested: order.status === 'requested',
    lecturer: order.lecturer ? order.lecturer.name : '',
    reason: order.reason || '',
    units: (order.invited_units || []).map((u) => u.name).join('、'),
    checkedIn: order.checked_in_count,
    canDecide: !!order.can_decide,
    canCancel: !!order.can_cancel,
  };
}

module.exports = { ordererChoices, mayOrder, runsOffice, buildOrder, orderCard };
