// Subscribe-message field limits ("参数值内容限制说明"), checked while the
// organiser types so a notice is never refused by WeChat for a field. The
// rules are WeChat's documented ones, read the same strict way as the
// project's WeChat emulator (wechat_emulator/fields.py) and the server do.
// Lengths count characters (code points), as WeChat does.
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const ASCII_SYMBOLS = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const CURRENCY = '¥￥$€£₩₹';
const DATE = '(\\d{4})(?:年(\\d{1,2})月(\\d{1,2})日|([-/.])(\\d{1,2})\\4(\\d{1,2}))';
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2}))?';
const TIME_POINT = new RegExp('^(?:' + DATE + '\\s*)?' + TIME + '$');
const DATE_POINT = new RegExp('^' + DATE + '(?:\\s*' + TIME + ')?$');
const AMOUNT = new RegExp('^[' + CURRENCY + ']?\\d{1,10}(?:\\.\\d{1,2})?元?$');

// type -> {max: characters for the input's maxlength, rule: the limit in words}
const LIMITS = {
  thing: { max: 20, rule: '20个字以内' },
  number: { max: 32, rule: '32位以内数字，可带小数' },
  letter: { max: 32, rule: '32个以内英文字母' },
  symbol: { max: 5, rule: '5个以内符号' },
  character_string: { max: 32, rule: '32位以内数字、字母或符号' },
  time: { max: 40, rule: '24小时制时间，如 15:01 或 2026年5月10日 09:00' },
  date: { max: 40, rule: '日期，如 2026年5月10日，可带时间' },
  amount: { max: 14, rule: '金额，如 ¥100.50 或 100元' },
  phone_number: { max: 17, rule: '17位以内数字或符号' },
  car_number: { max: 8, rule: '8位以内车牌号' },
  name: { max: 20, rule: '10个以内汉字或20个以内字母' },
  phrase: { max: 5, rule: '5个以内汉字' },
};

const chars = (v) => Array.from(v);
const isCjk = (c) => CJK.test(c);
const isLetter = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAsciiAlnum = (c) => /^[A-Za-z0-9]$/.test(c);
function isSymbol(c) {
  if (ASCII_SYMBOLS.indexOf(c) >= 0) return true;
  // a printable character that is not a letter, digit, space or Chinese
  return !/[\p{L}\p{N}\s]/u.test(c) && !isCjk(c) && !/[\p{C}]/u.test(c);
}

function pointOk(match, dateFirst) {
  if (!match) return false;
  // Groups: date y, m1, d1, sep, m2, d2 then time h, mi, s (positions per pattern)
  const y = match[1];
  if (y) {
    const month = Number(match[2] || match[5]);
    const day = Number(match[3] || match[6]);
    const d = new Date(Date.UTC(Number(y), month - 1, day));
    if (d.getUTCFullYear() !== Number(y) || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return false;
  }
  const h = match[7];
  if (h !== undefined) {
    if (Number(h) > 23 || Number(match[8]) > 59) return false;
    if (match[9] !== undefined && Number(match[9]) > 59) return false;
  }
  return dateFirst ? Boolean(y) : h !== undefined;
}

function rangeOk(value, pattern, dateFirst) {
  const parts = value.split('~');
  if (parts.length > 2) return false;
  return parts.every((p) => pointOk(pattern.exec(p.trim()), dateFirst));
}

const VALIDATORS = {
  thing: (v) => chars(v).length <= 20,
  number: (v) => {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(v);
    return Boolean(m) && m[1].length + (m[2] || '').length <= 32;
  },
  letter: (v) => chars(v).length <= 32 && chars(v).every(isLetter),
  symbol: (v) => chars(v).length <= 5 && chars(v).every(isSymbol),
  character_string: (v) => chars(v).length <= 32 && chars(v).every((c) => c.charCodeAt(0) >= 0x21 && c.charCodeAt(0) <= 0x7e),
  time: (v) => rangeOk(v, TIME_POINT, false),
  date: (v) => rangeOk(v, DATE_POINT, true),
  amount: (v) => AMOUNT.test(v),
  phone_number: (v) => chars(v).length <= 17 && /\d/.test(v) &&
    chars(v).every((c) => /[0-9]/.test(c) || ASCII_SYMBOLS.indexOf(c) >= 0 || c === ' '),
  car_number: (v) => {
    const c = chars(v);
    if (c.length > 8 || c.length === 0) return false;
    const edge = (x) => isAsciiAlnum(x) || isCjk(x);
    if (c.length === 1) return edge(c[0]);
    return c.slice(1, -1).every(isAsciiAlnum) && edge(c[0]) && edge(c[c.length - 1]);
  },
  name: (v) => {
    const c = chars(v);
    if (c.some(isCjk)) return c.length <= 10 && c.every((x) => isCjk(x) || isLetter(x) || x === '·' || x === '•');
    if (!c.some(isLetter)) return false;
    return c.length <= 20 && c.every((x) => isLetter(x) || x === ' ' || isSymbol(x));
  },
  phrase: (v) => chars(v).length <= 5 && chars(v).every(isCjk),
};

// null when the value fits, else a Chinese sentence saying what is wrong.
function problem(type, value) {
  const rule = LIMITS[type];
  if (!rule) return '未知的字段类型';
  const text = value === undefined || value === null ? '' : String(value);
  if (!text.trim()) return '不能为空';
  if (VALIDATORS[type](text)) return null;
  const length = chars(text).length;
  if (rule.max && length > rule.max && (type === 'thing' || type === 'phrase' || type === 'symbol')) {
    return '超出 ' + (length - rule.max) + ' 个字，限' + rule.rule;
  }
  return '格式不符合要求：' + rule.rule;
}

// Every field of a template ({fields: [{key, type, label}]}) -> {key: problem}.
function problems(template, values) {
  const found = {};
  ((template && template.fields) || []).forEach((field) => {
    const p = problem(field.type, values ? values[field.key] : undefined);
    if (p) found[field.key] = p;
  });
  return found;
}

// "12/20" under a text input (for the types whose limit is a length).
function counter(type, value) {
  const rule = LIMITS[type];
  if (!rule || ['thing', 'phrase', 'letter', 'character_string', 'symbol', 'phone_number', 'name'].indexOf(type) < 0) return '';
  return chars(String(value || '')).length + '/' + rule.max;
}

module.exports = { LIMITS, VALIDATORS, problem, problems, counter, isSymbol };
