// Answers shaped like the backend's schemas (app/*/schemas.py), for page tests.
const WELFARE = {
  id: 1, kind: 'welfare_day', title: '五月市民公益日', status: 'published', phase: 'upcoming', theme: '感恩母亲',
  host_name: '下沙街道', venue: null, starts_at: '2026-05-10T01:00:00+00:00', ends_at: '2026-05-10T04:00:00+00:00',
  capacity: null, registration_required: false, credits_hours: true, registered_count: 0, waitlisted_count: 0,
  my_registration: null, parent_id: null,
};
const LECTURE = {
  id: 2, kind: 'lecture', title: '聚沙讲堂·百年党史第六讲', status: 'published', phase: 'upcoming', theme: null,
  host_name: '下沙中学', venue: '下沙中学报告厅', starts_at: '2026-05-12T06:00:00+00:00', ends_at: '2026-05-12T08:00:00+00:00',
  capacity: 300, registration_required: true, credits_hours: false, registered_count: 120, waitlisted_count: 0,
  my_registration: null, latitude: 30.31, longitude: 120.35, radius_m: 300, speaker: '王教授', audience: '联盟党员',
  online_url: null, description: '第六讲', cancel_reason: null, checkin_opens_at: '2026-05-12T05:30:00+00:00',
};
const ACTIVITY = Object.assign({}, LECTURE, { id: 3, kind: 'volunteer_activity', title: '文明劝导', credits_hours: true,
  registration_required: false, capacity: null });

function page(items) {
  return { items: items, total: items.length, limit: 20, offset: 0, next_cursor: null };
}

const TEMPLATES = [
  { id: 'T1', name: 'event_reminder', title: '活动开始提醒', fields: [
    { key: 'thing1', type: 'thing', label: '活动名称', max_length: 20, rule: '20 个字以内' },
    { key: 'time2', type: 'time', label: '活动时间', max_length: null, rule: '24 小时制时间' },
    { key: 'thing3', type: 'thing', label: '活动地点', max_length: 20, rule: '20 个字以内' },
    { key: 'thing4', type: 'thing', label: '温馨提示', max_length: 20, rule: '20 个字以内' }] },
  { id: 'T2', name: 'hours_credited', title: '志愿服务时长到账通知', fields: [] },
];

const ORGANISER = { id: 2, name: '铭和社区王书记', role: 'organiser', community: { id: 1, name: '铭和社区' },
  scopes: [{ id: 1, community_id: 1, member_unit_id: null }] };
const RESIDENT = { id: 5, name: '陈阿姨', role: 'resident', community: { id: 1, name: '铭和社区' }, scopes: [] };

function base(user) {
  return {
    'me.get': user || RESIDENT,
    'communities.list': [{ id: 1, name: '铭和社区', code: 'minghe' }, { id: 2, name: '柠檬社区', code: 'ningmeng' }],
    'events.list': (req) => {
      const kind = /kind=(\w+)/.exec(req.url);
      const welfare = /group=true/.test(req.url) ? Object.assign({}, WELFARE, { activities: [
        Object.assign({}, ACTIVITY, { id: 11, kind: 'welfare_day', parent_id: 1, title: '铭和社区·爱心义剪', host_name: '铭和社区',
          in_my_community: true }),
        Object.assign({}, ACTIVITY, { id: 12, kind: 'welfare_day', parent_id: 1, title: '柠檬社区·旧物改造', host_name: '柠檬社区',
          in_my_community: false })] }) : WELFARE;
      const all = [welfare, LECTURE, ACTIVITY];
      return page(kind ? all.filter((e) => e.kind === kind[1]) : all);
    },
    'events.get': (req) => {
      const id = Number(/events\/(\d+)/.exec(req.url)[1]);
      const found = [WELFARE, LECTURE, ACTIVITY].find((e) => e.id === id);
      return Object.assign({}, found, { can_manage: (user || RESIDENT).role !== 'resident', parent: null,
        activities: id === 1 ? [Object.assign({}, ACTIVITY, { kind: 'welfare_day', parent_id: 1, host_name: '铭和社区' })] : [] });
    },
    'me.registrations': page([{ id: 9, event_id: 2, status: 'waitlisted', position: 2, binding: true, event: LECTURE }]),
    'subscriptions.templates': TEMPLATES,
    'subscriptions.mine': [{ template_id: 'T1', name: 'event_reminder', title: '活动开始提醒', remaining: 2, accepted_total: 2 }],
    'subscriptions.answer': [],
    'events.register': { id: 10, event_id: 2, status: 'registered', position: null, binding: true },
  };
}

module.exports = { WELFARE, LECTURE, ACTIVITY, TEMPLATES, ORGANISER, RESIDENT, page, base };
