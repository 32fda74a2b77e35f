// The reader/player: a material's text, audio, video or attachments. Time
// counts only while this page is visible (utils/learning-clock.js): a
// session opens on show, beats while visible, and stops on hide.
const api = require('../../../utils/api');
const learningClock = require('../../../utils/learning-clock');

Page({
  data: { material: null, progress: '', completed: false, blocked: '', playing: false },

  onLoad(options) {
    this.courseId = Number(options.course);
    this.materialId = Number(options.id);
    this.clock = learningClock.createClock({
      start: () => api.call('lectures.startLearning', { params: { id: this.materialId }, silent: true })
        .catch((error) => {
          if (error.code === 'not_party_member') this.setData({ blocked: error.message });
          throw error;
        }),
      beat: (sessionId, seq) => api.call('lectures.heartbeat', { params: { id: sessionId }, data: { seq: seq },
        silent: true }),
      onState: (state) => this.showState(state),
    });
    api.call('lectures.course', { params: { id: this.courseId } }).then((course) => {
      const m = (course.materials || []).find((item) => item.id === this.materialId);
      if (!m) return;
      this.setData({ material: { id: m.id, title: m.title, kind: m.kind, kindLabel: m.kind_label,
        body: m.body || '', url: m.url || '', photos: (m.photos || []).map((p) => p.url) } });
      wx.setNavigationBarTitle({ title: m.title });
    }).catch(() => {});
  },

  onShow() {
    if (this.clock) this.clock.show();
  },

  onHide() {
    if (this.clock) this.clock.hide();
    if (this.audio) { this.audio.pause(); this.setData({ playing: false }); }
  },

  onUnload() {
    if (this.clock) this.clock.hide();
    if (this.audio) this.audio.destroy();
  },

  showState(state) {
    if (!state) return;
    this.setData({ completed: !!state.completed,
      progress: learningClock.progressText(state.counted_seconds, state.floor_seconds, state.completed) });
    if (state.just_completed) wx.showToast({ title: '本节已学完', icon: 'success' });
  },

  toggleAudio() {
    if (!this.audio) {
      this.audio = wx.createInnerAudioContext();
      this.audio.src = this.data.material.url;
      this.audio.onEnded(() => this.setData({ playing: false }));
    }
    if (this.data.playing) this.audio.pause();
    else this.audio.play();
    this.setData({ playing: !this.data.playing });
  },

  preview(e) {
    wx.previewImage({ urls: this.data.material.photos, current: e.currentTarget.dataset.url });
  },
});
