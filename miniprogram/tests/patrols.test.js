// 巡防 under Node: the track buffer's batches, the checkpoints' state, and the
// live page scanning a checkpoint, sending its track and ending.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadPage, settle } = require('./helpers/page-harness');
const fx = require('./helpers/fixtures');
const patrol = require('../utils/patrol');
const menu = require('../utils/me-menu');

const PATROLLER = { id: 9, name: '周巡防', role: 'volunteer', community: { id: 3, name: '智格社区' }, scopes: [],
  roles: [{ role: 'resident', scope_kind: 'community', scope_id: 3 }, { role: 'volunteer', scope_kind: 'squad', scope_id: 4 }] };
const CHECKPOINTS = [
  { checkpoint_id: 1, name: '社区党群服务中心', position: 1, passed: true, passed_at: '2099-05-12T10:31:00+00:00', method: 'code' },
  { checkpoint_id: 2, name: '东门岗亭', position: 2, passed: false, passed_at: null, method: null },
  { checkpoint_id: 3, name: '河边凉亭', position: 3, passed: false, passed_at: null, method: null },
];
const OPEN = { id: 7, route_name: '东线', team_name: '智格社区巡防中队', status: 'open', status_label: '巡防中',
  started_at: '2099-05-12T10:30:00+00:00', ended_at: null, distance_m: 120, checkpoints: CHECKPOINTS,
  checkpoints_passed: 1, checkpoints_total: 3, service_minutes: null,
  report_page: '/reports/pages/new/new?source=patrol&source_ref=7' };

test('track buffer: batches of six in time order, repeats dropped, a failed batch comes back first', () => {
  const buffer = patrol.createTrackBuffer({ sendEvery: 3, keepAtMost: 5 });
  const at = Date.parse('2099-05-12T10:30:00Z');
  assert.equal(buffer.add({ latitude: 30.3, longitude: 120.3, accuracy: 8 }, at), true);
  assert.equal(buffer.add({ latitude: 30.3, longitude: 120.3 }, at), false, 'the same moment twice');
  buffer.add({ latitude: 30.301, longitude: 120.3 }, at + 10000);
  assert.equal(buffer.ready(), false);
  assert.equal(buffer.ready(true), true, 'forced: whatever waits');
  buffer.add({ latitude: 30.302, longitude: 120.3 }, at + 20000);
  const batch = buffer.take();
  assert.deepEqual(batch.map((p) => p.recorded_at), ['2099-05-12T18:30:00+08:00', '2099-05-12T18:30:10+08:00',
    '2099-05-12T18:30:20+08:00']);
  assert.equal(batch[0].accuracy_m, 8);
  assert.equal(buffer.take(), null, 'one batch in flight at a time');
  buffer.add({ latitude: 30.303, longitude: 120.3 }, at + 30000);
  buffer.failed();
  assert.equal(buffer.size(), 4);
  for (let i = 4; i < 9; i += 1) buffer.add({ latitude: 30.3, longitude: 120.3 }, at + i * 10000);
  assert.equal(buffer.size(), 5, 'the oldest go beyond the bound');
  assert.equal(buffer.take()[0].recorded_at, '2099-05-12T18:30:40+08:00');
  assert.ok(patrol.MAX_BATCH <= 100);
});

test('checkpoint state: passed ones with how and when, the next one, progress in Chinese', () => {
  const state = patrol.checkpointState(OPEN);
  assert.equal(state.progress, '已打卡 1/3');
  assert.equal(state.items[0].label, '已扫码 18:31');
  assert.equal(state.items[1].label, '未打卡');
  assert.equal(state.next.name, '东门岗亭');
  assert.equal(state.allPassed, false);
  assert.equal(patrol.formatElapsed(3909), '01:05:09');
  assert.equal(patrol.formatDistance(1234), '1.23 公里');
  assert.equal(patrol.formatDistance(350.4), '350 米');
  const teams = [{ id: 1, team_name: '智格社区巡防中队', is_member: true, routes: [{ id: 5, name: '东线', is_active: true,
    checkpoints: [{}, {}] }, { id: 6, name: '旧线', is_active: false }] }, { id: 2, is_member: false, routes: [{ id: 8 }] }];
  assert.deepEqual(patrol.startableRoutes(teams), [{ id: 5, name: '智格社区巡防中队 · 东线', checkpoints: 2 }]);
  // Only this area's entries: other areas add their own to the same menu.
  const ours = (user) => menu.entriesFor(user).map((e) => e.label).filter((l) => ['我的巡防', '社区网格'].includes(l));
  assert.deepEqual(ours(PATROLLER), ['我的巡防']);
  assert.deepEqual(ours(fx.ORGANISER), ['社区网格']);
});

