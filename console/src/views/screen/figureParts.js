// Other areas' figure cards may count per community (by_community: {id: n}, ids as strings in JSON):
// the line under the card's number, every community that counted, most first.

export function figureParts(figure, communities) {
  const names = new Map((communities || []).map((c) => [String(c.id), c.name]))
  return Object.entries((figure && figure.by_community) || {})
    .filter(([id, count]) => count > 0 && names.has(id))
    .map(([id, count]) => ({ id, name: names.get(id), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'))
}
