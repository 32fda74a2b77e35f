// Every page of the console. meta.roles: who may open it (the menu uses the
// same lists, ./menu.js); meta.public: reachable without signing in;
// meta.bare: outside the sidebar layout (full screen).
import { ADMIN, CONSOLE_ROLES, ORGANISER } from './menu'

const STAFF = [ORGANISER, ADMIN]

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
      { path: 'audit', name: 'audit', component: () => import('../views/audit/AuditView.vue'), meta: { roles: [ADMIN], title: '操作审计' } },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
]
