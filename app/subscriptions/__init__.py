"""One-time subscriptions: the templates, users' answers to
wx.requestSubscribeMessage, and the quota of sends each acceptance allows."""