test('live page: scanning a code passes the checkpoint, the track goes in batches, ending credits the time', async () => {
  const fixtures = fx.base(PATROLLER);
  let patrolNow = OPEN;
  const sent = { pass: [], track: [], ended: 0 };
  fixtures['patrols.get'] = () => patrolNow;
  fixtures['patrols.pass'] = (req) => {
    sent.pass.push(req.data);
    if (req.data.checkpoint_id) {
      return { statusCode: 409, data: { error: { code: 'checkpoint_too_far', message: '离巡防点「东门岗亭」还有约 144 米' } } };
    }
    const checkpoints = CHECKPOINTS.map((c) => (c.checkpoint_id === 2 ? Object.assign({}, c, { passed: true, method: 'code',
      passed_at: '2099-05-12T10:40:00+00:00' }) : c));
    return { newly_passed: true, patrol: { checkpoints: checkpoints, checkpoints_passed: 2, distance_m: 200 } };
  };
  fixtures['patrols.track'] = (req) => { sent.track.push(req.data.points.length); return { accepted: req.data.points.length, distance_m: 260 }; };
  fixtures['patrols.end'] = () => {
    sent.ended += 1;
    patrolNow = Object.assign({}, OPEN, { status: 'ended', status_label: '已结束', ended_at: '2099-05-12T11:40:00+00:00',
      service_minutes: 60 });
    return { id: 7, status: 'ended', distance_m: 260, service_minutes: 60 };
  };
  const { page, wx } = loadPage('patrol/pages/live/live', fixtures, {
    scanCode: (o) => o.success({ result: 'jsxf1.2.abcdef' }), modalContents: [''],
  });
  wx.showModal = (o) => { wx.calls.modals.push(o); if (o.success) o.success({ confirm: true }); };
  try {
    page.onLoad({ id: '7' });
    await settle();
    assert.equal(page.data.open, true);
    assert.equal(page.data.progress, '已打卡 1/3');
    assert.equal(page.data.next.name, '东门岗亭');

    page.arrive();
    await settle();
    assert.deepEqual(sent.pass[0], { checkpoint_id: 2, latitude: 30.3, longitude: 120.35 });
    assert.match(wx.calls.modals[0].content, /还有约 144 米/);

    page.scan();
    await settle();
    assert.deepEqual(sent.pass[1], { code: 'jsxf1.2.abcdef' });
    assert.equal(page.data.progress, '已打卡 2/3');
    assert.equal(page.data.next.name, '河边凉亭');

    for (let i = 1; i <= 6; i += 1) page.buffer.add({ latitude: 30.3 + i / 10000, longitude: 120.35 }, Date.now() + i * 1000);
    await page.flush(false);
    assert.deepEqual(sent.track, [7], 'the fix taken when the page opened, and six more');
    assert.equal(page.data.distance, '260 米');

    page.report();
    assert.deepEqual(wx.calls.navigations, ['/reports/pages/new/new?source=patrol&source_ref=7']);

    page.finish();
    await settle(20);
    assert.equal(sent.ended, 1);
    assert.equal(page.data.open, false);
    assert.match(wx.calls.modals[wx.calls.modals.length - 1].content, /计入志愿服务时长 60 分钟/);
  } finally {
    page.onUnload();
  }
});

test('my patrols page: resumes the patrol in progress, or starts one on my route', async () => {
  const fixtures = fx.base(PATROLLER);
  fixtures['patrols.list'] = { items: [Object.assign({}, OPEN, { id: 6, status: 'ended', status_label: '已结束',
    duration_minutes: 75, service_minutes: 75 })], total: 1, limit: 20, offset: 0 };
  fixtures['patrols.teams'] = [{ id: 1, team_name: '智格社区巡防中队', community_name: '智格社区', is_member: true,
    routes: [{ id: 5, name: '东线', is_active: true, checkpoints: [{ name: 'a' }] }] }];
  fixtures['patrols.start'] = () => ({ statusCode: 409, data: { error: { code: 'patrol_already_open',
    message: '您已有一次进行中的巡防，请先结束', details: { patrol_id: 7 } } } });
  const { page, wx } = loadPage('patrol/pages/mine/mine', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.currentId, null, 'no patrol in progress (404 no_open_patrol)');
  assert.equal(page.data.patrols[0].service, '计入志愿时长 1小时15分');
  page.start();
  await settle();
  assert.deepEqual(wx.calls.navigations, ['/patrol/pages/live/live?id=7'], 'a race lost: open the one that won');
});

test('grids page: each grid with its leader and workers', async () => {
  const fixtures = fx.base(fx.ORGANISER);
  fixtures['grids.list'] = { items: [{ id: 1, name: '智格社区第一网格', code: 'zhige-01', community_name: '智格社区',
    leaders: [{ name: '陈阿姨' }], workers: [], may_manage: true }], total: 1 };
  const { page } = loadPage('patrol/pages/grids/grids', fixtures);
  page.onShow();
  await settle();
  assert.equal(page.data.grids[0].leaderNames, '陈阿姨');
  assert.equal(page.data.grids[0].workerNames, '未设置');
});
