// The mini-program's main flows, through its own request wrapper and page
// logic, against a running backend and WeChat emulator (./scripts/dev, or the
// pytest test tests/miniprogram/test_live_flows.py). Each flow runs only when
// the backend has the areas it needs; prints one line per step.
//   API_BASE=http://127.0.0.1:5000 EMULATOR_BASE=http://127.0.0.1:9100 node tests/live/flows.js
const assert = require('node:assert/strict');
const { createNodeWx } = require('./node-wx');
const request = require('../../utils/request');
const checkin = require('../../utils/checkin');
const subscribe = require('../../utils/subscribe');
const compose = require('../../utils/notice-compose');
const eventForm = require('../../utils/event-form');
const time = require('../../utils/time');
const teams = require('../../utils/teams');
const binary = require('../../utils/binary');
const stars = require('../../utils/stars');
const { createBridge } = require('../../utils/dev-bridge');

const API = process.env.API_BASE || 'http://127.0.0.1:5000';
const EMULATOR = process.env.EMULATOR_BASE || 'http://127.0.0.1:9100';
const RESIDENT = process.env.RESIDENT_OPENID || 'demo-resident';
const ORGANISER = process.env.ORGANISER_OPENID || 'demo-organiser-minghe';
const NEIGHBOUR = process.env.NEIGHBOUR_OPENID || 'demo-resident-2';

function client(openid) {
  const wx = createNodeWx();
  wx.setStorageSync(request.DEV_OPENID_KEY, openid);
  const config = { apiBase: API, emulator: { base: EMULATOR, openid: openid }, requestTimeout: 15000 };
  const api = request.createClient({ wx, config });
  api.bridge = createBridge({ wx, config, openid: () => openid });
  return api;
}

async function emulatorPost(path, body) {
  const response = await fetch(EMULATOR + path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body) });
  assert.equal(response.status, 200, path);
  return response.json();
}

const report = [];
function step(text) {
  report.push(text);
  console.log('  ✓ ' + text);
}

async function logins(ctx) {
  ctx.me = await ctx.organiser.call('me.get');
  assert.equal(ctx.me.role, 'organiser');
  step('organiser logs in through the emulator-minted code: ' + ctx.me.name);
  ctx.communities = await ctx.resident.call('communities.list');
  ctx.residentMe = await ctx.resident.call('me.get');
  step('resident logs in: ' + ctx.residentMe.name + '; ' + ctx.communities.length + ' communities');
}

async function eventAndCheckin(ctx) {
  const { organiser, resident } = ctx;
  const host = eventForm.hostChoices(ctx.me, ctx.communities)[0];
  const now = Date.now();
  const start = time.toPickers(now - 10 * 60000);
  const end = time.toPickers(now + 2 * 3600000);
  const built = eventForm.build({ kind: 'volunteer_activity', title: '联调：文明劝导', host: host,
    start_date: start.date, start_time: start.time, end_date: end.date, end_time: end.time, venue: '铭和社区广场',
    location: { latitude: 30.3100, longitude: 120.3500 }, radius_m: 200, capacity: '', registration_required: false,
    credits_hours: true });
  assert.deepEqual(built.problems, {});
  const event = await organiser.call('events.create', { data: built.body });
  ctx.event = event;
  step('organiser creates "' + event.title + '" (id ' + event.id + ')');

  const png = await organiser.callBinary('events.qrcode', { params: { id: event.id }, query: { purpose: 'checkin', format: 'png' } });
  const refreshIn = binary.header(png.header, 'X-Token-Refresh-In');
  assert.ok(Number(refreshIn) > 0);
  step('rotating code PNG (' + png.data.byteLength + ' bytes), next in ' + refreshIn + ' s');
  const code = await organiser.call('events.qrcode', { params: { id: event.id }, query: { purpose: 'checkin', format: 'json' } });
  // WeChat's own 扫一扫 on the screen: the link opens the scan page with options.q (the rule registered for
  // PUBLIC_BASE_URL/q/ in the admin console, here at the emulator), and the page checks in.
  const prefix = code.url.slice(0, code.url.indexOf('/q/c?') + 3);
  await emulatorPost('/_emulator/config', { qrcode_rules: [{ prefix: prefix, page: checkin.SCAN_PAGE }] });
  const launch = await emulatorPost('/_emulator/scan', { url: code.url });
  assert.equal(launch.opens, 'miniprogram');
  assert.equal(launch.path, checkin.SCAN_PAGE);
  const source = checkin.fromLaunchOptions(launch.query);
  assert.deepEqual(source, { token: code.token });
  const first = checkin.describe(await resident.call('checkins.create', { data: checkin.checkinBody(source, null) }));
  assert.equal(first.code, 'checked_in');
  step('resident scans the screen with WeChat (' + launch.path + ', options.q): ' + first.title + ' ' + first.detail);
  const inApp = checkin.fromScanResult({ scanType: 'QR_CODE', result: code.token });
  const again = checkin.describe(await resident.call('checkins.create', { data: checkin.checkinBody(inApp, null) }));
  assert.equal(again.code, 'already_checked_in');
  step('scans again: ' + again.title + '，' + again.detail);
  const attendance = await organiser.call('events.attendance', { params: { id: event.id } });
  assert.equal(attendance.checked_in, 1);
  step('organiser sees ' + attendance.checked_in + ' checked in');

  ctx.detail = await organiser.call('events.get', { params: { id: event.id } });
  if (!ctx.detail.scene) return;
  const neighbour = client(NEIGHBOUR);
  const poster = { scene: ctx.detail.scene };
  const scan = (location) => neighbour.call('checkins.create', { data: checkin.checkinBody(poster, location), silent: true })
    .then(checkin.describe, checkin.describeError);
  const far = await scan({ latitude: 30.40, longitude: 120.35 });
  assert.equal(far.code, 'outside_area');
  step('poster scan from 10 km away: ' + far.title + '，' + far.detail);
  const near = await scan({ latitude: 30.3101, longitude: 120.3501 });
  assert.equal(near.code, 'checked_in');
  step('poster scan at the venue: ' + near.title + ' ' + near.detail);
}

