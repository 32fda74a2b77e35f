// Signing in to the desk console (聚沙工作台) by scanning its mini-program
// code: the code's scene is "cl=<nonce>" (app/auth/console_login.py). Plain
// functions, tested under Node; the page is pages/console-login.
const SCENE_PREFIX = 'cl=';
const ROLE_LABELS = { admin: '街道管理员', organiser: '组织者', unit_contact: '共建单位联络人' };

// options.scene arrives percent-encoded ("cl%3Dabc..."); null when it is not ours.
function nonceFromOptions(options) {
  const raw = options && options.scene;
  if (!raw) return null;
  let scene;
  try {
    scene = decodeURIComponent(raw);
  } catch (e) {
    return null;
  }
  if (scene.indexOf(SCENE_PREFIX) !== 0) return null;
  const nonce = scene.slice(SCENE_PREFIX.length);
  return /^[A-Za-z0-9_-]{16,64}$/.test(nonce) ? nonce : null;
}

// The roles that let a person use the console, as one line ("组织者、街道管理员").
function consoleRoles(user) {
  const names = [];
  ((user && user.roles) || []).forEach((r) => {
    const label = ROLE_LABELS[r.role];
    if (label && names.indexOf(label) < 0) names.push(label);
  });
  return names.join('、');
}

// "Chrome 120 · Windows" from a User-Agent, enough to recognise one's own computer.
function describeBrowser(agent) {
  if (!agent) return '未知浏览器';
  const browser = (/Edg\/(\d+)/.exec(agent) && 'Edge ' + /Edg\/(\d+)/.exec(agent)[1])
    || (/Chrome\/(\d+)/.exec(agent) && 'Chrome ' + /Chrome\/(\d+)/.exec(agent)[1])
    || (/Firefox\/(\d+)/.exec(agent) && 'Firefox ' + /Firefox\/(\d+)/.exec(agent)[1])
    || (/Safari\//.test(agent) && 'Safari') || '浏览器';
  const system = (/Windows/.test(agent) && 'Windows') || (/Mac OS X/.test(agent) && 'macOS')
    || (/Linux/.test(agent) && 'Linux') || '';
  return system ? browser + ' · ' + system : browser;
}

// The page's state for an error of scan/confirm/cancel.
function stateForError(error) {
  if (error && error.code === 'console_not_staff') return { state: 'refused', message: error.message };
  if (error && error.code === 'console_login_expired') return { state: 'expired', message: error.message };
  return { state: 'failed', message: (error && error.message) || '操作失败，请稍后再试' };
}

module.exports = { nonceFromOptions, consoleRoles, describeBrowser, stateForError, SCENE_PREFIX };
