// 居民卡: community staff register a resident who has no smartphone by phone
// number and print them a card (A6 PDF) whose code is scanned at every event;
// reissuing a lost card stops the old one. Here too: record an elder's
// consent, given in person, for a family member to check them in (家属代签).
const api = require('../../utils/api');

const PHONE = /^1\d{10}$/;

Page({
  data: { communities: [], communityIndex: 0, phone: '', name: '', issued: null, familyPhone: '', cards: [],
    total: 0, error: '' },

  onLoad() {
    api.call('communities.list', { silent: true }).then((list) => this.setData({ communities: list || [] }))
      .catch(() => {});
    this.loadCards();
  },

  loadCards() {
    return api.call('cards.list', { query: { limit: 50 }, silent: true })
      .then((page) => this.setData({ cards: page.items, total: page.total })).catch(() => {});
  },

  input(e) {
    this.setData({ [e.currentTarget.dataset.field]: e.detail.value, error: '' });
  },

  pickCommunity(e) {
    this.setData({ communityIndex: Number(e.detail.value) });
  },

  issue() {
    const phone = this.data.phone.trim();
    if (!PHONE.test(phone)) {
      this.setData({ error: '请填写 11 位手机号码' });
      return Promise.resolve();
    }
    const community = this.data.communities[this.data.communityIndex];
    const data = { phone: phone };
    if (this.data.name.trim()) data.name = this.data.name.trim();
    if (community) data.community_id = community.id;
    return api.call('cards.issue', { data: data, loading: '正在办理' }).then((card) => {
      this.setData({ issued: card, phone: '', name: '' });
      this.loadCards();
    }).catch((error) => this.setData({ error: error.message }));
  },

  print(e) {
    const id = e.currentTarget.dataset.id;
    api.download('cards.pdf', { params: { id: id }, loading: '生成居民卡' })
      .then((filePath) => wx.openDocument({ filePath: filePath, fileType: 'pdf', showMenu: true }))
      .catch(() => {});
  },

  witness() {
    const phone = this.data.familyPhone.trim();
    if (!PHONE.test(phone)) {
      this.setData({ error: '请填写家属的 11 位手机号码' });
      return;
    }
    api.call('family.witness', { params: { id: this.data.issued.user_id }, data: { family_phone: phone },
      loading: '正在登记' }).then((link) => {
      wx.showToast({ title: link.family.name + ' 可为其代签', icon: 'none' });
      this.setData({ familyPhone: '' });
    }).catch((error) => this.setData({ error: error.message }));
  },

  revoke(e) {
    const id = e.currentTarget.dataset.id;
    wx.showModal({
      title: '作废居民卡',
      content: '作废后此卡不能再签到，确定吗？',
      success: (res) => {
        if (!res.confirm) return;
        api.call('cards.revoke', { params: { id: id }, data: { reason: '工作人员作废' }, loading: '正在作废' })
          .then(() => this.loadCards()).catch(() => {});
      },
    });
  },
});
