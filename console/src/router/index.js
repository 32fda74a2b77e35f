// History-mode routing under /console/ (the app serves index.html for every
// /console/... path). Signed-out people go to the sign-in page; a page the
// person's roles do not open sends them home.
import { createRouter, createWebHistory } from 'vue-router'
import { onUnauthorized } from '../api/client'
import { useSession } from '../stores/session'
import { mayOpen } from './menu'
import { routes } from './routes'

const router = createRouter({ history: createWebHistory('/console/'), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  const session = useSession()
  if (!session.token) return { name: 'login', query: { next: to.fullPath } }
  if (!session.me) {
    try {
      await session.loadMe()
    } catch {
      return { name: 'login' }
    }
  }
  if (!session.mayUseConsole) {
    session.forget()
    return { name: 'login', query: { refused: '1' } }
  }
  return mayOpen(session.roles, to.meta.roles) ? true : { name: 'home' }
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 聚沙工作台` : '聚沙工作台'
})

onUnauthorized(() => {
  useSession().forget()
  if (router.currentRoute.value.name !== 'login') router.push({ name: 'login' })
})

export default router
