// Small pure helpers of the events pages (tested in tests/pages.test.js).

/** [[time, running total of check-ins]] in time order, for the attendance chart. */
export function cumulativeCheckins(items) {
  const times = items.map((i) => i.checked_in_at).filter(Boolean).sort()
  return times.map((t, n) => [t, n + 1])
}

function day(date) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** [30 days ago, 180 days ahead] as YYYY-MM-DD: the events list's default dates. */
export function defaultRange(today) {
  const from = new Date(today)
  from.setDate(from.getDate() - 30)
  const to = new Date(today)
  to.setDate(to.getDate() + 180)
  return [day(from), day(to)]
}
