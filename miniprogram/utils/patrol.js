// Patrols (巡防) and grids (网格): the calls and the live page's logic, kept
// out of the pages so Node tests can drive them (tests/patrols.test.js).
const time = require('./time');

// The api client is built with the running wx, so it is required when first called.
const api = { call: (name, options) => require('./api').call(name, options) };

const MAX_BATCH = 100; // the backend takes at most 100 points a request
const SEND_EVERY = 6; // points: with one fix every 10 s, a batch a minute
const KEEP_AT_MOST = 600; // unsent points kept through a long loss of signal

// ISO 8601 with +08:00 for a point's time (epoch ms).
function isoLocal(ms) {
  const d = new Date(ms + time.OFFSET_MS);
  const pad = (n) => (n < 10 ? '0' + n : String(n));
  return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + 'T' + pad(d.getUTCHours())
    + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + '+08:00';
}

// Locations waiting to be sent, in time order. take() hands out at most one
// batch and holds it until sent() or failed() (which puts it back in front);
// the oldest points are dropped beyond KEEP_AT_MOST.
function createTrackBuffer(options) {
  const opts = options || {};
  const every = opts.sendEvery || SEND_EVERY;
  const keep = opts.keepAtMost || KEEP_AT_MOST;
  let pending = [];
  let inFlight = null;
  return {
    add(location, atMs) {
      const last = pending[pending.length - 1];
      if (last && last.at >= atMs) return false; // a repeat or out of order
      pending.push({ at: atMs, latitude: location.latitude, longitude: location.longitude,
        accuracy_m: typeof location.accuracy === 'number' ? location.accuracy : null });
      if (pending.length > keep) pending = pending.slice(pending.length - keep);
      return true;
    },
    ready(force) {
      return !inFlight && pending.length > 0 && (force || pending.length >= every);
    },
    take() {
      if (inFlight || !pending.length) return null;
      inFlight = pending.slice(0, MAX_BATCH);
      pending = pending.slice(inFlight.length);
      return inFlight.map((p) => ({ latitude: p.latitude, longitude: p.longitude, recorded_at: isoLocal(p.at),
        accuracy_m: p.accuracy_m }));
    },
    sent() { inFlight = null; },
    failed() {
      if (inFlight) pending = inFlight.concat(pending).slice(-keep);
      inFlight = null;
    },
    size() { return pending.length + (inFlight ? inFlight.length : 0); },
  };
}

// The checkpoints as the live page shows them, and what to do next.
function checkpointState(patrol) {
  const list = (patrol && patrol.checkpoints) || [];
  const items = list.map((c) => ({
    id: c.checkpoint_id, name: c.name, position: c.position, passed: !!c.passed,
    label: c.passed ? (c.method === 'code' ? '已扫码 ' : '已到达 ') + time.formatTime(c.passed_at) : '未打卡',
  }));
  const next = items.find((c) => !c.passed) || null;
  const passed = items.filter((c) => c.passed).length;
  return { items: items, next: next, passed: passed, total: items.length,
    progress: '已打卡 ' + passed + '/' + items.length, allPassed: items.length > 0 && passed === items.length };
}

// "01:05:09" from seconds.
function formatElapsed(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n) => (n < 10 ? '0' + n : String(n));
  return pad(Math.floor(s / 3600)) + ':' + pad(Math.floor((s % 3600) / 60)) + ':' + pad(s % 60);
}

function formatDistance(metres) {
  const m = Number(metres) || 0;
  return m >= 1000 ? (m / 1000).toFixed(2) + ' 公里' : Math.round(m) + ' 米';
}

function elapsedSince(startedAt, nowMs) {
  const started = time.parse(startedAt);
  return started ? (nowMs - started.getTime()) / 1000 : 0;
}

// -- calls ---------------------------------------------------------------------
function myTeams() { return api.call('patrols.teams', { silent: true }); }
function myPatrols(offset) {
  return api.call('patrols.list', { query: { scope: 'mine', limit: 20, offset: offset || 0 }, silent: true });
}
function current() { return api.call('patrols.current', { silent: true }); }
function start(routeId) { return api.call('patrols.start', { data: { route_id: routeId }, loading: '正在开始', silent: true }); }
function load(id) { return api.call('patrols.get', { params: { id: id }, silent: true }); }
function sendTrack(id, points) { return api.call('patrols.track', { params: { id: id }, data: { points: points }, silent: true }); }
function passByCode(id, code) { return api.call('patrols.pass', { params: { id: id }, data: { code: code }, silent: true }); }
function passByLocation(id, checkpointId, location) {
  return api.call('patrols.pass', { params: { id: id }, silent: true,
    data: { checkpoint_id: checkpointId, latitude: location.latitude, longitude: location.longitude } });
}
function end(id) { return api.call('patrols.end', { params: { id: id }, data: {}, loading: '正在结束', silent: true }); }
function grids(communityId) {
  const query = { limit: 200 };
  if (communityId) query.community_id = communityId;
  return api.call('grids.list', { query: query, silent: true });
}

// Routes I may start on: the active routes of the teams I patrol with.
function startableRoutes(teams) {
  const routes = [];
  (teams || []).filter((t) => t.is_member).forEach((team) => {
    (team.routes || []).filter((r) => r.is_active).forEach((r) => {
      routes.push({ id: r.id, name: team.team_name + ' · ' + r.name, checkpoints: (r.checkpoints || []).length });
    });
  });
  return routes;
}

module.exports = {
  MAX_BATCH, SEND_EVERY, isoLocal, createTrackBuffer, checkpointState, formatElapsed, formatDistance, elapsedSince,
  startableRoutes, myTeams, myPatrols, current, start, load, sendTrack, passByCode, passByLocation, end, grids,
};
