// Composing a notice and reading its delivery report: everything but layout.
const noticeFields = require('./notice-fields');
const time = require('./time');

const AUDIENCE_KINDS = [
  { value: 'event_registrants', label: '活动报名者', needs: 'event_id' },
  { value: 'event_attendees', label: '活动签到者', needs: 'event_id' },
  { value: 'community', label: '社区居民与志愿者', needs: 'community_id' },
  { value: 'team', label: '志愿者队伍（含下属中队）', needs: 'team_id' },
  { value: 'users', label: '选定的志愿者', needs: 'user_ids' },
];
// The server takes at most this many chosen people in one notice.
const MAX_CHOSEN = 1000;

// Pages a notice may open (each must be in the backend's MINIPROGRAM_PAGES;
// the contract test checks). The event page gets ?id= of the chosen event.
const EVENT_PAGE = 'pages/event/detail';
const NOTICE_PAGES = [
  { label: '活动详情（所选活动）', page: EVENT_PAGE },
  { label: '首页', page: 'pages/index/index' },
  { label: '扫码签到', page: 'pages/scan/scan' },
  { label: '我的志愿时长', page: 'pages/hours/hours' },
  { label: '成为志愿者', page: 'pages/volunteer/apply' },
];

const STATUS_LABELS = {
  scheduled: '定时待发',
  queued: '排队中',
  fanning_out: '准备中',
  sending: '发送中',
  done: '已完成',
  cancelled: '已取消',
};
const RUNNING = ['queued', 'fanning_out', 'sending'];

const SKIP_REASON_LABELS = {
  no_subscription: '未订阅该提醒',
  quota_spent: '订阅次数已用完',
};

const ERRCODE_LABELS = {
  '43101': '用户拒收或订阅已用完',
  '40003': '接收人无效',
  '47003': '内容不符合模板要求',
  '-1': '微信系统繁忙',
  '45009': '超出微信调用频率',
  '40001': '凭证失效',
  '42001': '凭证过期',
  interrupted: '发送中断',
};

// The template's fields with their values, limits and live problems.
// shorten: thing fields over the limit will be cut by the server's visible rule.
function fieldViews(template, values, shorten) {
  return ((template && template.fields) || []).map((field) => {
    const value = (values && values[field.key]) || '';
    let problem = value ? noticeFields.problem(field.type, value) : null;
    if (problem && shorten && field.type === 'thing' && Array.from(value).length > 20) problem = null;
    const limit = field.max_length || (noticeFields.LIMITS[field.type] || {}).max || 0;
    return {
      key: field.key,
      label: field.label,
      type: field.type,
      value: value,
      rule: field.rule || (noticeFields.LIMITS[field.type] || {}).rule || '',
      maxlength: shorten && field.type === 'thing' ? 200 : (limit || 200),
      counter: noticeFields.counter(field.type, value),
      over: limit ? Array.from(value).length > limit : false,
      problem: problem,
    };
  });
}

function wechatDateTime(iso) {
  const p = time.parts(iso);
  if (!p) return '';
  const pad = (n) => (n < 10 ? '0' + n : String(n));
  return p.year + '年' + p.month + '月' + p.day + '日 ' + pad(p.hour) + ':' + pad(p.minute);
}

function wechatDate(iso) {
  const p = time.parts(iso);
  return p ? p.year + '年' + p.month + '月' + p.day + '日' : '';
}

// Sensible first values from an event, by each field's type and label.
function prefill(template, event) {
  const values = {};
  if (!template || !event) return values;
  (template.fields || []).forEach((field) => {
    const label = field.label || '';
    if (field.type === 'thing' && /活动(名称|主题)/.test(label)) values[field.key] = event.title || '';
    else if (field.type === 'thing' && /地点/.test(label)) values[field.key] = event.venue || '';
    else if (field.type === 'time') values[field.key] = wechatDateTime(event.starts_at);
    else if (field.type === 'date') values[field.key] = wechatDate(event.starts_at);
  });
  return values;
}

function audienceBody(kind, target) {
  const spec = AUDIENCE_KINDS.find((k) => k.value === kind);
  if (!spec || target === undefined || target === null || target === '') return null;
  const body = { kind: kind };
  if (spec.needs === 'user_ids') {
    const ids = (Array.isArray(target) ? target : [target]).map(Number).filter((id) => id > 0);
    if (!ids.length || ids.length > MAX_CHOSEN) return null;
    body.user_ids = ids;
  } else {
    body[spec.needs] = Number(target);
  }
  return body;
}

