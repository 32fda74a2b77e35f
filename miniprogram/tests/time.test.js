const test = require('node:test');
const assert = require('node:assert/strict');
const time = require('../utils/time');

test('UTC instants are shown in Shanghai wall time whatever the offset they carry', () => {
  assert.equal(time.formatTime('2026-05-10T00:57:00+00:00'), '08:57');
  assert.equal(time.formatTime('2026-05-10T08:57:00+08:00'), '08:57');
  assert.equal(time.formatTime('2026-05-09T20:57:00-04:00'), '08:57');
  assert.equal(time.formatTime('2026-05-10T00:57:00Z'), '08:57');
  assert.equal(time.formatTime('2026-05-10T00:57:00.123456+00:00'), '08:57');
});

test('a date crosses midnight in Shanghai, not in UTC', () => {
  assert.equal(time.formatFullDate('2026-05-09T16:30:00Z'), '2026年5月10日');
  assert.equal(time.formatDate('2026-05-09T16:30:00Z'), '5月10日 周日');
  assert.equal(time.formatDateTime('2026-12-31T16:05:00Z'), '2027年1月1日 00:05');
});

test('a time without an offset is read as Shanghai time', () => {
  assert.equal(time.parse('2026-05-10 09:00').toISOString(), '2026-05-10T01:00:00.000Z');
  assert.equal(time.parse('2026-05-10').toISOString(), '2026-05-09T16:00:00.000Z');
});

test('unparseable or empty values give empty text, not "Invalid Date"', () => {
  assert.equal(time.formatTime(null), '');
  assert.equal(time.formatDateTime('yesterday'), '');
  assert.equal(time.formatRange(undefined, undefined), '');
});

test('ranges on one day show the day once', () => {
  assert.equal(time.formatRange('2026-05-10T01:00:00Z', '2026-05-10T03:30:00Z'), '5月10日 周日 09:00–11:30');
  assert.equal(time.formatRange('2026-05-10T01:00:00Z', '2026-05-11T03:30:00Z'), '5月10日 周日 09:00 至 5月11日 11:30');
});

test('relative days count Shanghai calendar days', () => {
  const now = Date.parse('2026-05-09T15:30:00Z'); // 23:30 on 9 May in Shanghai
  assert.equal(time.relativeDay('2026-05-09T16:10:00Z', now), '明天');
  assert.equal(time.relativeDay('2026-05-09T10:00:00Z', now), '今天');
  assert.equal(time.relativeDay('2026-05-13T02:00:00Z', now), '4天后');
  assert.equal(time.relativeDay('2026-05-08T02:00:00Z', now), '昨天');
});

test('pickers round-trip through ISO with the +08:00 offset', () => {
  assert.equal(time.fromPickers('2026-05-10', '09:00'), '2026-05-10T09:00:00+08:00');
  assert.deepEqual(time.toPickers('2026-05-10T01:00:00Z'), { date: '2026-05-10', time: '09:00' });
  assert.equal(time.fromPickers('2026-5-10', '9:00'), null);
});

test('minutes, months and the current year', () => {
  assert.equal(time.formatMinutes(150), '2小时30分');
  assert.equal(time.formatMinutes(120), '2小时');
  assert.equal(time.formatMinutes(45), '45分钟');
  assert.equal(time.monthLabel('2026-05'), '2026年5月');
  assert.equal(time.currentYear(Date.parse('2026-12-31T16:30:00Z')), 2027);
});
