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
    // While the volunteer can still scan out there is nothing to settle yet.
    awaitingCheckout: Boolean(record.awaiting_checkout),
    // Before approval the organiser fixes when the volunteer left (a missing or
    // a mistaken check-out); after it, the hours are corrected in the ledger.
    canFixCheckout: (record.status === 'missing_checkout' && !record.awaiting_checkout) || record.status === 'pending',
    canCorrect: record.status === 'approved',
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

// What the organiser typed as the time the volunteer left ("11:40", "11：40",
// "1140") -> that time on the event's day in China time (ISO), else null.
function leftAt(text, eventStartsAt) {
  const m = /^\s*(\d{1,2})\s*[:：.]?\s*(\d{2})\s*$/.exec(String(text || ''));
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  const day = time.toPickers(eventStartsAt).date;
  return time.fromPickers(day, (m[1].length === 1 ? '0' : '') + m[1] + ':' + m[2]);
}

// The corrected hours typed by the organiser -> a number of quarter hours
// between 0 and 24, else null (the API takes 0.25 h steps).
function correctedHours(text) {
  const value = String(text || '').trim();
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(value)) return null;
  const hours = Number(value);
  return hours <= 24 && Math.abs(hours * 4 - Math.round(hours * 4)) < 1e-9 ? hours : null;
}

module.exports = { row, rows, counts, approveSummary, leftAt, correctedHours };
