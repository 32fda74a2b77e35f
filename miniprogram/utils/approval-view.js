// Service records of an event -> the organiser's approval list.
const time = require('./time');
const format = require('./format');

const ACTIONABLE = ['pending', 'missing_checkout'];

function row(record, selected) {
  return {
    id: record.id,
    name: record.volunteer_name || '（未填姓名）',
    phone: record.phone_masked || '',
    when: record.ended_at ? time.formatTime(record.started_at) + '–' + time.formatTime(record.ended_at)
      : time.formatTime(record.started_at) + ' 签到，未签退',
    hours: format.hours(record.hours),
    status: record.status,
    statusLabel: record.status_label || format.label(format.HOURS_STATUS_LABELS, record.status),
    pending: record.status === 'pending',
    missingCheckout: record.status === 'missing_checkout',
    selected: Boolean(selected && selected[record.id]),
  };
}

function rows(records, selected) {
  const list = (records || []).map((r) => row(r, selected));
  // What needs a decision first, then the rest in the server's order.
  return list.filter((r) => ACTIONABLE.indexOf(r.status) >= 0).concat(list.filter((r) => ACTIONABLE.indexOf(r.status) < 0));
}

function counts(records) {
  const c = { pending: 0, missing_checkout: 0, approved: 0, rejected: 0 };
  (records || []).forEach((r) => { if (c[r.status] !== undefined) c[r.status] += 1; });
  return c;
}

// POST /hours/records/approve's answer -> one sentence.
function approveSummary(result) {
  const approved = (result && result.approved ? result.approved.length : 0);
  const skipped = (result && result.skipped) || [];
  let text = '已批准 ' + approved + ' 条';
  if (skipped.length) {
    const reasons = {};
    skipped.forEach((s) => { reasons[s.message] = (reasons[s.message] || 0) + 1; });
    text += '；' + skipped.length + ' 条未批准（' + Object.keys(reasons).map((m) => m + ' ' + reasons[m] + ' 条').join('，') + '）';
  }
  return text;
}

module.exports = { row, rows, counts, approveSummary };
