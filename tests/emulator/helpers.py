"""Shared helpers for the emulator tests."""
from wechatpy.client import WeChatClient

EVENT_REMINDER = "Jc8sVbx9XvY3kQe1qL0fTn7uPz2aWm4rH6dGyKo5BcA"
HOURS_CREDITED = "Pq4nRt7yUe2wXs9zLc1vBm6kJh3gFd8aSo5iNu0lTrE"
VOLUNTEER_CALL = "Hx2mKp8vQa5eWr1tYz7uNc3bLs9dGf4jOi6hVg0kMqS"


class EmulatorWeChatClient(WeChatClient):
    """wechatpy's client pointed at the emulator (fetch_access_token hard-codes WeChat's URL)."""

    def __init__(self, base_url, appid, secret, **kwargs):
        super().__init__(appid, secret, **kwargs)
        self.emulator_base = base_url
        self.API_BASE_URL = base_url + "/cgi-bin/"
        self.wxa.API_BASE_URL = base_url + "/"

    def fetch_access_token(self):
        return self._fetch_access_token(
            url=self.emulator_base + "/cgi-bin/token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )


def login(emu, http, **body):
    """Mint a wx.login code through the control API; return its JSON."""
    return http.post(emu.url("/_emulator/login-codes"), json=body).json()


def code2session(emu, http, code, appid=None, secret=None):
    return http.get(emu.url("/sns/jscode2session"), params={
        "appid": appid or emu.appid, "secret": secret or emu.secret,
        "js_code": code, "grant_type": "authorization_code",
    }).json()
