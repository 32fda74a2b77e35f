// 基层吹哨·联盟报到: the form, the report and the roll call, as plain
// functions the pages use and Node tests.
const time = require('./time');

// A whistle is needed within hours (the backend takes 1 to 72).
const HOURS = [1, 2, 3, 4, 6, 8, 12, 24, 48, 72];
const STATUS_LABELS = { open: '进行中', closed: '已结束', cancelled: '已取消' };

// The communities this person may blow the whistle for: organiser over a
// community, or every community for the office.
function staffCommunities(user, communities) {
  const all = communities || [];
  const roles = (user && user.roles) || [];
  if (roles.some((r) => r.role === 'admin')) return all;
  const mine = roles.filter((r) => r.role === 'organiser' && r.scope_kind === 'community').map((r) => r.scope_id);
  return all.filter((c) => mine.indexOf(c.id) >= 0);
}

// Units this person speaks for (unit contact or unit organiser).
function unitIds(user) {
  return ((user && user.roles) || []).filter((r) => (r.role === 'unit_contact' || r.role === 'organiser')
    && r.scope_kind === 'member_unit').map((r) => r.scope_id);
}

// Shanghai wall time `hours` from `now`, as ISO with +08:00.
function hoursFromNow(hours, now) {
  const p = time.toPickers(new Date(now + hours * 3600 * 1000).toISOString());
  return time.fromPickers(p.date, p.time);
}

// form: {title, place, description, hoursIndex, community, location} -> {body, problems}
function build(form, now) {
  const problems = {};
  const title = (form.title || '').trim();
  const place = (form.place || '').trim();
  if (!title) problems.title = '请填写需要什么帮助';
  else if (title.length > 40) problems.title = '标题不能超过 40 个字';
  if (!place) problems.place = '请填写地点';
  if (!form.community) problems.community_id = '请选择社区';
  const hours = HOURS[form.hoursIndex];
  if (!hours) problems.needed_by = '请选择需要到场的时间';
  const body = {
    community_id: form.community ? form.community.id : null,
    title: title,
    place: place,
    description: (form.description || '').trim() || null,
    needed_by: hours ? hoursFromNow(hours, now === undefined ? Date.now() : now) : null,
    to_all_units: true,
  };
  if (form.location) {
    body.latitude = form.location.latitude;
    body.longitude = form.location.longitude;
  }
  return { body: body, problems: problems };
}

// form: {unitId, people, brings, arriveDate, arriveTime} -> {body, problems}
function buildReport(form) {
  const problems = {};
  const people = Number(form.people);
  if (!form.unitId) problems.unit_id = '请选择报到单位';
  if (!/^\d+$/.test(String(form.people || '')) || people < 1 || people > 500) problems.people_count = '人数应在 1 到 500 之间';
  const body = { unit_id: form.unitId, people_count: people, brings: (form.brings || '').trim() || null };
  const arrive = time.fromPickers(form.arriveDate, form.arriveTime);
  if (arrive) body.arrive_at = arrive;
  return { body: body, problems: problems };
}

// One roll-call row as the page shows it.
function rollCallRow(row) {
  return {
    unitId: row.unit.id,
    name: row.unit.name,
    reported: row.reported,
    status: row.reported ? '已报到 · ' + time.formatMinutes(row.response_minutes) : '未报到',
    promised: row.people_promised,
    checkedIn: row.checked_in,
    brings: row.brings || '',
    arrive: row.arrive_at ? time.formatTime(row.arrive_at) : '',
  };
}

function rollCallSummary(totals) {
  return {
    reported: totals.reported + '/' + totals.units,
    rate: Math.round((totals.response_rate || 0) * 100) + '%',
    average: totals.average_response_minutes === null || totals.average_response_minutes === undefined
      ? '—' : time.formatMinutes(totals.average_response_minutes),
    promised: totals.people_promised,
    checkedIn: totals.checked_in,
  };
}

module.exports = { HOURS, STATUS_LABELS, staffCommunities, unitIds, hoursFromNow, build, buildReport, rollCallRow,
  rollCallSummary };
