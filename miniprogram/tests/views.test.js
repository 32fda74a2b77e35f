const test = require('node:test');
const assert = require('node:assert/strict');
const eventView = require('../utils/event-view');
const hoursView = require('../utils/hours-view');
const approval = require('../utils/approval-view');
const attendanceView = require('../utils/attendance-view');
const teams = require('../utils/teams');
const binary = require('../utils/binary');
const format = require('../utils/format');

const LECTURE = {
  id: 5, kind: 'lecture', title: '百年党史第六讲', status: 'published', phase: 'upcoming', host_name: '下沙中学',
  venue: '下沙中学报告厅', starts_at: '2026-05-12T06:00:00+00:00', ends_at: '2026-05-12T08:00:00+00:00', capacity: 300,
  registered_count: 120, waitlisted_count: 0, registration_required: true, my_registration: null, credits_hours: false,
};

test('event card: kind label, Shanghai times, seats, my registration', () => {
  const card = eventView.card(LECTURE, Date.parse('2026-05-11T02:00:00Z'));
  assert.equal(card.kindLabel, '共享党课');
  assert.equal(card.when, '5月12日 周二 14:00–16:00');
  assert.equal(card.day, '明天');
  assert.equal(card.seats, '120/300');
  assert.equal(card.registration, null);
  const waiting = eventView.card(Object.assign({}, LECTURE, { my_registration: { status: 'waitlisted', position: 3 } }));
  assert.deepEqual(waiting.registration, { text: '候补第 3 位', tone: 'warn' });
});

test('the main button: register, join the waiting list, cancel, or nothing', () => {
  assert.deepEqual(eventView.primaryAction(LECTURE), { kind: 'register', text: '我要报名' });
  assert.equal(eventView.primaryAction(Object.assign({}, LECTURE, { registered_count: 300 })).text, '名额已满，加入候补');
  assert.equal(eventView.primaryAction(Object.assign({}, LECTURE, { my_registration: { status: 'registered' } })).text, '取消报名');
  assert.equal(eventView.primaryAction(Object.assign({}, LECTURE, { my_registration: { status: 'waitlisted' } })).text, '退出候补');
  assert.equal(eventView.primaryAction(Object.assign({}, LECTURE, { status: 'cancelled' })).kind, 'none');
  assert.equal(eventView.primaryAction(Object.assign({}, LECTURE, { phase: 'ended' })).text, '活动已结束');
  const open = Object.assign({}, LECTURE, { registration_required: false });
  assert.equal(eventView.primaryAction(open).kind, 'none');
  assert.equal(eventView.primaryAction(Object.assign({}, open, { my_registration: { status: 'registered' } })).text, '取消关注');
});

test('event detail: capacity text, activities and location', () => {
  const d = eventView.detail(Object.assign({}, LECTURE, { latitude: 30.31, longitude: 120.35, activities: [LECTURE] }));
  assert.equal(d.capacityText, '限 300 人，已报名 120 人');
  assert.equal(d.hasLocation, true);
  assert.equal(d.activities[0].title, '百年党史第六讲');
  assert.equal(eventView.detail(Object.assign({}, LECTURE, { capacity: null })).capacityText, '不限名额');
});

test('hours page: totals, months scaled to the busiest, records with labels', () => {
  const v = hoursView.view({
    total_hours: 12.25, year: 2026, year_hours: 8, rounding_rule: '按 15 分钟向下取整',
    by_month: [{ month: '2026-04', hours: 2 }, { month: '2026-05', hours: 6 }],
    star: { stars: 0, title: '志愿者', next_threshold_hours: 100 },
    records: [{ id: 1, event_title: '五月公益日', place: '铭和社区', started_at: '2026-05-10T01:00:00Z',
      ended_at: '2026-05-10T03:00:00Z', hours: 2, status: 'approved', status_label: '已认定' },
    { id: 2, event_title: '巡防', place: '智格社区', started_at: '2026-05-11T01:00:00Z', ended_at: null, hours: 0,
      status: 'missing_checkout' }],
  });
  assert.equal(v.total, '12.3');
  assert.equal(v.thisYear, '8');
  assert.deepEqual(v.months.map((m) => [m.label, m.percent]), [['2026年4月', 33], ['2026年5月', 100]]);
  assert.equal(v.records[0].when, '5月10日 周日 09:00–11:00');
  assert.equal(v.records[0].status, '已认定');
  assert.equal(v.records[1].status, '未签退');
  assert.match(v.records[1].when, /未签退/);
  assert.equal(hoursView.certificate({ serial: 'X1', total_hours: 12.25, record_count: 3, issued_at: '2026-05-10T01:00:00Z' }).issuedAt, '2026年5月10日');
});

