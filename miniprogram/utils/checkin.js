// Check-in: what was scanned, whether location is needed, and what to tell
// the person. The server decides; this only turns its answer into a screen.
const time = require('./time');

const SCAN_PAGE = 'pages/scan/scan';

function queryParam(text, name) {
  const query = String(text || '').split('#')[0].split('?').slice(1).join('?');
  const pairs = query.split('&');
  for (let i = 0; i < pairs.length; i += 1) {
    const eq = pairs[i].indexOf('=');
    const key = eq < 0 ? pairs[i] : pairs[i].slice(0, eq);
    if (key === name) {
      try {
        return decodeURIComponent((eq < 0 ? '' : pairs[i].slice(eq + 1)).replace(/\+/g, ' '));
      } catch (e) {
        return null;
      }
    }
  }
  return null;
}

// The poster's mini-program code opens the scan page with ?scene=...; WeChat
// hands it over percent-encoded (options.scene). A plain QR linked to the
// mini-program arrives as options.q (the whole URL, encoded).
function fromLaunchOptions(options) {
  const opts = options || {};
  if (opts.scene) {
    try {
      return { scene: decodeURIComponent(opts.scene) };
    } catch (e) {
      return { scene: opts.scene };
    }
  }
  if (opts.q) {
    let url = opts.q;
    try { url = decodeURIComponent(opts.q); } catch (e) { /* keep as is */ }
    return fromText(url);
  }
  if (opts.token) return { token: opts.token };
  return null;
}

// The on-screen code carries the signed token, either bare or inside a link
// (?token= / ?t=); a link to our scan page may carry a scene instead.
function fromText(text) {
  const value = String(text || '').trim();
  if (!value) return null;
  if (/^[a-z]+:\/\//i.test(value) || value.indexOf('?') >= 0) {
    const scene = queryParam(value, 'scene');
    if (scene) return { scene: scene };
    const token = queryParam(value, 'token') || queryParam(value, 't');
    if (token) return { token: token };
    return null;
  }
  return { token: value };
}

// wx.scanCode's answer. Scanning our own mini-program code gives `path`
// ("pages/scan/scan?scene=..."); a plain QR gives `result`.
function fromScanResult(res) {
  if (!res) return null;
  if (res.path) {
    const scene = queryParam(res.path, 'scene');
    if (scene) return { scene: scene };
  }
  return fromText(res.result);
}

// Poster codes can be photographed, so they always need the phone's location;
// an on-screen token needs it only where the event asks for it.
function needsLocation(source, event) {
  if (source && source.scene) return true;
  return Boolean(event && event.requires_location);
}

function checkinBody(source, location) {
  const body = {};
  if (source.token) body.token = source.token;
  if (source.scene) body.scene = source.scene;
  if (location) {
    body.latitude = location.latitude;
    body.longitude = location.longitude;
  }
  return body;
}

function distanceText(metres) {
  const m = Number(metres);
  if (!isFinite(m) || m <= 0) return '';
  return m >= 1000 ? (m / 1000).toFixed(1) + ' 公里' : Math.round(m) + ' 米';
}

function eventTitle(answer) {
  return (answer && ((answer.event && answer.event.title) || answer.event_title)) || '';
}

// Answer codes -> what the scan page shows. `tone` picks colour and icon;
// `action` what the page offers next.
const RESULTS = {
  checked_in: { tone: 'success', icon: 'success', title: '签到成功' },
  checked_out: { tone: 'success', icon: 'success', title: '签退成功' },
  already_checked_in: { tone: 'info', icon: 'info', title: '您已签到' },
  already_checked_out: { tone: 'info', icon: 'info', title: '您已签退' },
  token_expired: { tone: 'warn', icon: 'waiting', title: '二维码已过期', action: 'rescan',
    detail: '请组织者刷新屏幕上的二维码后，再重新扫码' },
  token_invalid: { tone: 'error', icon: 'warn', title: '无效的签到码', action: 'rescan',
    detail: '请扫描活动现场屏幕或海报上的签到码' },
  event_not_open: { tone: 'warn', icon: 'waiting', title: '尚未开放' },
  event_closed: { tone: 'warn', icon: 'cancel', title: '已经结束' },
  outside_area: { tone: 'error', icon: 'warn', title: '不在活动范围内', action: 'relocate' },
  location_required: { tone: 'warn', icon: 'warn', title: '需要您的位置', action: 'relocate',
    detail: '海报签到需要确认您在活动现场，请允许获取位置后重试' },
  event_full: { tone: 'error', icon: 'cancel', title: '名额已满' },
  not_registered: { tone: 'warn', icon: 'warn', title: '您尚未报名', action: 'register',
    detail: '本活动需先报名，报名成功后再扫码签到' },
  event_cancelled: { tone: 'error', icon: 'cancel', title: '活动已取消' },
  not_checked_in: { tone: 'warn', icon: 'warn', title: '您还没有签到', detail: '请先扫签到码签到，离开时再扫签退码' },
};

