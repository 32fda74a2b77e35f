// The team tree (总队 → 大队 → 中队) from GET /teams -> the squads a
// volunteer can join, their own community's first.
function squads(tree, communityId) {
  const found = [];
  function walk(nodes, parentName) {
    (nodes || []).forEach((node) => {
      if (node.level === 'squad') {
        found.push({ id: node.id, name: node.name, brigade: parentName || '', community_id: node.community_id || null,
          label: node.name + (parentName ? '（' + parentName + '）' : '') });
      }
      walk(node.children, node.level === 'brigade' ? node.name : parentName);
    });
  }
  walk(tree, '');
  const wanted = communityId ? Number(communityId) : null;
  const own = found.filter((s) => wanted && s.community_id === wanted);
  const others = found.filter((s) => !(wanted && s.community_id === wanted));
  return own.concat(others);
}

module.exports = { squads };
