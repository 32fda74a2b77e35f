// 党员联户 pages' rules: the words shown, the visit form checked before it is
// sent, and the card code read from how the page was opened.
const KINDS = [
  { value: 'visit', label: '走访' },
  { value: 'call', label: '电话' },
  { value: 'wechat', label: '微信' },
];

function householdRow(h) {
  const members = (h.members || []).length;
  return {
    id: h.id,
    address: h.address,
    grid: (h.grid && h.grid.name) || '',
    head: h.head_name || '（未登记成员）',
    members: members + ' 人',
    lastContact: h.last_contact_on ? '最近联系：' + h.last_contact_on : '尚未联系',
    overdue: !!h.overdue,
  };
}

// The 随手拍 categories (app/reports/rules.py CATEGORIES).
const REPORT_CATEGORIES = [
  { value: 'facilities', label: '设施损坏' }, { value: 'safety', label: '安全隐患' },
  { value: 'environment', label: '环境卫生' }, { value: 'parking', label: '乱停乱放' },
  { value: 'greenery', label: '绿化养护' }, { value: 'noise', label: '噪音扰民' },
  { value: 'neighbours', label: '邻里纠纷' }, { value: 'other', label: '其他' },
];

// -> {ok, body} or {ok: false, message}. wantReport: file what was found as
// a 随手拍 work order of the household's grid (form.report_category).
function visitBody(form, wantNeed, wantReport) {
  const discussed = String(form.discussed || '').trim();
  if (!form.visited_on) return { ok: false, message: '请选择联系日期' };
  if (discussed.length < 2) return { ok: false, message: '请填写交流内容' };
  const body = { visited_on: form.visited_on, kind: form.kind || 'visit', discussed: discussed };
  const found = String(form.needs_found || '').trim();
  if (found) body.needs_found = found;
  if (wantNeed) {
    const title = String(form.need_title || '').trim();
    if (title.length < 2) return { ok: false, message: '请填写需求标题（2 字以上）' };
    body.need = { title: title, kind: form.need_kind || 'volunteers', urgency: 'normal' };
    if (form.need_service) body.need.service = String(form.need_service).trim();
  }
  if (wantReport) {
    if (found.length < 2) return { ok: false, message: '转为随手拍工单，请先填写发现的问题' };
    body.report = { category: form.report_category || 'other', description: found.slice(0, 500) };
  }
  return { ok: true, body: body };
}

// The card's mini-program code opens the reach page with ?scene=<code>
// (WeChat hands it over percent-encoded); a shared link may carry ?code=.
function codeFromOptions(options) {
  const opts = options || {};
  const raw = opts.scene || opts.code || '';
  try {
    return decodeURIComponent(raw);
  } catch (e) {
    return raw;
  }
}

function requestRow(r) {
  return {
    id: r.id,
    message: r.message,
    who: [r.contact_name, r.contact_phone].filter(Boolean).join(' · ') || '未留联系方式',
    handled: r.status === 'handled',
    status: r.status === 'handled' ? '已处理' : '待处理',
    at: String(r.created_at || '').slice(0, 16).replace('T', ' '),
  };
}

module.exports = { KINDS, REPORT_CATEGORIES, householdRow, visitBody, codeFromOptions, requestRow };
