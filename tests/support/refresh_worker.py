"""One app process that makes a WeChat call needing the access token at a
given moment; run twice at once by tests/auth/test_token_refresh_processes.py.

Usage: python -m tests.support.refresh_worker START_AT PHONE_CODE
(the app's settings come from the environment). Prints JSON.
"""
import json
import sys
import time

from app import create_app
from app.wechat import wechat


def main():
    start_at, phone_code = float(sys.argv[1]), sys.argv[2]
    app = create_app()
    with app.app_context():
        client = wechat()
        client.session.get(client.access_token_key)  # connect before the race starts
        time.sleep(max(0.0, start_at - time.time()))
        result = client.get_phone_number(phone_code)
        print(json.dumps({
            "phone": result["phone_info"]["purePhoneNumber"],
            "token": client.session.get(client.access_token_key),
        }))


if __name__ == "__main__":
    main()
