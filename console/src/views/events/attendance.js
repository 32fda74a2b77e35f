/** [[time, running total of check-ins]] in time order, for the attendance chart. */
export function cumulativeCheckins(items) {
  const times = items.map((i) => i.checked_in_at).filter(Boolean).sort()
  return times.map((t, n) => [t, n + 1])
}
