// The mini-program as WeChat DevTools will read it: every page and component
// complete, every event handler named in WXML defined, WXML tags balanced,
// every endpoint used and every used endpoint declared, Chinese titles.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const endpoints = require('../utils/endpoints');
const { loadPage } = require('./helpers/page-harness');

const ROOT = path.resolve(__dirname, '..');
const read = (p) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const appJson = JSON.parse(read('app.json'));
const CJK = /[\u4e00-\u9fff]/;
// Subpackages (app.json subPackages): their roots hold pages and code like the main package's.
const SUBPACKAGE_ROOTS = (appJson.subPackages || []).map((sub) => sub.root);
const ALL_PAGES = appJson.pages.concat(...(appJson.subPackages || []).map((sub) => sub.pages.map((p) => sub.root + '/' + p)));

function walk(dir, out) {
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).forEach((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(rel, out);
    else out.push(rel);
  });
  return out;
}

function components(jsonPath) {
  const json = JSON.parse(read(jsonPath));
  return Object.values(json.usingComponents || {});
}

test('project.config.json: placeholder appid, root, and no domain check for the local demo', () => {
  const project = JSON.parse(read('project.config.json'));
  assert.equal(project.appid, 'touristappid');
  assert.equal(project.miniprogramRoot, './');
  assert.equal(project.setting.urlCheck, false);
  assert.ok(project.packOptions.ignore.some((i) => i.value === 'tests'), 'tests are not uploaded');
  JSON.parse(read('sitemap.json'));
});

test('every page has its four files and a Chinese title', () => {
  ALL_PAGES.forEach((page) => {
    ['.js', '.json', '.wxml', '.wxss'].forEach((ext) => assert.ok(fs.existsSync(path.join(ROOT, page + ext)), page + ext));
    const json = JSON.parse(read(page + '.json'));
    if (json.navigationBarTitleText) assert.match(json.navigationBarTitleText, CJK, page);
  });
  appJson.tabBar.list.forEach((tab) => {
    assert.ok(appJson.pages.includes(tab.pagePath), tab.pagePath);
    assert.match(tab.text, CJK);
  });
});

test('every component used exists and declares itself a component', () => {
  const users = ['app.json'].concat(appJson.pages.map((p) => p + '.json'));
  users.forEach((user) => components(user).forEach((c) => {
    const base = c.replace(/^\//, '');
    ['.js', '.json', '.wxml', '.wxss'].forEach((ext) => assert.ok(fs.existsSync(path.join(ROOT, base + ext)), base + ext));
    assert.equal(JSON.parse(read(base + '.json')).component, true, base);
  }));
});

function handlersIn(wxml) {
  const names = new Set();
  const re = /\b(?:bind|catch|capture-bind|capture-catch|mut-bind):?([a-z]+)="([^"{}]+)"/g;
  let m;
  while ((m = re.exec(wxml))) names.add(m[2]);
  return names;
}

test('every handler a page WXML names is a method of the page', () => {
  ALL_PAGES.forEach((route) => {
    const { definition } = loadPage(route, {});
    handlersIn(read(route + '.wxml')).forEach((name) => {
      assert.equal(typeof definition[name], 'function', route + ': ' + name);
    });
  });
});

test('every handler a component WXML names is one of its methods', () => {
  fs.readdirSync(path.join(ROOT, 'components')).forEach((dir) => {
    const base = 'components/' + dir + '/' + dir;
    let def = null;
    global.Component = (d) => { def = d; };
    global.wx = {};
    delete require.cache[path.join(ROOT, base + '.js')];
    require(path.join(ROOT, base + '.js'));
    handlersIn(read(base + '.wxml')).forEach((name) => {
      assert.equal(typeof (def.methods || {})[name], 'function', base + ': ' + name);
    });
  });
});

const VOID = new Set(['input', 'image', 'icon', 'switch', 'radio', 'checkbox', 'progress', 'slider', 'import', 'include']);

function balanced(wxml) {
  const stack = [];
  // Attribute values may hold ">" inside mustaches ({{a >= b}}).
  const re = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>\/]+(?:="[^"]*")?)*)\s*(\/?)>/g;
  let m;
  while ((m = re.exec(wxml.replace(/<!--[\s\S]*?-->/g, '')))) {
    const [, closing, tag, , selfClosing] = m;
    if (selfClosing || (VOID.has(tag) && !closing)) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== tag) return 'closing </' + tag + '> but open <' + open + '>';
    } else {
      stack.push(tag);
    }
  }
  return stack.length ? 'unclosed <' + stack.join('>, <') + '>' : null;
}

test('WXML tags are balanced and mustaches closed', () => {
  walk('pages', []).concat(walk('components', []), ...SUBPACKAGE_ROOTS.map((root) => walk(root, [])))
    .filter((f) => f.endsWith('.wxml')).forEach((file) => {
    const wxml = read(file);
    assert.equal(balanced(wxml), null, file);
    assert.equal((wxml.match(/\{\{/g) || []).length, (wxml.match(/\}\}/g) || []).length, file);
  });
});

test('every endpoint the code calls is declared, and every declared endpoint is called', () => {
  const sources = walk('pages', []).concat(walk('utils', []), ['app.js'], ...SUBPACKAGE_ROOTS.map((root) => walk(root, [])))
    .filter((f) => f.endsWith('.js'));
  const used = new Set();
  sources.forEach((file) => {
    const re = /\b(?:call|callBinary|download|upload)\(\s*'([\w.]+)'/g;
    let m;
    const text = read(file);
    while ((m = re.exec(text))) used.add(m[1]);
    if (file === path.join('utils', 'request.js')) used.add('auth.login');
  });
  used.forEach((name) => assert.ok(endpoints[name], 'called but not declared: ' + name));
  Object.keys(endpoints).forEach((name) => assert.ok(used.has(name), 'declared but never called: ' + name));
});

test('endpoint declarations are well formed', () => {
  Object.keys(endpoints).forEach((name) => {
    const e = endpoints[name];
    assert.match(e.method, /^(GET|POST|PUT|PATCH|DELETE)$/, name);
    assert.match(e.path, /^\/api\/v1\//, name);
    if (e.method === 'GET') assert.equal(e.body, undefined, name + ': a GET sends no body');
    ['query', 'body', 'reads'].forEach((k) => assert.ok(e[k] === undefined || Array.isArray(e[k]), name + '.' + k));
  });
});

test('location use is declared as WeChat requires', () => {
  assert.ok(appJson.requiredPrivateInfos.includes('getLocation'));
  assert.ok(appJson.requiredPrivateInfos.includes('chooseLocation'));
  assert.match(appJson.permission['scope.userLocation'].desc, CJK);
});
