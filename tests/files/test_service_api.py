"""The API other areas use: attachable_uploads, present_uploads, photo_ids,
and the signed URLs that are the only way to the bytes."""
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from app.errors import APIError
from app.extensions import db
from app.files import service
from app.files.schemas import PhotoIdsSchema
from app.models import Upload, utcnow
from tests.factories import auth_headers, make_user
from tests.files.conftest import fetch, uploaded


def refusal(call):
    with pytest.raises(APIError) as raised:
        call()
    error = raised.value
    assert error.status == 422 and error.code == "validation_failed"
    return error.details["json"]["photo_ids"][0]


def test_ones_own_uploads_are_attachable_in_the_given_order(client):
    user = make_user()
    first, second = uploaded(client, user), uploaded(client, user)
    rows = service.attachable_uploads(user, [second["id"], first["id"], second["id"]], "need_photo")
    assert [row.id for row in rows] == [second["id"], first["id"]]
    assert service.attachable_uploads(user, [], "need_photo") == []


def test_someone_elses_upload_is_not_attachable(client):
    owner, other = make_user(), make_user()
    theirs = uploaded(client, owner)
    message = refusal(lambda: service.attachable_uploads(other, [theirs["id"]], "need_photo"))
    assert message == f"图片 {theirs['id']} 不存在或不是您上传的"
    assert "不存在" in refusal(lambda: service.attachable_uploads(other, [987654], "need_photo"))


def test_risky_deleted_and_other_purpose_uploads_are_not_attachable(client):
    user = make_user()
    risky, deleted, avatar = uploaded(client, user), uploaded(client, user), uploaded(client, user, purpose="avatar")
    db.session.get(Upload, risky["id"]).check_status = "risky"
    db.session.get(Upload, deleted["id"]).deleted_at = utcnow()
    db.session.commit()
    assert "内容安全" in refusal(lambda: service.attachable_uploads(user, [risky["id"]], "need_photo"))
    assert "不存在" in refusal(lambda: service.attachable_uploads(user, [deleted["id"]], "need_photo"))
    assert "用途" in refusal(lambda: service.attachable_uploads(user, [avatar["id"]], "need_photo"))


def test_at_most_nine_photos(client):
    user = make_user()
    assert refusal(lambda: service.attachable_uploads(user, list(range(1, 11)), "need_photo")) == "最多只能附 9 张图片"
    errors = PhotoIdsSchema().validate({"photo_ids": list(range(1, 11))})
    assert errors == {"photo_ids": ["最多只能附 9 张图片"]}
    assert PhotoIdsSchema().validate({"photo_ids": ["3", 2.5, True]}) == {
        "photo_ids": {0: ["编号须为正整数"], 1: ["编号须为正整数"], 2: ["编号须为正整数"]}}
    assert PhotoIdsSchema().load({}) == {"photo_ids": []}


def test_presented_uploads_leave_out_the_risky_and_the_deleted(client):
    user = make_user()
    shown, risky = uploaded(client, user), uploaded(client, user)
    db.session.get(Upload, risky["id"]).check_status = "risky"
    db.session.commit()
    presented = service.present_uploads([risky["id"], shown["id"], 424242])
    assert [p["id"] for p in presented] == [shown["id"]]
    assert set(presented[0]) == {"id", "url", "width", "height"}
    assert fetch(client, presented[0]["url"]).status_code == 200
    rows = db.session.execute(db.select(Upload).order_by(Upload.id)).scalars().all()
    assert [p["id"] for p in service.present_uploads(rows)] == [shown["id"]]


def _with_query(url, **changes):
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(changes)
    return f"{parts.scheme}://{parts.netloc}{parts.path}?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_forged_and_expired_urls_are_refused(app, client):
    answer = uploaded(client, make_user())
    url = answer["url"]
    expires = int(parse_qs(urlsplit(url).query)["expires"][0])
    assert 590 <= expires - time.time() <= 600
    for forged in (_with_query(url, signature="0" * 64), _with_query(url, expires=expires + 3600),
                   _with_query(url, signature=""), _with_query(url, signature="签名"),
                   _with_query(url, expires="١٢٣")):
        response = fetch(client, forged)
        assert response.status_code == 403, forged
        assert response.get_json()["error"] == {"code": "file_link_invalid", "message": "图片链接无效或已过期，请刷新后重试"}
    other = uploaded(client, make_user())
    other_key = urlsplit(other["url"]).path
    stolen_signature = _with_query(f"http://x{other_key}", **{
        k: v[0] for k, v in parse_qs(urlsplit(url).query).items()})
    assert fetch(client, stolen_signature).status_code == 403
    with app.app_context():
        row = db.session.get(Upload, answer["id"])
        expired = service.storage().signed_url(row.storage_key, -1)
    assert fetch(client, expired).status_code == 403


def test_closing_the_account_deletes_the_persons_photos(client, stored_bytes):
    user, other = make_user(), make_user()
    mine, theirs = uploaded(client, user), uploaded(client, other)
    response = client.post("/api/v1/me/close-account", json={"confirm": True}, headers=auth_headers(user))
    assert response.status_code == 204
    db.session.expire_all()
    assert db.session.get(Upload, mine["id"]).deleted_at is not None
    assert fetch(client, mine["url"]).status_code == 404
    assert service.present_uploads([mine["id"], theirs["id"]])[0]["id"] == theirs["id"]
    assert stored_bytes(theirs["id"])
