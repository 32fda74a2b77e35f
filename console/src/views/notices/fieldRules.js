// WeChat's limits on subscribe-message values, judged while the organiser
// types, with the very sentences the API answers (app/subscriptions/fields.py,
// whose rules this mirrors rule for rule; tests/console/test_field_rules_parity.py
// holds the two to the same verdict and message). The API stays the judge: a
// preview asks it, and its field errors are shown as they come.
// Lengths count characters (code points), as WeChat and Python do.
export const ELLIPSIS = '…'
const CJK = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u
const ASCII_SYMBOLS = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'
const CURRENCY = '¥￥$€£₩₹'
const DATE = '(\\d{4})(?:年(\\d{1,2})月(\\d{1,2})日|([-/.])(\\d{1,2})\\4(\\d{1,2}))'
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2}))?'
const TIME_POINT = new RegExp(`^(?:${DATE}\\s*)?${TIME}$`, 'u')
const DATE_POINT = new RegExp(`^${DATE}(?:\\s*${TIME})?$`, 'u')
const NUMBER = /^(\d+)(?:\.(\d+))?$/u
const AMOUNT = new RegExp(`^[${CURRENCY}]?\\d{1,10}(?:\\.\\d{1,2})?元?$`, 'u')

const chars = (v) => Array.from(v)
const isCjk = (c) => CJK.test(c)
const isLetter = (c) => /^[A-Za-z]$/.test(c)
const isAsciiAlnum = (c) => /^[A-Za-z0-9]$/.test(c)
const isAlnum = (c) => /^[\p{L}\p{N}]$/u.test(c)
const isSpace = (c) => /^[\s\x1c-\x1f\x85]$/u.test(c)
// Python's str.isprintable: no control, format, private, unassigned or separator but ' '
const isPrintable = (c) => c === ' ' || !/^[\p{C}\p{Z}]$/u.test(c)
const isSymbol = (c) => ASCII_SYMBOLS.includes(c) || (!isAlnum(c) && !isSpace(c) && !isCjk(c) && isPrintable(c))

function tooLong(value, limit, unit = '个字') {
  const n = chars(value).length
  return n > limit ? `最多 ${limit} ${unit}（现在 ${n} ${unit}）` : null
}

function pointOk(match) {
  if (!match) return false
  const [, y, m1, d1, , m2, d2, h, mi, s] = match
  if (y) {
    const month = Number(m1 || m2)
    const day = Number(d1 || d2)
    const date = new Date(Date.UTC(2000, month - 1, day))
    date.setUTCFullYear(Number(y))
    if (Number(y) < 1 || month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false
  }
  if (h !== undefined) {
    if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return false
  }
  return true
}

const rangeOk = (value, pattern) => {
  const parts = value.split('~')
  return parts.length <= 2 && parts.every((part) => pointOk(pattern.exec(part.trim())))
}

const CHECKS = {
  thing: (v) => (chars(v).every(isPrintable) ? tooLong(v, 20) : '不能包含换行或控制字符'),
  number: (v) => {
    const m = NUMBER.exec(v)
    if (!m) return '只能填写数字（可带小数）'
    return m[1].length + (m[2] || '').length > 32 ? '最多 32 位数字' : null
  },
  letter: (v) => (chars(v).every(isLetter) ? tooLong(v, 32, '个字母') : '只能填写英文字母'),
  symbol: (v) => (chars(v).every(isSymbol) ? tooLong(v, 5, '个符号') : '只能填写符号'),
  character_string: (v) => (chars(v).every((c) => c.codePointAt(0) >= 0x21 && c.codePointAt(0) <= 0x7e)
    ? tooLong(v, 32, '个字符') : '只能填写数字、英文字母或符号'),
  time: (v) => (rangeOk(v, TIME_POINT) ? null : '时间格式应为“15:01”或“2026年5月10日 15:01”，区间用“~”连接'),
  date: (v) => (rangeOk(v, DATE_POINT) ? null : '日期格式应为“2026年5月10日”（可带时间“15:01”），区间用“~”连接'),
  amount: (v) => (AMOUNT.test(v) ? null : '金额格式应为“¥100.50”或“100元”，最多 10 位整数'),
  phone_number: (v) => {
    const c = chars(v)
    const allowed = c.every((x) => /^[0-9]$/.test(x) || ASCII_SYMBOLS.includes(x) || x === ' ')
    if (!allowed || !c.some((x) => /^\p{Nd}$/u.test(x))) return '只能填写数字和符号，例如“0571-86000000”'
    return tooLong(v, 17, '位')
  },
  car_number: (v) => {
    const c = chars(v)
    if (c.length > 8) return '车牌号最多 8 位'
    const edge = (x) => isAsciiAlnum(x) || isCjk(x)
    const ok = edge(c[0]) && edge(c[c.length - 1]) && c.slice(1, -1).every(isAsciiAlnum)
    return ok ? null : '车牌号只能首尾为汉字，其余为字母或数字'
  },
  name: (v) => {
    const c = chars(v)
    if (c.some(isCjk)) {
      if (!c.every((x) => isCjk(x) || isLetter(x) || x === '·' || x === '•')) return '姓名只能包含汉字或字母'
      return tooLong(v, 10)
    }
    if (!c.some(isLetter) || !c.every((x) => isLetter(x) || x === ' ' || isSymbol(x))) {
      return '姓名只能包含汉字、字母或符号'
    }
    return tooLong(v, 20, '个字母')
  },
  phrase: (v) => (chars(v).every(isCjk) ? tooLong(v, 5) : '只能填写汉字'),
}

export const FIELD_TYPES = Object.keys(CHECKS)

/** null when `value` is acceptable for `type`, else the reason in Chinese (the API's words). */
export function problem(type, value) {
  if (typeof value !== 'string' || !value.trim()) return '不能为空'
  const check = CHECKS[type]
  return check ? check(value) : '未知的字段类型'
}

/** The visible shortening rule for free text: 19 characters and "…". */
export function shortenThing(value, limit = 20) {
  const c = chars(value)
  return c.length <= limit ? value : c.slice(0, limit - 1).join('') + ELLIPSIS
}

/**
 * Every field of `template` ({title, fields: [{key, type, label}]}) in `raw`:
 * {values (as they would be sent), shortened, problems: {key: "「label」reason"}},
 * as the API's check_values answers.
 */
export function checkValues(template, raw, shorten = false) {
  const values = {}
  const shortened = []
  const problems = {}
  const fields = (template && template.fields) || []
  for (const key of Object.keys(raw || {})) {
    if (!fields.some((f) => f.key === key)) problems[key] = `模板“${template.title}”没有字段 ${key}`
  }
  for (const field of fields) {
    let value = raw ? raw[field.key] : undefined
    if (typeof value === 'string') value = value.trim()
    if (shorten && field.type === 'thing' && typeof value === 'string' && chars(value).length > 20 &&
        CHECKS.thing(chars(value).slice(0, 20).join('')) === null) {
      const short = shortenThing(value)
      shortened.push({ key: field.key, label: field.label, original: value, value: short })
      value = short
    }
    const reason = problem(field.type, value)
    if (reason) problems[field.key] = `「${field.label}」${reason}`
    else values[field.key] = value
  }
  return { values, shortened, problems }
}

/** "12/20" beside an input whose limit is a length (the template's max_length). */
export function counter(field, value) {
  return field.max_length ? `${chars(value || '').length}/${field.max_length}` : ''
}
