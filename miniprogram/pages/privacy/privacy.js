// What the system holds about me (个人信息保护法: the right to see it), leaving
// the volunteer team, and closing the account (identity erased, service
// records kept anonymously).
const api = require('../../utils/api');
const format = require('../../utils/format');
const time = require('../../utils/time');

Page({
  data: { view: null },

  onLoad() {
    this.load();
  },

  load() {
    return api.call('me.data', { loading: '加载中' }).then((d) => {
      const account = d.account || {};
      const volunteer = d.volunteer || null;
      this.setData({
        view: {
          name: account.name || '未填写',
          phone: account.phone || '未绑定',
          role: format.roleLabels(account),
          since: time.formatFullDate(account.created_at),
          volunteer: volunteer ? {
            realName: volunteer.real_name,
            phone: volunteer.phone,
            idMasked: volunteer.id_number_masked || '',
            team: volunteer.team_name || '',
            status: format.label(format.VOLUNTEER_STATUS_LABELS, volunteer.status),
            active: volunteer.status === 'approved' || volunteer.status === 'pending',
          } : null,
          consent: d.consent ? { version: d.consent.version, at: time.formatDateTime(d.consent.consented_at), purpose: d.consent.purpose } : null,
          counts: {
            memberships: (d.memberships || []).length,
            checkins: (d.checkins || []).length,
            registrations: (d.registrations || []).length,
            certificates: (d.certificates || []).length,
            sessions: (d.sessions || []).length,
          },
          hours: d.hours ? format.hours(d.hours.total_hours) : '0',
        },
      });
    }).catch(() => {});
  },

  leave() {
    wx.showModal({
      title: '退出志愿者队伍',
      content: '退出后不再接收志愿活动通知，已认定的服务时长和记录会保留。',
      confirmText: '确认退出',
      success: (res) => {
        if (!res.confirm) return;
        api.call('volunteers.leave', { data: {}, loading: '处理中' }).then(() => {
          wx.showToast({ title: '已退出', icon: 'none' });
          this.load();
        }).catch(() => {});
      },
    });
  },

  close() {
    wx.showModal({
      title: '注销账号',
      content: '注销后，您的姓名、手机号、身份证号等身份信息将被清除且无法恢复；已记录的志愿服务时长以匿名方式保留。确定注销吗？',
      confirmText: '注销',
      confirmColor: '#C8102E',
      success: (res) => {
        if (!res.confirm) return;
        api.call('me.closeAccount', { data: { confirm: true }, loading: '注销中' }).then(() => {
          api.clearSession();
          getApp().setUser(null);
          wx.showModal({
            title: '账号已注销', content: '感谢您对下沙志愿服务的付出。', showCancel: false,
            success: () => wx.reLaunch({ url: '/pages/index/index' }),
          });
        }).catch(() => {});
      },
    });
  },
});