async function subscriptions(ctx) {
  const { resident } = ctx;
  const templates = await resident.call('subscriptions.templates');
  const chosen = subscribe.pick(templates, ['event_reminder']);
  const result = { errMsg: 'requestSubscribeMessage:ok' };
  result[chosen[0].id] = 'accept';
  await resident.call('subscriptions.answer', { data: subscribe.resultsBody(result, chosen, subscribe.newRequestId()) });
  await resident.bridge.grantSubscriptions(subscribe.answersFrom(result, chosen));
  const mine = await resident.call('subscriptions.mine');
  step('resident allows one "' + chosen[0].title + '": ' + mine.find((s) => s.template_id === chosen[0].id).remaining + ' left');
  ctx.template = chosen[0];
}

async function notices(ctx) {
  const { organiser, event, detail, template } = ctx;
  const values = Object.assign(compose.prefill(template, detail), { thing4: '请到签到台领取马甲' });
  const built = compose.composeBody({ template, values, shorten: true, page: 'pages/event/detail?id=' + event.id,
    audienceKind: 'event_attendees', audienceTarget: event.id });
  assert.deepEqual(built.problems, {});
  const preview = compose.previewView(await organiser.call('notices.preview', { data: built.body }));
  step('notice preview: ' + preview.recipients + ' recipient(s), ' + preview.withQuota + ' with quota');
  if (process.env.LIVE_SEND_NOTICES === '0') return;
  const notice = await organiser.call('notices.create', { data: built.body });
  let view = null;
  for (let i = 0; i < 60; i += 1) {
    view = compose.reportView(await organiser.call('notices.report', { params: { id: notice.id } }));
    if (!view.running && view.status !== 'scheduled') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  step('delivery report: ' + view.statusLabel + ', sent ' + view.counts.sent + '/' + view.counts.total);
}

async function volunteerHours(ctx) {
  const { organiser, resident, residentMe, event } = ctx;
  const consent = await resident.call('volunteers.consent');
  const squads = teams.squads(await resident.call('teams.tree'), residentMe.community && residentMe.community.id);
  const application = await resident.call('volunteers.apply', { data: {
    consent_version: consent.version, consent_agreed: true, real_name: '陈阿姨', phone: '13900139000',
    id_number: '11010519491231002X', community_id: residentMe.community.id, team_id: squads[0].id, skills: ['调解纠纷'],
  }, silent: true }).catch((error) => ({ status: 'refused: ' + error.message }));
  step('resident applies to ' + squads[0].name + ': ' + application.status);
  const pending = await organiser.call('volunteers.list', { query: { status: 'pending' } });
  if (pending.length) {
    await organiser.call('volunteers.review', { params: { user_id: pending[0].user_id }, data: { decision: 'approve' } });
    step('organiser approves ' + pending[0].real_name);
  }
  const outCode = await organiser.call('events.qrcode', { params: { id: event.id }, query: { purpose: 'checkout', format: 'json' } });
  const out = checkin.describe(await resident.call('checkins.create', { data: { token: outCode.token } }));
  step('resident scans out: ' + out.title + ' ' + out.detail);
  const records = await organiser.call('hours.eventRecords', { params: { event_id: event.id } });
  step('organiser sees ' + records.length + ' service record(s): ' + records.map((r) => r.status).join(', '));
  const hours = await resident.call('me.hours');
  step('resident hours: total ' + hours.total_hours + ', ' + stars.describe(hours.total_hours, hours.star).name);
}

async function main() {
  const spec = await (await fetch(API + '/api/v1/openapi.json')).json();
  const has = (path) => Object.prototype.hasOwnProperty.call(spec.paths, path);
  const ctx = { organiser: client(ORGANISER), resident: client(RESIDENT) };
  await logins(ctx);
  if (!has('/api/v1/events') || !has('/api/v1/checkins')) return;
  await eventAndCheckin(ctx);
  if (has('/api/v1/subscriptions/templates')) {
    await subscriptions(ctx);
    if (has('/api/v1/notices/preview')) await notices(ctx);
  }
  if (has('/api/v1/me/volunteer') && has('/api/v1/hours/events/{event_id}/records')) await volunteerHours(ctx);
}

main().then(() => {
  console.log('live flows passed: ' + report.length + ' steps');
}, (error) => {
  console.error('live flows FAILED after ' + report.length + ' steps: ' + (error.stack || error.message || error));
  if (error.body) console.error(JSON.stringify(error.body, null, 1));
  process.exit(1);
});
