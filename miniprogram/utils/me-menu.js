// The 我的 page's entries into the newer areas' subpackages (party learning,
// contests, grids, reports, households, mediation, 议事...), one line each,
// so adding an area touches only this list. `when(user)` decides who sees it
// (a role from /me's roles[], see utils/format.holds); leave it out for everyone.
const format = require('./format'); // eslint-disable-line no-unused-vars -- used by the entries' when()

const ENTRIES = [
  // { label: '聚沙讲堂', url: '/party/pages/courses/courses', when: (user) => format.holds(user, 'resident') },
  { label: '我的居民码（请工作人员扫码签到）', url: '/resident/pages/code/code' },
  { label: '家属代签', url: '/resident/pages/family/family' },
  { label: '我的党组织', url: '/party/pages/membership/membership' },
  { label: '学习档案', url: '/party/pages/learning/learning' },
  { label: '党员审核', url: '/party/pages/review/review', when: (user) => format.holds(user, 'branch_organiser') || format.holds(user, 'admin') },
  { label: '聚沙讲堂·在线学习', url: '/lecture/pages/courses/courses' },
  { label: '点课送学', url: '/lecture/pages/order/order', when: (user) => format.holds(user, 'organiser') || format.holds(user, 'unit_contact') || format.holds(user, 'admin') },
  { label: '讲堂点课审核', url: '/lecture/pages/office/office', when: (user) => format.holds(user, 'lecture_office') || format.holds(user, 'admin') },
  { label: '我的巡防', url: '/patrol/pages/mine/mine', when: (user) => format.holds(user, 'volunteer') },
  { label: '社区网格', url: '/patrol/pages/grids/grids', when: (user) => ['organiser', 'admin', 'grid_leader', 'grid_worker'].some((r) => format.holds(user, r)) },
  { label: '社区议事', url: '/consult/pages/topics/topics', when: (user) => !!(user && user.community) },
  { label: '我的调解案件', url: '/mediation/pages/cases/cases', when: (user) => format.holds(user, 'volunteer') || format.holds(user, 'mediation_lead') },
  { label: '党史竞赛成绩', url: '/hall/pages/contests/contests' },
  { label: '竞赛评委计分', url: '/hall/pages/contests/contests?judging=1', when: (user) => !!user },
  { label: '随手拍', url: '/reports/pages/new/new' },
  { label: '我的随手拍', url: '/reports/pages/mine/mine' },
  { label: '我的工单', url: '/reports/pages/orders/orders', when: (user) => ['grid_worker', 'grid_leader', 'organiser', 'admin'].some((role) => format.holds(user, role)) },
  { label: '党史知识竞赛', url: '/quiz/pages/contests/contests' },
  { label: '党员联户', url: '/households/pages/mine/mine' },
];

function entriesFor(user) {
  return ENTRIES.filter((entry) => !entry.when || (user && entry.when(user)))
    .map((entry) => ({ label: entry.label, url: entry.url, strong: !!entry.strong }));
}

module.exports = { ENTRIES, entriesFor };
