// An event (from the API) -> the strings and flags a card or the detail page shows.
const time = require('./time');
const format = require('./format');

const PHASE_LABELS = { upcoming: '未开始', ongoing: '进行中', ended: '已结束', cancelled: '已取消' };

// An event without registration still takes a non-binding one: "remind me"
// (interest that holds no place), shown as such.
function registrationView(registration, event) {
  if (!registration || !registration.status || registration.status === 'cancelled') return null;
  if (event && event.registration_required === false) return { text: '已关注', tone: 'ok', binding: false };
  if (registration.status === 'waitlisted') {
    return { text: registration.position ? '候补第 ' + registration.position + ' 位' : '候补中', tone: 'warn' };
  }
  return { text: '已报名', tone: 'ok' };
}

function card(event, now) {
  if (!event) return null;
  const cancelled = event.status === 'cancelled';
  return {
    id: event.id,
    title: event.title,
    kind: event.kind,
    kindLabel: format.kindLabel(event.kind),
    theme: event.theme || '',
    when: time.formatRange(event.starts_at, event.ends_at),
    day: time.relativeDay(event.starts_at, now),
    place: event.venue || (event.online_url ? '线上' : ''),
    host: event.host_name || '',
    cancelled: cancelled,
    seats: event.capacity ? format.seats(event.registered_count, event.capacity) : '',
    registration: registrationView(event.my_registration, event),
  };
}

// What the detail page's main button does.
function primaryAction(event) {
  if (!event) return null;
  if (event.status === 'cancelled') return { kind: 'none', text: '活动已取消' };
  if (event.phase === 'ended') return { kind: 'none', text: '活动已结束' };
  const mine = registrationView(event.my_registration, event);
  if (mine && mine.binding === false) return { kind: 'unregister', text: '取消关注' };
  if (mine) return { kind: 'unregister', text: mine.tone === 'warn' ? '退出候补' : '取消报名' };
  if (!event.registration_required) return { kind: 'none', text: '无需报名，到场扫码签到即可' };
  const full = event.capacity && (event.registered_count || 0) >= event.capacity;
  return { kind: 'register', text: full ? '名额已满，加入候补' : '我要报名' };
}

function detail(event, now) {
  const base = card(event, now);
  if (!base) return null;
  return Object.assign(base, {
    description: event.description || '',
    phaseLabel: PHASE_LABELS[event.phase] || '',
    cancelReason: event.cancel_reason || '',
    speaker: event.speaker || '',
    audience: event.audience || '',
    onlineUrl: event.online_url || '',
    creditsHours: Boolean(event.credits_hours),
    registrationRequired: Boolean(event.registration_required),
    capacityText: event.capacity ? '限 ' + event.capacity + ' 人，已报名 ' + (event.registered_count || 0) + ' 人' +
      (event.waitlisted_count ? '，候补 ' + event.waitlisted_count + ' 人' : '') : '不限名额',
    checkinText: event.checkin_opens_at ? time.formatDate(event.checkin_opens_at) + ' ' +
      time.formatTime(event.checkin_opens_at) + ' 起可扫码签到' : '',
    hasLocation: event.latitude !== null && event.latitude !== undefined &&
      event.longitude !== null && event.longitude !== undefined,
    latitude: event.latitude,
    longitude: event.longitude,
    canManage: Boolean(event.can_manage),
    // The API lists the person's own community first.
    activities: (event.activities || []).map((a) => Object.assign(card(a, now), { mine: Boolean(a.in_my_community) })),
    parent: event.parent ? { id: event.parent.id, title: event.parent.title } : null,
    action: primaryAction(event),
  });
}

// A welfare day in a grouped list (GET /events?group=true): its community
// activities collapsed under the day, the viewer's community first (the API
// orders them so). `preview` is what shows collapsed.
function nested(event, now, previewSize) {
  const activities = ((event && event.activities) || []).map((a) => Object.assign(card(a, now), {
    mine: Boolean(a.in_my_community),
  }));
  const size = previewSize || 1;
  return {
    count: activities.length,
    activities: activities,
    preview: activities.slice(0, size),
    hiddenCount: Math.max(0, activities.length - size),
    expanded: false,
  };
}

// The community picker: 全部社区, then the person's own community, then the rest.
function communityChoices(communities, user) {
  const mineId = user && user.community ? user.community.id : null;
  const list = (communities || []).slice();
  const mine = list.filter((c) => c.id === mineId).map((c) => Object.assign({}, c, { name: c.name + '（我的社区）' }));
  return [{ id: 0, name: '全部社区' }].concat(mine, list.filter((c) => c.id !== mineId));
}

module.exports = { PHASE_LABELS, card, detail, primaryAction, registrationView, nested, communityChoices };
