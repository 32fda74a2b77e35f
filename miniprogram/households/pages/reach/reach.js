// 联系党员: opened by scanning a party member's 联户证; a household member
// leaves the member a message (the member's phone number is never shown).
const api = require('../../../utils/api');
const view = require('../../utils/view');

Page({
  data: { code: '', card: null, error: '', sent: false, sending: false,
    form: { message: '', contact_name: '', contact_phone: '' } },

  onLoad(options) {
    const code = view.codeFromOptions(options);
    this.setData({ code: code });
    if (!code) {
      this.setData({ error: '二维码无效，请重新扫描联户证' });
      return;
    }
    api.call('households.reach', { params: { code: code }, silent: true })
      .then((card) => this.setData({ card: card }))
      .catch((error) => this.setData({ error: error.message }));
  },

  input(e) {
    this.setData({ ['form.' + e.currentTarget.dataset.field]: e.detail.value });
  },

  submit() {
    const form = this.data.form;
    const message = String(form.message || '').trim();
    if (message.length < 2) {
      wx.showToast({ title: '请写下您想说的事', icon: 'none' });
      return;
    }
    const data = { message: message };
    if (form.contact_name) data.contact_name = form.contact_name;
    if (form.contact_phone) data.contact_phone = form.contact_phone;
    this.setData({ sending: true });
    api.call('households.sendRequest', { params: { code: this.data.code }, data: data, loading: '正在发送' })
      .then(() => this.setData({ sent: true, sending: false }))
      .catch(() => this.setData({ sending: false }));
  },
});
