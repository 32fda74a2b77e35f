"""Drive the WeChat emulator's control endpoints, as the demo and tests do."""
import requests


class EmulatorControl:
    def __init__(self, base_url):
        self.base_url = base_url
        self.http = requests.Session()

    def _post(self, endpoint, **body):
        # ``endpoint``, not ``path``: a fault rule's own option is called path.
        response = self.http.post(self.base_url + endpoint, json=body, timeout=5)
        response.raise_for_status()
        return response.json()

    def _get(self, endpoint, **params):
        response = self.http.get(self.base_url + endpoint, params=params, timeout=5)
        response.raise_for_status()
        return response.json()

    def login_code(self, openid=None, unionid=None):
        body = {k: v for k, v in {"openid": openid, "unionid": unionid}.items() if v}
        return self._post("/_emulator/login-codes", **body)["code"]

    def phone_code(self, phone, openid=None):
        body = {"phone": phone, **({"openid": openid} if openid else {})}
        return self._post("/_emulator/phone-codes", **body)["code"]

    def expire_tokens(self):
        return self._post("/_emulator/tokens/expire")

    def invalidate_tokens(self):
        return self._post("/_emulator/tokens/invalidate")

    def fault(self, kind, count=1, **options):
        return self._post("/_emulator/faults", kind=kind, count=count, **options)

    def clear_faults(self):
        response = self.http.delete(self.base_url + "/_emulator/faults", timeout=5)
        response.raise_for_status()
        return response.json()

    def subscribe(self, openid, template_id, count=1):
        """The user accepted wx.requestSubscribeMessage ``count`` times (WeChat's side of the quota)."""
        return self._post("/_emulator/subscriptions", openid=openid, template_id=template_id, count=count)

    def quotas(self, openid):
        return self._get("/_emulator/subscriptions", openid=openid)["quotas"]

    def media_checks(self):
        """Every mediaCheckAsync call the emulator took."""
        return self._get("/_emulator/media-checks")["media_checks"]

    def deliver_media_checks(self, trace_id=None, suggest=None):
        """WeChat judges the pending media checks now and pushes each verdict."""
        body = {k: v for k, v in {"trace_id": trace_id, "suggest": suggest}.items() if v}
        return self._post("/_emulator/media-checks/deliver", **body)["delivered"]

    def advance_clock(self, seconds):
        """Age codes, tokens and users' last visits without sleeping."""
        return self._post("/_emulator/clock", advance=seconds)

    def configure(self, **options):
        return self._post("/_emulator/config", **options)

    def stats(self):
        return self._get("/_emulator/stats")

    def messages(self, **filters):
        return self._get("/_emulator/messages", **filters)

    def reset(self):
        return self._post("/_emulator/reset")
