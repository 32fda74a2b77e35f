// GET /me/hours -> what the hours page shows.
const time = require('./time');
const format = require('./format');

const STATUS_TONES = { missing_checkout: 'warn', pending: 'warn', approved: 'ok', rejected: 'grey' };

function months(byMonth) {
  const list = (byMonth || []).map((m) => ({ key: m.month, label: time.monthLabel(m.month), hours: Number(m.hours) || 0 }));
  const max = list.reduce((acc, m) => Math.max(acc, m.hours), 0);
  return list.map((m) => Object.assign(m, {
    text: format.hours(m.hours),
    percent: max > 0 ? Math.max(2, Math.round((m.hours / max) * 100)) : 0,
  }));
}

function record(r) {
  return {
    id: r.id,
    title: r.event_title || '志愿服务',
    place: r.place || '',
    when: r.ended_at ? time.formatRange(r.started_at, r.ended_at) : time.formatDateTime(r.started_at) + ' 起（未签退）',
    hours: format.hours(r.hours),
    status: r.status_label || format.label(format.HOURS_STATUS_LABELS, r.status, r.status),
    tone: STATUS_TONES[r.status] || 'grey',
    note: r.review_reason || r.settle_note || '',
  };
}

function view(body) {
  const data = body || {};
  return {
    total: format.hours(data.total_hours),
    totalNumber: Number(data.total_hours) || 0,
    year: data.year || time.currentYear(),
    thisYear: format.hours(data.year_hours),
    months: months(data.by_month),
    records: (data.records || []).map(record),
    star: data.star || null,
    roundingRule: data.rounding_rule || '',
  };
}

function certificate(c) {
  return {
    serial: c.serial,
    hours: format.hours(c.total_hours),
    records: c.record_count || 0,
    issuedAt: time.formatFullDate(c.issued_at),
    revoked: Boolean(c.revoked_at),
  };
}

module.exports = { view, months, record, certificate };
