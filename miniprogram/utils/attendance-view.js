// GET /events/{id}/attendance -> the organiser's live list.
const time = require('./time');

const METHOD_LABELS = { qr: '扫码', poster: '海报', manual: '手工' };

function row(item) {
  return {
    userId: item.user_id,
    name: item.name || '（未填姓名）',
    phone: item.phone_masked || '',
    inAt: item.checked_in_at ? time.formatTime(item.checked_in_at) : '',
    inMethod: METHOD_LABELS[item.checkin_method] || '',
    outAt: item.checked_out_at ? time.formatTime(item.checked_out_at) : '',
    served: item.minutes !== null && item.minutes !== undefined ? time.formatMinutes(item.minutes) : '',
    search: ((item.name || '') + ' ' + (item.phone_masked || '')).toLowerCase(),
  };
}

function view(body) {
  const a = body || {};
  return {
    title: a.title || '',
    checkedIn: a.checked_in || 0,
    checkedOut: a.checked_out || 0,
    present: a.present || 0,
    registered: a.registered || 0,
    capacity: a.capacity || 0,
    registrationRequired: Boolean(a.registration_required),
    rows: (a.items || []).map(row),
  };
}

function filter(rows, text) {
  const wanted = String(text || '').trim().toLowerCase();
  if (!wanted) return rows;
  return rows.filter((r) => r.search.indexOf(wanted) >= 0);
}

module.exports = { METHOD_LABELS, row, view, filter };
