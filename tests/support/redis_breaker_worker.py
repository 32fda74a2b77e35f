"""One app process whose Redis is hung, answering requests that use Redis in
every way a request does (the login-token cache, Flask-Limiter's storage,
/readyz); run by tests/platform/test_redis_breaker.py.

Usage: python -m tests.support.redis_breaker_worker REQUESTS BEARER
(settings from the environment). Prints JSON: the statuses and the breaker's counts.
"""
import json
import sys

from app import create_app
from app.redis_breaker import for_app


def main():
    requests, bearer = int(sys.argv[1]), sys.argv[2]
    app = create_app()
    client = app.test_client()
    statuses = []
    for _ in range(requests):
        statuses.append(client.get("/api/v1/me", headers={"Authorization": f"Bearer {bearer}"}).status_code)
    statuses.append(client.get("/readyz").status_code)
    breaker = for_app(app)
    print(json.dumps({"statuses": statuses, "state": breaker.state, "tried": breaker.tried,
                      "refused": breaker.refused}))


if __name__ == "__main__":
    main()