// -> {body, problems} for POST /notices/preview (and, with sendAt, /notices).
function composeBody(input) {
  const problems = {};
  const template = input.template;
  if (!template) problems.template_id = '请选择通知模板';
  const values = {};
  fieldViews(template, input.values, input.shorten).forEach((f) => {
    // Empty fields are not flagged while typing, but are before sending.
    const problem = f.value ? f.problem : noticeFields.problem(f.type, f.value);
    if (problem) problems[f.key] = '「' + f.label + '」' + problem;
    values[f.key] = String(f.value).trim();
  });
  const audience = audienceBody(input.audienceKind, input.audienceTarget);
  if (!audience) problems.audience = '请选择接收对象';
  const body = {
    template_id: template ? template.id : '',
    values: values,
    shorten: Boolean(input.shorten),
    audience: audience,
  };
  if (input.page) body.page = input.page;
  if (input.sendAt) {
    body.send_at = input.sendAt;
    if (time.parse(input.sendAt) <= (input.now === undefined ? Date.now() : input.now)) problems.send_at = '定时发送的时间应晚于现在';
  }
  return { body: body, problems: problems };
}

function labelled(map, labels) {
  return Object.keys(map || {}).map((key) => ({ key: key, label: labels[key] || key, count: map[key] }));
}

function previewView(preview) {
  const p = preview || {};
  return {
    title: p.title || '',
    fields: p.fields || [],
    shortened: p.shortened || [],
    audience: (p.audience && p.audience.label) || '',
    recipients: p.recipients || 0,
    withQuota: p.with_quota || 0,
    willSkip: p.will_skip || 0,
    skipReasons: labelled(p.skip_reasons, SKIP_REASON_LABELS),
  };
}

// A notice's template as people read it: its Chinese title, never the key.
function templateTitle(notice) {
  const n = notice || {};
  return n.template_title || n.template_name || '';
}

function reportView(report) {
  const r = report || {};
  const counts = r.counts || {};
  const total = counts.total || 0;
  const done = (counts.sent || 0) + (counts.skipped || 0) + (counts.failed || 0) + (counts.unconfirmed || 0) + (counts.cancelled || 0);
  return {
    id: r.id,
    title: templateTitle(r),
    values: r.values || {},
    audience: (r.audience && r.audience.label) || '',
    status: r.status,
    statusLabel: STATUS_LABELS[r.status] || r.status || '',
    running: RUNNING.indexOf(r.status) >= 0,
    cancellable: r.status === 'scheduled' || RUNNING.indexOf(r.status) >= 0,
    sendAt: r.send_at ? time.formatDateTime(r.send_at) : '',
    finishedAt: r.finished_at ? time.formatDateTime(r.finished_at) : '',
    counts: {
      total: total, queued: (counts.queued || 0) + (counts.sending || 0), sent: counts.sent || 0,
      skipped: counts.skipped || 0, failed: counts.failed || 0, unconfirmed: counts.unconfirmed || 0,
      cancelled: counts.cancelled || 0,
    },
    percent: total ? Math.round((done / total) * 100) : 0,
    skippedReasons: labelled(r.skipped_reasons, SKIP_REASON_LABELS),
    failedCodes: labelled(r.failed_codes, ERRCODE_LABELS),
    notReached: (r.not_reached || []).map((n) => ({
      userId: n.user_id,
      name: n.name || '（未填姓名）',
      reason: SKIP_REASON_LABELS[n.reason] || (n.errcode !== null && n.errcode !== undefined ? (ERRCODE_LABELS[String(n.errcode)] || '错误码 ' + n.errcode) : (n.error || n.reason || n.state || '')),
    })),
  };
}

// How long to wait before polling a running report again.
function pollDelay(view) {
  return view && view.running ? 2000 : (view && view.status === 'scheduled' ? 15000 : 0);
}

module.exports = {
  EVENT_PAGE, NOTICE_PAGES, AUDIENCE_KINDS, MAX_CHOSEN, STATUS_LABELS, SKIP_REASON_LABELS, ERRCODE_LABELS, fieldViews, prefill, audienceBody, composeBody,
  previewView, reportView, templateTitle, pollDelay, wechatDateTime,
};
