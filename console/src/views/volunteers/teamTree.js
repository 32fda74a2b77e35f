// The 1+5+X team tree (总队 → 大队 → 中队) from GET /api/v1/teams, shaped
// for Element Plus's el-tree: each node carries its own members and the
// members of everything under it, and a label that says both.
export const LEVEL_LABELS = { corps: '总队', brigade: '大队', squad: '中队' }

/**
 * Nodes of GET /teams ({id, name, level, member_count, children}) ->
 * [{id, name, level, levelLabel, own, total, squads, label, children}] where
 * `total` adds up every member below and `squads` counts the squads below.
 * Accepts the nested answer or a flat list with parent_id.
 */
export function buildTree(nodes) {
  const roots = isFlat(nodes) ? nest(nodes) : nodes || []
  return roots.map(shape)
}

function isFlat(nodes) {
  return (nodes || []).some((n) => n.parent_id !== null && n.parent_id !== undefined && !n.children)
}

function nest(flat) {
  const byId = new Map(flat.map((n) => [n.id, { ...n, children: [] }]))
  const roots = []
  for (const node of byId.values()) {
    const parent = byId.get(node.parent_id)
    ;(parent ? parent.children : roots).push(node)
  }
  return roots
}

function shape(node) {
  const children = (node.children || []).map(shape)
  const own = node.member_count || 0
  const total = own + children.reduce((sum, c) => sum + c.total, 0)
  const squads = (node.level === 'squad' ? 1 : 0) + children.reduce((sum, c) => sum + c.squads, 0)
  const levelLabel = LEVEL_LABELS[node.level] || node.level
  const label = node.level === 'squad' ? `${node.name}（${total} 人）` : `${node.name}（${squads} 个中队，${total} 人）`
  return { id: node.id, name: node.name, level: node.level, levelLabel, own, total, squads, label,
    community_id: node.community_id ?? null, member_unit_id: node.member_unit_id ?? null, children }
}

/** Every node, depth first (for lookups and the audience picker). */
export function flatten(tree) {
  const out = []
  const walk = (nodes) => nodes.forEach((n) => { out.push(n); walk(n.children) })
  walk(tree)
  return out
}

/** The path of names from the root to the node `id` ("总队 / 大队 / 中队"), or ''. */
export function pathOf(tree, id) {
  const trail = []
  const walk = (nodes) => nodes.some((n) => {
    trail.push(n.name)
    if (n.id === id || walk(n.children)) return true
    trail.pop()
    return false
  })
  return walk(tree) ? trail.join(' / ') : ''
}

/** The whole tree's figures for the page's header. */
export function totals(tree) {
  const all = flatten(tree)
  const count = (level) => all.filter((n) => n.level === level).length
  return { corps: count('corps'), brigades: count('brigade'), squads: count('squad'),
    members: tree.reduce((sum, n) => sum + n.total, 0) }
}
