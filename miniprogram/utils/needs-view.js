// Words and small rules of the needs pages (我要点单, 我的需求, 履职清单, 派单):
// pure functions, so Node tests can check them.
const time = require('./time');

const NEED_KINDS = [
  { value: 'professional', label: '专业服务（如家电维修、义诊）' },
  { value: 'volunteers', label: '志愿者（如助老、环境整治）' },
  { value: 'venue', label: '场地' },
  { value: 'lecturer', label: '讲师' },
  { value: 'goods', label: '物资' },
  { value: 'funds', label: '资金' },
];
const URGENCIES = [
  { value: 'normal', label: '一般' },
  { value: 'low', label: '不急' },
  { value: 'high', label: '较急' },
  { value: 'urgent', label: '紧急' },
];
const PHOTO_LIMIT = 9;

function labelOf(list, value) {
  const found = list.find((item) => item.value === value);
  return found ? found.label : value || '';
}

function stars(rating) {
  const n = Math.max(0, Math.min(5, Number(rating) || 0));
  return '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n);
}

// The raiser may rate a done duty, and reopen a done or rated one until
// reopen_until (7 days after done).
function raiserActions(need, duty, now) {
  const canRate = Boolean(need && need.can_rate);
  const inWindow = Boolean(duty.reopen_until) && time.parse(duty.reopen_until) >= (now === undefined ? Date.now() : now);
  return {
    rate: canRate && duty.status === 'done',
    reopen: canRate && (duty.status === 'done' || duty.status === 'closed') && inWindow,
  };
}

// What a unit's contact may do with a duty now.
function unitActions(duty) {
  return {
    accept: duty.status === 'offered',
    decline: duty.status === 'offered',
    progress: duty.status === 'accepted',
    done: duty.status === 'accepted',
  };
}

// The member units the signed-in person speaks for (unit contact or the
// unit's organiser), from /me's roles.
function unitIdsOf(user) {
  if (!user || !Array.isArray(user.roles)) return [];
  const ids = user.roles.filter((r) => (r.role === 'unit_contact' || r.role === 'organiser') && r.scope_kind === 'member_unit')
    .map((r) => r.scope_id);
  return ids.filter((id, i) => ids.indexOf(id) === i);
}

function isCommunityStaff(user) {
  return Boolean(user && Array.isArray(user.roles) && user.roles.some(
    (r) => r.role === 'admin' || (r.role === 'organiser' && r.scope_kind === 'community')));
}

// "2026-12-13" (a date picker) -> the end of that day in Beijing time, ISO.
function endOfDay(date) {
  return date ? date + 'T23:59:00+08:00' : undefined;
}

// The score's parts as one line: "匹配 40 · 距离 24.5 · 负荷 20 · 评价 7.5".
function scoreLine(suggestion) {
  const p = suggestion.parts || {};
  return '匹配 ' + p.match + ' · 距离 ' + p.distance + ' · 负荷 ' + p.load + ' · 评价 ' + p.rating;
}

// Upload each chosen photo in turn (POST /api/v1/uploads) -> [{id, url}].
function uploadAll(api, paths, purpose) {
  return paths.reduce((chain, filePath) => chain.then((done) => api.upload('uploads.create', {
    filePath: filePath, query: { purpose: purpose }, loading: '上传中',
  }).then((uploaded) => done.concat([uploaded]))), Promise.resolve([]));
}

// wx.chooseMedia for up to `room` images, then upload them.
function choosePhotos(wxApi, api, room, purpose) {
  return new Promise((resolve, reject) => {
    wxApi.chooseMedia({
      count: Math.max(1, Math.min(room, PHOTO_LIMIT)),
      mediaType: ['image'],
      sizeType: ['compressed'],
      success: (res) => resolve((res.tempFiles || []).map((f) => f.tempFilePath)),
      fail: () => resolve([]),
    });
  }).then((paths) => uploadAll(api, paths, purpose));
}

module.exports = {
  NEED_KINDS, URGENCIES, PHOTO_LIMIT, labelOf, stars, raiserActions, unitActions, unitIdsOf, isCommunityStaff,
  endOfDay, scoreLine, uploadAll, choosePhotos,
};
