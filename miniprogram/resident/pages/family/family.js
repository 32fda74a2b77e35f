// 家属代签: a family member may check an elder in and out of events, only
// with the elder's consent. The elder shows an invitation here (valid 10
// minutes) and the family member scans it; an elder without a phone gives
// consent at the community, which records it.
const api = require('../../../utils/api');

const RELATIONS = ['子女', '配偶', '孙辈', '兄弟姐妹', '其他亲属', '邻居', '其他'];

Page({
  data: { elders: [], family: [], invitation: null, relations: RELATIONS, relationIndex: 0, loading: true },

  onShow() {
    this.load();
  },

  onUnload() {
    clearTimeout(this.expiryTimer);
  },

  load() {
    return api.call('family.mine', { silent: true }).then((links) => {
      this.setData({ elders: links.elders || [], family: links.family || [], loading: false });
    }).catch((error) => {
      this.setData({ loading: false });
      wx.showToast({ title: error.message, icon: 'none' });
    });
  },

  // The elder's side: show an invitation for the family member to scan.
  invite() {
    api.call('family.invite', { loading: '生成邀请码' }).then((invitation) => {
      this.setData({ invitation: invitation });
      clearTimeout(this.expiryTimer);
      const left = Date.parse(invitation.expires_at) - Date.now();
      this.expiryTimer = setTimeout(() => this.setData({ invitation: null }), Math.max(1000, left));
    }).catch(() => {});
  },

  pickRelation(e) {
    this.setData({ relationIndex: Number(e.detail.value) });
  },

  // The family member's side: scan the elder's invitation.
  scanInvitation() {
    wx.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: (res) => {
        api.call('family.accept', {
          data: { invitation: res.result, relation: RELATIONS[this.data.relationIndex] }, loading: '正在登记',
        }).then((link) => {
          wx.showToast({ title: '已可为' + link.elder.name + '代签', icon: 'none' });
          this.load();
        }).catch(() => {});
      },
    });
  },

  revoke(e) {
    const id = e.currentTarget.dataset.id;
    wx.showModal({
      title: '取消代签',
      content: '取消后需要重新同意才能代签，确定吗？',
      success: (res) => {
        if (!res.confirm) return;
        api.call('family.revoke', { params: { id: id }, loading: '正在取消' }).then(() => this.load()).catch(() => {});
      },
    });
  },
});
