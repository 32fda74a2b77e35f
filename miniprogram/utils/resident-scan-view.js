// What the organiser's phone shows after scanning a resident's code: one
// full-screen, large-type answer (utils/offline-queue.js holds the scan).
function describeItem(item, direction) {
  const what = (direction || item.direction) === 'out' ? '签退' : '签到';
  if (item && item.state === 'working') {
    return { tone: 'info', icon: 'waiting', title: '正在提交…', detail: '' };
  }
  if (!item || item.state === 'pending') {
    return { tone: 'info', icon: 'waiting', title: '已保存，待同步',
      detail: '网络不佳：这次扫码已存在手机上，联网后自动上传，不会重复' + what };
  }
  if (item.state === 'done') {
    const already = /^already_/.test(item.answerCode || '');
    return { tone: 'success', icon: 'success', title: (item.personName || '居民') + (already ? ' 已' + what + '过' : ' ' + what + '成功'),
      detail: item.message };
  }
  return { tone: 'error', icon: 'warn', title: what + '未成功', detail: item.message };
}

function stateLabel(item) {
  return { pending: '待同步', done: '已完成', refused: '未通过' }[item.state] || item.state;
}

module.exports = { describeItem, stateLabel };
