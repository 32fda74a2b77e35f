// Console sign-in by scanning (docs/console.md) and the signed-in person.
import { api } from './client'

export const authApi = {
  /** A one-time login nonce with its mini-program code (data URL). */
  newNonce: () => api.post('/auth/console/nonce', {}),
  /** {status: pending|scanned|confirmed|cancelled|expired, token?, expires_in?}; quiet: polled often. */
  poll: (nonce) => api.post('/auth/console/poll', { nonce }, { quiet: true }),
  logout: () => api.post('/auth/logout', undefined, { quiet: true }),
  me: () => api.get('/me'),
  communities: () => api.get('/communities'),
  /** Development only: the demo people the emulator can "scan" as. */
  demoPeople: () => api.get('/auth/console/demo/people', undefined, { quiet: true }),
  demoScan: (nonce, userId) => api.post('/auth/console/demo/confirm', { nonce, user_id: userId }),
}
