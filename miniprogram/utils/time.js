// Times in Asia/Shanghai, whatever the phone's own time zone is set to.
// The API speaks aware ISO 8601 (UTC); China has kept UTC+8 without daylight
// saving since 1991, so a fixed offset is exact and needs no Intl data (which
// some WeChat JS engines lack).
const OFFSET_MS = 8 * 3600 * 1000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function pad(n) {
  return n < 10 ? '0' + n : String(n);
}

// A Date from an ISO string, a Date or epoch milliseconds; null when absent or
// unparseable. A string without an offset is taken as Shanghai wall time.
function parse(value) {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return null;
  const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
  let utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0), ms);
  if (!m[8]) {
    utc -= OFFSET_MS;
  } else if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    utc -= sign * (Number(digits.slice(0, 2)) * 3600000 + Number(digits.slice(2)) * 60000);
  }
  return new Date(utc);
}

// Wall-clock fields in Shanghai.
function parts(value) {
  const date = parse(value);
  if (!date) return null;
  const d = new Date(date.getTime() + OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

function formatTime(value) {
  const p = parts(value);
  return p ? pad(p.hour) + ':' + pad(p.minute) : '';
}

function formatDate(value) {
  const p = parts(value);
  return p ? p.month + '月' + p.day + '日 ' + WEEKDAYS[p.weekday] : '';
}

function formatFullDate(value) {
  const p = parts(value);
  return p ? p.year + '年' + p.month + '月' + p.day + '日' : '';
}

function formatDateTime(value) {
  const p = parts(value);
  return p ? p.year + '年' + p.month + '月' + p.day + '日 ' + pad(p.hour) + ':' + pad(p.minute) : '';
}

function sameDay(a, b) {
  return a && b && a.year === b.year && a.month === b.month && a.day === b.day;
}

// "5月10日 周日 09:00–11:30", or both ends in full when it spans days.
function formatRange(start, end) {
  const s = parts(start);
  const e = parts(end);
  if (!s) return '';
  const head = s.month + '月' + s.day + '日 ' + WEEKDAYS[s.weekday] + ' ' + pad(s.hour) + ':' + pad(s.minute);
  if (!e) return head;
  if (sameDay(s, e)) return head + '–' + pad(e.hour) + ':' + pad(e.minute);
  return head + ' 至 ' + e.month + '月' + e.day + '日 ' + pad(e.hour) + ':' + pad(e.minute);
}

function dayNumber(p) {
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86400000);
}

// 今天 / 明天 / 后天 / 3天后 / 昨天, counted in Shanghai calendar days.
function relativeDay(value, now) {
  const p = parts(value);
  const n = parts(now === undefined ? Date.now() : now);
  if (!p || !n) return '';
  const diff = dayNumber(p) - dayNumber(n);
  if (diff === 0) return '今天';
  if (diff === 1) return '明天';
  if (diff === 2) return '后天';
  if (diff === -1) return '昨天';
  if (diff > 2) return diff + '天后';
  return -diff + '天前';
}

// "2026-05" -> "2026年5月"
function monthLabel(key) {
  const m = /^(\d{4})-(\d{1,2})/.exec(String(key || ''));
  return m ? m[1] + '年' + Number(m[2]) + '月' : String(key || '');
}

// The picker's "2026-05-10" + "09:00" (Shanghai wall time) -> ISO with offset.
function fromPickers(dateText, timeText) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateText || '') || !/^\d{2}:\d{2}$/.test(timeText || '')) return null;
  return dateText + 'T' + timeText + ':00+08:00';
}

// ISO -> {date: "2026-05-10", time: "09:00"} for the pickers.
function toPickers(value) {
  const p = parts(value);
  if (!p) return { date: '', time: '' };
  return { date: p.year + '-' + pad(p.month) + '-' + pad(p.day), time: pad(p.hour) + ':' + pad(p.minute) };
}

// 150 -> "2小时30分", 45 -> "45分钟"
function formatMinutes(minutes) {
  const total = Math.max(0, Math.round(Number(minutes) || 0));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return m + '分钟';
  return m === 0 ? h + '小时' : h + '小时' + m + '分';
}

// Year of "now" in Shanghai (the hours page's "this year").
function currentYear(now) {
  return parts(now === undefined ? Date.now() : now).year;
}

module.exports = {
  OFFSET_MS, WEEKDAYS, parse, parts, formatTime, formatDate, formatFullDate, formatDateTime,
  formatRange, relativeDay, monthLabel, fromPickers, toPickers, formatMinutes, currentYear,
};
