// Who is signed in: the console token (localStorage) and GET /api/v1/me.
import { defineStore } from 'pinia'
import { authApi } from '../api/auth'
import { tokenStore } from '../api/client'
import { CONSOLE_ROLES, ROLE_LABELS, menuFor, roleNames } from '../router/menu'

export const useSession = defineStore('session', {
  state: () => ({ token: tokenStore.get(), me: null }),
  getters: {
    roles: (state) => (state.me ? state.me.roles : []),
    menu() {
      return menuFor(this.roles)
    },
    mayUseConsole() {
      return roleNames(this.roles).some((role) => CONSOLE_ROLES.includes(role))
    },
    roleLabel: (state) => (state.me ? ROLE_LABELS[state.me.role] || state.me.role : ''),
    isAdmin() {
      return roleNames(this.roles).includes('admin')
    },
  },
  actions: {
    signIn(token) {
      tokenStore.set(token)
      this.token = token
      this.me = null
    },
    async loadMe() {
      this.me = await authApi.me()
      return this.me
    },
    forget() {
      tokenStore.clear()
      this.token = null
      this.me = null
    },
    async signOut() {
      try {
        await authApi.logout()
      } finally {
        this.forget()
      }
    },
  },
})