test('approval list: what needs a decision first; the approve summary names skips', () => {
  const records = [
    { id: 1, volunteer_name: '甲', status: 'approved', started_at: '2026-05-10T01:00:00Z', ended_at: '2026-05-10T03:00:00Z', hours: 2 },
    { id: 2, volunteer_name: '乙', status: 'pending', started_at: '2026-05-10T01:00:00Z', ended_at: '2026-05-10T03:00:00Z', hours: 2 },
    { id: 3, volunteer_name: '丙', status: 'missing_checkout', started_at: '2026-05-10T01:00:00Z', hours: 0 },
  ];
  assert.deepEqual(approval.rows(records, { 2: true }).map((r) => [r.id, r.selected]), [[2, true], [3, false], [1, false]]);
  assert.deepEqual(approval.counts(records), { pending: 1, missing_checkout: 1, approved: 1, rejected: 0 });
  assert.equal(approval.approveSummary({ approved: [2], skipped: [{ id: 3, code: 'record_needs_checkout', message: '尚未签退' }] }),
    '已批准 1 条；1 条未批准（尚未签退 1 条）');
});

test('attendance: rows with methods, and search by name or masked phone', () => {
  const v = attendanceView.view({ title: '讲座', checked_in: 2, checked_out: 1, present: 1, registered: 3, items: [
    { user_id: 1, name: '陈阿姨', phone_masked: '138****0001', checked_in_at: '2026-05-10T00:57:00Z', checkin_method: 'qr',
      checked_out_at: '2026-05-10T03:00:00Z', minutes: 123 },
    { user_id: 2, name: '刘大伯', phone_masked: '139****0002', checked_in_at: '2026-05-10T01:05:00Z', checkin_method: 'manual' },
  ] });
  assert.equal(v.rows[0].inAt, '08:57');
  assert.equal(v.rows[0].served, '2小时3分');
  assert.equal(v.rows[1].inMethod, '手工');
  assert.deepEqual(attendanceView.filter(v.rows, '刘').map((r) => r.userId), [2]);
  assert.deepEqual(attendanceView.filter(v.rows, '0001').map((r) => r.userId), [1]);
});

test('squads from the team tree, my community first, labelled with their brigade', () => {
  const tree = [{ id: 1, name: '总队', level: 'corps', children: [
    { id: 2, name: '党员先锋大队', level: 'brigade', children: [{ id: 4, name: '铭和中队', level: 'squad', community_id: 1, children: [] }] },
    { id: 3, name: '平安巡防大队', level: 'brigade', children: [{ id: 5, name: '智格中队', level: 'squad', community_id: 3, children: [] }] },
  ] }];
  assert.deepEqual(teams.squads(tree, 3).map((s) => s.label), ['智格中队（平安巡防大队）', '铭和中队（党员先锋大队）']);
  assert.deepEqual(teams.squads(tree, null).map((s) => s.id), [4, 5]);
});

test('base64 and header lookup for the QR image', () => {
  const bytes = new TextEncoder().encode('聚沙 Jusha!');
  assert.equal(binary.toBase64(bytes.buffer), Buffer.from(bytes).toString('base64'));
  assert.equal(binary.toBase64(new Uint8Array([1]).buffer), 'AQ==');
  assert.equal(binary.toBase64(new Uint8Array([1, 2]).buffer), 'AQI=');
  assert.match(binary.dataUri(new Uint8Array([137, 80]).buffer), /^data:image\/png;base64,/);
  assert.equal(binary.header({ 'x-token-refresh-in': '3' }, 'X-Token-Refresh-In'), '3');
});

test('labels', () => {
  assert.equal(format.kindLabel('welfare_day'), '市民公益日');
  assert.equal(format.hours(12), '12');
  assert.equal(format.isOrganiser({ role: 'admin' }), true);
  assert.equal(format.isOrganiser({ role: 'volunteer' }), false);
});
