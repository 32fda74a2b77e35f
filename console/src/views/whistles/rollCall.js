// The live roll call of a whistle (GET /whistles/{id}/roll-call is computed on
// every call): polling that stops when the whistle ends or the page closes,
// and the rows as the community reads them.

export const POLL_SECONDS = 5

/** Rows sorted for the community: who has not reported first, then by response time. */
export function rollCallRows(rollCall) {
  const units = (rollCall && rollCall.units) || []
  return [...units].sort((a, b) => {
    if (a.reported !== b.reported) return a.reported ? 1 : -1
    return (a.response_minutes ?? Infinity) - (b.response_minutes ?? Infinity) || a.unit.name.localeCompare(b.unit.name, 'zh')
  })
}

/** "12 / 20 单位已报到（60%）" */
export function rollCallHeadline(rollCall) {
  const t = (rollCall && rollCall.totals) || {}
  const rate = t.units ? Math.round((t.reported / t.units) * 100) : 0
  return `${t.reported ?? 0} / ${t.units ?? 0} 个单位已报到（${rate}%）`
}

export function responseText(minutes) {
  if (minutes === null || minutes === undefined) return '未报到'
  if (minutes < 60) return `${minutes} 分钟`
  return `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`
}

/**
 * Poll `fetch()` every `seconds` while the whistle is open. `onData(answer)` gets each
 * answer; polling stops by itself once the answer's status is not open, and by stop().
 * A failed call keeps polling (the network comes back); answers arriving after stop() are dropped.
 */
export function pollRollCall(fetch, onData, { seconds = POLL_SECONDS, timers = globalThis } = {}) {
  let stopped = false
  let timer = null
  async function tick() {
    if (stopped) return
    try {
      const answer = await fetch()
      if (stopped) return
      onData(answer)
      if (answer && answer.status && answer.status !== 'open') {
        stopped = true
        return
      }
    } catch {
      // keep polling: a restart or a passing network error must not end the live view
    }
    if (!stopped) timer = timers.setTimeout(tick, seconds * 1000)
  }
  tick()
  return {
    stop() {
      stopped = true
      if (timer !== null) timers.clearTimeout(timer)
    },
    get running() {
      return !stopped
    },
  }
}

/** The close request: summary plus the needs the community wants raised from it. */
export function closeBody(summary, needs = []) {
  const text = (summary || '').trim()
  if (text.length < 2) return { error: '请填写 2 字以上的总结' }
  const wanted = needs.filter((n) => n.title && n.title.trim()).map((n) => ({
    title: n.title.trim(), kind: n.kind || 'volunteers', urgency: n.urgency || 'normal',
  }))
  return { body: { summary: text, needs: wanted } }
}

/** The raise request from the form ({hours} from now), or {error}. */
export function whistleBody(form, now = new Date()) {
  if (!form.community_id) return { error: '请选择社区' }
  if (!form.title || !form.title.trim()) return { error: '请填写吹哨事项' }
  if (!form.place || !form.place.trim()) return { error: '请填写地点' }
  const hours = Number(form.hours)
  if (!(hours >= 1 && hours <= 72)) return { error: '到场时间须在 1 到 72 小时内' }
  if (!form.to_all_units && !(form.unit_ids || []).length) return { error: '请选择至少一个单位，或吹哨给全体共建单位' }
  const body = {
    community_id: form.community_id, title: form.title.trim(), place: form.place.trim(),
    needed_by: new Date(now.getTime() + hours * 3600 * 1000).toISOString(),
    to_all_units: !!form.to_all_units, unit_ids: form.to_all_units ? [] : [...form.unit_ids],
  }
  if (form.description && form.description.trim()) body.description = form.description.trim()
  return { body }
}
