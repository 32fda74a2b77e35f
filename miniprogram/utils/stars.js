// Star levels (星级志愿者) by cumulative service hours.
//
// Thresholds: 100 / 300 / 600 / 1000 / 1500 hours for one to five stars, the
// levels of the Ministry of Civil Affairs' 《志愿服务记录办法》 (2012), which
// Zhejiang's volunteer system also uses. The server is the authority: when
// it sends a level it is shown as sent; these thresholds only fill in the
// progress bar and the fallback when it sends none.
const THRESHOLDS = [100, 300, 600, 1000, 1500];
const NAMES = ['志愿者', '一星级志愿者', '二星级志愿者', '三星级志愿者', '四星级志愿者', '五星级志愿者'];

function levelFor(hours) {
  const h = Number(hours) || 0;
  let level = 0;
  THRESHOLDS.forEach((threshold, index) => {
    if (h >= threshold) level = index + 1;
  });
  return level;
}

function trimNumber(n) {
  return String(Math.round(n * 10) / 10);
}

// server: GET /me/hours's star {stars, title, next_threshold_hours} (or null).
// -> {level, name, stars: [true, true, false, false, false], next, toNext, percent, hint}
function describe(totalHours, server) {
  const hours = Number(totalHours) || 0;
  const given = server && server.stars !== undefined && server.stars !== null ? Number(server.stars) : null;
  const level = given !== null && isFinite(given) ? Math.max(0, Math.min(5, Math.floor(given))) : levelFor(hours);
  const serverNext = server && server.stars !== undefined ? server.next_threshold_hours : undefined;
  const next = serverNext !== undefined ? serverNext : (level < THRESHOLDS.length ? THRESHOLDS[level] : null);
  const floor = level === 0 ? 0 : THRESHOLDS[level - 1];
  const toNext = next === null || next === undefined ? 0 : Math.max(0, next - hours);
  let percent = 100;
  if (next !== null && next !== undefined && next > floor) {
    percent = Math.max(0, Math.min(100, Math.round(((hours - floor) / (next - floor)) * 100)));
  }
  const stars = [];
  for (let i = 1; i <= 5; i += 1) stars.push(i <= level);
  return {
    level: level,
    name: (server && server.title) || NAMES[level],
    stars: stars,
    next: next === undefined ? null : next,
    toNext: toNext,
    percent: percent,
    hint: next === null || next === undefined
      ? '您已达到最高星级，感谢您的长期奉献'
      : '再服务 ' + trimNumber(toNext) + ' 小时可达' + NAMES[Math.min(level + 1, 5)],
  };
}

module.exports = { THRESHOLDS, NAMES, levelFor, describe };
