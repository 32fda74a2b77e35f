// Every page of the console. meta.roles: who may open it (the menu uses the
// same lists, ./menu.js); meta.public: reachable without signing in;
// meta.bare: outside the sidebar layout (full screen).
import { ADMIN, CONSOLE_ROLES, ORGANISER, UNIT_CONTACT } from './menu'

const STAFF = [ORGANISER, ADMIN]
// The alliance's pages: staff, the office and the units' contacts (the API limits each to its own).
const ALLIANCE = [ORGANISER, ADMIN, UNIT_CONTACT]

export const routes = [
  { path: '/login', name: 'login', component: () => import('../views/login/LoginView.vue'), meta: { public: true, bare: true, title: '扫码登录' } },
  // Public: a hall display opens it with a display key (?key=); without one the page asks for a sign-in itself.
  { path: '/screen', name: 'screen', component: () => import('../views/screen/ScreenView.vue'), meta: { public: true, bare: true, title: '数据大屏' } },
  {
    path: '/',
    component: () => import('../components/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../views/home/HomeView.vue'), meta: { roles: CONSOLE_ROLES, title: '工作台首页' } },
      { path: 'events', name: 'events', component: () => import('../views/events/EventList.vue'), meta: { roles: STAFF, title: '活动管理' } },
      { path: 'events/new', name: 'event-new', component: () => import('../views/events/EventForm.vue'), meta: { roles: STAFF, title: '新建活动' } },
      { path: 'events/:id/edit', name: 'event-edit', component: () => import('../views/events/EventForm.vue'), props: true, meta: { roles: STAFF, title: '编辑活动' } },
      { path: 'events/:id', name: 'event', component: () => import('../views/events/EventDetail.vue'), props: true, meta: { roles: STAFF, title: '活动详情' } },
      { path: 'hours', name: 'hours', component: () => import('../views/hours/PendingHours.vue'), meta: { roles: STAFF, title: '工时审核' } },
      { path: 'hours/export', name: 'hours-export', component: () => import('../views/hours/HoursExport.vue'), meta: { roles: STAFF, title: '志愿浙江导出' } },
      { path: 'volunteers', name: 'volunteers', component: () => import('../views/volunteers/VolunteersView.vue'), meta: { roles: STAFF, title: '志愿者与队伍' } },
      { path: 'notices', name: 'notices', component: () => import('../views/notices/NoticesView.vue'), meta: { roles: STAFF, title: '通知推送' } },
      { path: 'people', name: 'people', component: () => import('../views/people/PeopleView.vue'), meta: { roles: [ADMIN], title: '人员与角色' } },
      { path: 'screen-links', name: 'screen-links', component: () => import('../views/screen/ScreenLinks.vue'), meta: { roles: [ADMIN], title: '大屏链接' } },
      { path: 'units', name: 'units', component: () => import('../views/units/UnitList.vue'), meta: { roles: ALLIANCE, title: '共建单位' } },
      { path: 'units/ranking', name: 'ranking', component: () => import('../views/units/RankingView.vue'), meta: { roles: STAFF, title: '年度履职排名' } },
      { path: 'units/:id', name: 'unit', component: () => import('../views/units/UnitDetail.vue'), props: true, meta: { roles: ALLIANCE, title: '共建单位详情' } },
      { path: 'resources', name: 'resources', component: () => import('../views/units/ResourcesView.vue'), meta: { roles: ALLIANCE, title: '资源清单' } },
      { path: 'projects', name: 'projects', component: () => import('../views/units/ProjectsView.vue'), meta: { roles: ALLIANCE, title: '项目清单' } },
      { path: 'needs', name: 'needs', component: () => import('../views/needs/NeedList.vue'), meta: { roles: ALLIANCE, title: '需求清单' } },
      { path: 'needs/:id', name: 'need', component: () => import('../views/needs/NeedDetail.vue'), props: true, meta: { roles: ALLIANCE, title: '需求详情与派单' } },
      { path: 'duties', name: 'duties', component: () => import('../views/needs/DutiesView.vue'), meta: { roles: [UNIT_CONTACT, ORGANISER], title: '履职清单' } },
      { path: 'whistles', name: 'whistles', component: () => import('../views/whistles/WhistleList.vue'), meta: { roles: ALLIANCE, title: '吹哨与点名' } },
      { path: 'whistles/:id', name: 'whistle', component: () => import('../views/whistles/WhistleDetail.vue'), props: true, meta: { roles: ALLIANCE, title: '实时点名' } },
      { path: 'roundtables', name: 'roundtables', component: () => import('../views/whistles/RoundtableList.vue'), meta: { roles: ALLIANCE, title: '圆桌会' } },
      { path: 'roundtables/:id', name: 'roundtable', component: () => import('../views/whistles/RoundtableDetail.vue'), props: true, meta: { roles: ALLIANCE, title: '圆桌会详情' } },
      { path: 'audit', name: 'audit', component: () => import('../views/audit/AuditView.vue'), meta: { roles: [ADMIN], title: '操作审计' } },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
]