// {code, message, ...} from POST /checkins (a 200 or an error body) -> view.
function describe(answer) {
  const code = (answer && (answer.status || answer.code)) || 'unknown';
  const known = RESULTS[code];
  const view = {
    code: code,
    tone: known ? known.tone : 'error',
    icon: known ? known.icon : 'warn',
    title: known ? known.title : '签到未完成',
    detail: '',
    action: known && known.action ? known.action : (known ? null : 'rescan'),
    eventTitle: eventTitle(answer),
    direction: (answer && answer.direction) || 'in',
    eventId: (answer && ((answer.event && answer.event.id) || answer.event_id)) || null,
  };
  const details = (answer && answer.details) || {};
  const inAt = answer && answer.checked_in_at;
  const outAt = answer && answer.checked_out_at;
  if (code === 'checked_in') {
    view.detail = inAt ? time.formatTime(inAt) + ' 签到' : '';
  } else if (code === 'checked_out') {
    const served = answer.minutes !== undefined && answer.minutes !== null ? '本次服务 ' + time.formatMinutes(answer.minutes) : '';
    view.detail = (outAt ? time.formatTime(outAt) + ' 签退' : '') + (outAt && served ? '，' : '') + served;
  } else if (code === 'already_checked_in') {
    view.detail = inAt ? '您已于 ' + time.formatTime(inAt) + ' 签到，无需重复扫码' : (answer.message || '无需重复扫码');
  } else if (code === 'already_checked_out') {
    view.detail = outAt ? '您已于 ' + time.formatTime(outAt) + ' 签退，无需重复扫码' : (answer.message || '无需重复扫码');
  } else if (code === 'event_not_open') {
    // The server's sentence names the opening time and whether it is 签到 or 签退.
    const opens = details.opens_at;
    view.detail = answer.message || (opens ? '将于 ' + time.formatDate(opens) + ' ' + time.formatTime(opens) + ' 开放' : '');
  } else if (code === 'event_closed') {
    view.detail = answer.message || '本次活动已停止扫码';
  } else if (code === 'outside_area') {
    const far = distanceText(details.distance_m);
    view.detail = (far ? '您距离活动地点约 ' + far + '，' : '') + '请到达活动现场后再扫码签到';
  } else if (known && known.detail) {
    view.detail = known.detail;
  } else {
    view.detail = (answer && answer.message) || '请稍后重试';
  }
  return view;
}

// The ApiError of a refused check-in -> the same view as a 200 answer.
function describeError(error) {
  return describe(Object.assign({}, (error && error.details) || {}, {
    code: (error && error.code) || 'unknown',
    message: error && error.message,
    details: error && error.details,
  }));
}

// wx.getLocation's failure -> what to tell the person.
function locationProblem(err) {
  const msg = String((err && err.errMsg) || '');
  if (/auth deny|auth denied|authorize/i.test(msg)) {
    return { denied: true, message: '您拒绝了位置授权。海报签到需要确认您在活动现场，请在设置中允许使用位置信息。' };
  }
  if (/system permission|location service|locationSwitchOff|ERROR_NOCELL/i.test(msg)) {
    return { denied: false, message: '无法获取位置，请打开手机的定位服务并允许微信使用定位后重试。' };
  }
  return { denied: false, message: '暂时无法获取您的位置，请稍后重试。' };
}

module.exports = {
  SCAN_PAGE, RESULTS, queryParam, fromLaunchOptions, fromText, fromScanResult, needsLocation, checkinBody,
  describe, describeError, locationProblem, distanceText,
};
