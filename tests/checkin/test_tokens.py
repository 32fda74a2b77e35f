"""The rotating QR token: short, URL-safe, and refused when old, altered,
for another event or for the other purpose."""
import base64
import string
import struct

import pytest

from app.checkin import tokens
from app.errors import APIError
from tests.checkin.conftest import error_code, scan
from tests.factories import checkin_token, make_event

WINDOW = 30
GRACE = 5
T0 = 1_800_000_000 + 10  # 10 s into a window


def refused(token, code, **kwargs):
    with pytest.raises(APIError) as excinfo:
        tokens.verify(token, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


def test_token_is_short_url_safe_and_names_its_event(ctx):
    issued = tokens.issue(42, "checkin", now=T0)
    assert len(issued.token) == tokens.TOKEN_LENGTH <= 32
    assert set(issued.token) <= set(string.ascii_letters + string.digits + "-_")
    assert issued.expires_at == (T0 // WINDOW + 1) * WINDOW
    assert issued.refresh_in == pytest.approx(20)
    verified = tokens.verify(issued.token, now=T0 + 5)
    assert (verified.event_id, verified.purpose) == (42, "checkin")


def test_a_token_one_window_old_is_refused(ctx):
    token = tokens.issue(42, "checkin", now=T0).token
    next_window_start = (T0 // WINDOW + 1) * WINDOW
    # scanned as the code rotated: still counts for the grace seconds
    assert tokens.verify(token, now=next_window_start + GRACE - 0.1).event_id == 42
    # one window old: refused, and so is anything older
    refused(token, "token_expired", now=next_window_start + GRACE)
    refused(token, "token_expired", now=T0 + WINDOW)
    refused(token, "token_expired", now=T0 + 2 * WINDOW)


def test_without_grace_the_previous_window_is_refused_at_once(app, ctx, monkeypatch):
    token = tokens.issue(42, "checkin", now=T0).token
    monkeypatch.setitem(app.config, "CHECKIN_TOKEN_GRACE", 0)
    refused(token, "token_expired", now=(T0 // WINDOW + 1) * WINDOW)


def test_a_token_from_the_far_future_is_refused(ctx):
    token = tokens.issue(42, "checkin", now=T0 + 10 * WINDOW).token
    refused(token, "token_expired", now=T0)


def test_every_altered_character_is_refused(ctx):
    token = tokens.issue(42, "checkin", now=T0).token
    alphabet = string.ascii_letters + string.digits + "-_"
    for position, char in enumerate(token):
        other = alphabet[(alphabet.index(char) + 1) % len(alphabet)]
        altered = token[:position] + other + token[position + 1:]
        refused(altered, "token_invalid", now=T0)


def test_a_token_for_another_event_is_refused(ctx):
    token = tokens.issue(42, "checkin", now=T0).token
    refused(token, "token_invalid", now=T0, event_id=43)
    # rewriting the event id inside the token breaks the signature
    raw = bytearray(base64.urlsafe_b64decode(token + "=="))
    raw[1:5] = struct.pack(">I", 43)
    forged = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    refused(forged, "token_invalid", now=T0)


def test_swapping_the_purpose_is_refused(ctx):
    token = tokens.issue(42, "checkin", now=T0).token
    raw = bytearray(base64.urlsafe_b64decode(token + "=="))
    raw[5] = tokens.PURPOSES["checkout"]
    swapped = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    refused(swapped, "token_invalid", now=T0)
    assert tokens.verify(tokens.issue(42, "checkout", now=T0).token, now=T0).purpose == "checkout"


def test_a_token_signed_with_another_key_is_refused(app, ctx, monkeypatch):
    token = tokens.issue(42, "checkin", now=T0).token
    monkeypatch.setitem(app.config, "SECRET_KEY", "another-deployment-key-0123456789abcdef")
    refused(token, "token_invalid", now=T0)


@pytest.mark.parametrize("garbage", ["", "x", "A" * 30, "A" * 29 + "=", "https://example.org/?t=1",
                                     "AQAAACoBA5FJHLDDJ1n4C7TqIlmRa!", "中文签到码中文签到码中文签到码中文签到码中文签到码中文签到"])
def test_garbage_is_invalid_not_an_error(ctx, garbage):
    refused(garbage, "token_invalid", now=T0)


def test_a_non_canonical_spelling_is_refused(ctx):
    token = tokens.issue(42, "checkin", now=T0).token
    alphabet = string.ascii_uppercase + string.ascii_lowercase + string.digits + "-_"
    last = alphabet.index(token[-1])
    # The last character carries 4 padding bits; flipping one decodes to the same bytes.
    twin = token[:-1] + alphabet[last ^ 1]
    assert base64.urlsafe_b64decode(twin + "==") == base64.urlsafe_b64decode(token + "==")
    refused(twin, "token_invalid", now=T0)


def test_the_api_refuses_an_old_token_and_keeps_the_login(client, token_clock, event, resident):
    token = checkin_token(event, at=token_clock.now)
    token_clock.now += WINDOW
    status, body = scan(client, resident, token=token)
    assert (status, error_code(body)) == (400, "token_expired")
    assert "过期" in body["error"]["message"]


def test_the_api_refuses_a_token_of_another_event(client, token_clock, community, event, resident):
    other = make_event(community=community)
    status, body = scan(client, resident, token=checkin_token(other, at=token_clock.now), event_id=event.id)
    # 400, not the login's 401: the phone must not log the resident out
    assert (status, error_code(body)) == (400, "token_invalid")
    status, body = scan(client, resident, token="not-a-jusha-code")
    assert (status, error_code(body)) == (400, "token_invalid")


def test_a_retry_with_an_expired_token_finds_its_row(client, token_clock, event, resident):
    token = checkin_token(event, at=token_clock.now)
    status, first = scan(client, resident, token=token)
    assert status == 201
    token_clock.now += 3 * WINDOW  # the answer was lost; the phone retries a while later
    status, retry = scan(client, resident, token=token)
    assert (status, retry["code"], retry["checked_in_at"]) == (200, "already_checked_in", first["checked_in_at"])
