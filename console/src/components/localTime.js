// The audit trail's times to the second: the API writes Beijing time
// (2026-12-13T09:00:12+08:00), so the wall clock is the text itself.
export const second = (iso) => (iso ? iso.slice(0, 19).replace('T', ' ') : '')
