// The organiser's hours page fixes records: before approval when the volunteer
// left (a forgotten or mistaken check-out), after approval the hours themselves.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const approval = require('../utils/approval-view');

const EVENT = Object.assign({}, fx.ACTIVITY, { starts_at: '2026-01-10T01:00:00Z', ends_at: '2026-01-10T04:00:00Z' });
const RECORD = { volunteer_name: '张志愿', phone_masked: '138****0000', started_at: '2026-01-10T01:00:00Z' };

function records() {
  return [
    Object.assign({ id: 1, status: 'pending', ended_at: '2026-01-10T01:01:00Z', hours: 0, status_label: '待审核' }, RECORD),
    Object.assign({ id: 2, status: 'approved', ended_at: '2026-01-10T03:00:00Z', hours: 2, status_label: '已认定' }, RECORD),
    Object.assign({ id: 3, status: 'missing_checkout', ended_at: null, hours: 0, status_label: '进行中·未签退',
      awaiting_checkout: true }, RECORD),
  ];
}

test('rows: pending and closed missing check-outs can be fixed, approved ones corrected, running ones wait', () => {
  const rows = approval.rows(records());
  const byId = {};
  rows.forEach((r) => { byId[r.id] = r; });
  assert.equal(byId[1].canFixCheckout, true);
  assert.equal(byId[2].canCorrect, true);
  assert.equal(byId[2].canFixCheckout, false);
  assert.equal(byId[3].canFixCheckout, false, 'the volunteer can still scan out');
  assert.equal(byId[3].statusLabel, '进行中·未签退');
});

test('leftAt and correctedHours read what the organiser types', () => {
  assert.equal(approval.leftAt('11:40', '2026-01-10T01:00:00Z'), '2026-01-10T11:40:00+08:00');
  assert.equal(approval.leftAt('9：05', '2026-01-10T01:00:00Z'), '2026-01-10T09:05:00+08:00');
  assert.equal(approval.leftAt('1140', '2026-01-10T01:00:00Z'), '2026-01-10T11:40:00+08:00');
  assert.equal(approval.leftAt('25:00', '2026-01-10T01:00:00Z'), null);
  assert.equal(approval.leftAt('下午', '2026-01-10T01:00:00Z'), null);
  assert.equal(approval.correctedHours('2.5'), 2.5);
  assert.equal(approval.correctedHours('0'), 0);
  assert.equal(approval.correctedHours('2.3'), null);
  assert.equal(approval.correctedHours('30'), null);
  assert.equal(approval.correctedHours(''), null);
});

test('organiser hours: a mistaken check-out is fixed with the time the volunteer left', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['events.list'] = fx.page([EVENT]);
  fixtures['hours.eventRecords'] = records();
  let settled = null;
  fixtures['hours.settle'] = (req) => { settled = { url: req.url, data: req.data }; return { status: 'pending', hours: 2.5 }; };
  const { page } = loadPage('organiser/pages/hours', fixtures,
    { actionSheetIndex: 1, modalContents: ['11:40', '误扫签退码，负责人确认'] });
  page.onLoad({ event_id: '3' });
  await settle();
  page.settle({ currentTarget: { dataset: { id: 1 } } });
  await settle();
  assert.match(settled.url, /\/hours\/records\/1\/settle$/);
  assert.deepEqual(settled.data, { reason: '误扫签退码，负责人确认', ended_at: '2026-01-10T11:40:00+08:00' });
});

test('organiser hours: an approved record is corrected through the ledger', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['events.list'] = fx.page([EVENT]);
  fixtures['hours.eventRecords'] = records();
  let corrected = null;
  fixtures['hours.correct'] = (req) => { corrected = { url: req.url, data: req.data }; return { statusCode: 201, data: { minutes: 30 } }; };
  const { page } = loadPage('organiser/pages/hours', fixtures, { modalContents: ['2.5', '核对签到表后更正'] });
  page.onLoad({ event_id: '3' });
  await settle();
  page.correct({ currentTarget: { dataset: { id: 2 } } });
  await settle();
  assert.match(corrected.url, /\/hours\/records\/2\/corrections$/);
  assert.deepEqual(corrected.data, { hours: 2.5, reason: '核对签到表后更正' });
});
