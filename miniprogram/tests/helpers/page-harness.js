// Runs page code under Node: Page()/App()/Component() capture their
// definitions, setData applies WeChat's path keys ("form.title", "a[2].b"),
// and a fake wx answers API calls from fixtures keyed by endpoint name.
const path = require('path');
const endpoints = require('../../utils/endpoints');
const { createFakeWx, flush } = require('./fake-wx');

const ROOT = path.resolve(__dirname, '..', '..');
const API = 'http://127.0.0.1:5000';

function setPath(target, key, value) {
  const parts = key.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = target;
  for (let i = 0; i < parts.length - 1; i += 1) {
    if (node[parts[i]] === undefined || node[parts[i]] === null) node[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    node = node[parts[i]];
  }
  node[parts[parts.length - 1]] = value;
}

function endpointFor(method, url) {
  const pathOnly = url.replace(API, '').split('?')[0];
  return Object.keys(endpoints).find((name) => {
    const e = endpoints[name];
    const pattern = new RegExp('^' + e.path.replace(/\{\w+\}/g, '[^/]+') + '$');
    return e.method === method && pattern.test(pathOnly);
  });
}

function fixtureHandler(fixtures, seen) {
  return (req) => {
    if (req.url.endsWith('/_emulator/login-codes')) return { statusCode: 200, data: { code: 'code-1' } };
    if (req.url.endsWith('/_emulator/subscriptions')) return { statusCode: 200, data: {} };
    const name = endpointFor(req.method || 'GET', req.url);
    seen.push(name || req.method + ' ' + req.url);
    if (name === 'auth.login') return { statusCode: 200, data: { token: 't', expires_in: 3600, user: fixtures['me.get'] } };
    const fixture = name && fixtures[name];
    if (fixture === undefined) return { statusCode: 404, data: { error: { code: 'not_found', message: '请求的内容不存在' } } };
    const body = typeof fixture === 'function' ? fixture(req) : fixture;
    if (body && body.statusCode) return body;
    return { statusCode: 200, data: body, tempFilePath: '/tmp/x' };
  };
}

// Each page test gets fresh app modules (the api client holds the wx it was built with).
function forgetAppModules() {
  Object.keys(require.cache).forEach((key) => {
    if (key.startsWith(ROOT) && key.indexOf(path.join(ROOT, 'tests')) !== 0) delete require.cache[key];
  });
}

// -> {page, app, wx, seen} with the page's data and methods bound together.
function loadPage(route, fixtures, options) {
  const opts = options || {};
  const seen = [];
  const wx = createFakeWx({ handler: fixtureHandler(fixtures, seen), subscribeAnswer: opts.subscribeAnswer,
    modalContents: opts.modalContents, actionSheetIndex: opts.actionSheetIndex });
  Object.assign(wx, {
    setNavigationBarTitle() {}, navigateTo(o) { wx.calls.navigations = (wx.calls.navigations || []).concat(o.url); },
    redirectTo(o) { wx.calls.navigations = (wx.calls.navigations || []).concat(o.url); }, switchTab() {}, reLaunch() {},
    stopPullDownRefresh() {}, setKeepScreenOn() {}, vibrateShort() {}, pageScrollTo() {},
    getLocation: opts.getLocation || ((o) => o.success({ latitude: 30.3, longitude: 120.35 })),
    scanCode: opts.scanCode || ((o) => o.fail({ errMsg: 'scanCode:fail cancel' })),
  });
  let appDef = null;
  let pageDef = null;
  global.wx = wx;
  global.App = (def) => { appDef = def; };
  global.Page = (def) => { pageDef = def; };
  global.Component = () => {};
  global.getCurrentPages = () => [{}, {}];
  global.getApp = () => appDef;
  forgetAppModules();
  require(path.join(ROOT, 'app.js'));
  appDef.onLaunch();
  require(path.join(ROOT, route + '.js'));
  const page = Object.assign({}, pageDef);
  page.data = JSON.parse(JSON.stringify(pageDef.data || {}));
  page.setData = (changes, callback) => {
    Object.keys(changes).forEach((key) => setPath(page.data, key, changes[key]));
    if (callback) callback();
  };
  Object.keys(pageDef).forEach((key) => {
    if (typeof pageDef[key] === 'function') page[key] = pageDef[key].bind(page);
  });
  return { page, app: appDef, wx, seen, definition: pageDef };
}

async function settle(times) {
  for (let i = 0; i < (times || 10); i += 1) await flush();
}

module.exports = { loadPage, settle, setPath, endpointFor, ROOT };
