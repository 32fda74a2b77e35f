"""The same storage behaviour on both backends: the app's folder (embedded
mode) and a real S3-compatible server (SeaweedFS, as production's object
store would be)."""
import io
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from PIL import Image

from app.extensions import db
from app.files import service
from app.files.storage import S3Storage, StoredFileMissing, build_storage
from app.models import Upload
from tests.factories import auth_headers, make_user
from tests.files.conftest import fetch_url, gps_exif, image_bytes, s3_storage, uploaded

KEY = "need_photo/202612/abcdefghijklmnopqrstuvwx.jpg"


def _tampered(url, **changes):
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    for name, change in changes.items():
        query[name] = change(query[name])
    return f"{parts.scheme}://{parts.netloc}{parts.path}?{urlencode(query)}"


def test_put_read_delete(backend):
    backend.put(KEY, b"\xff\xd8 a photo", "image/jpeg")
    assert backend.read(KEY) == b"\xff\xd8 a photo"
    backend.put(KEY, b"replaced", "image/jpeg")
    assert backend.read(KEY) == b"replaced"
    backend.delete(KEY)
    with pytest.raises(StoredFileMissing):
        backend.read(KEY)
    backend.delete(KEY)  # deleting twice is harmless (a retried job)


def test_keys_the_app_did_not_make_are_refused(backend):
    for key in ("../../etc/passwd", "/need_photo/202612/abcdefghijklmnopqrstuvwx.jpg", "need_photo/x.jpg",
                "need_photo/202612/abcdefghijklmnopqrstuvwx.exe"):
        with pytest.raises(ValueError):
            backend.put(key, b"x", "image/jpeg")


def test_an_upload_is_stored_clean_and_its_url_serves_it(client, backend):
    answer = uploaded(client, make_user(), image_bytes((1200, 900), exif=gps_exif()))
    status, data = fetch_url(client, answer["url"])
    assert status == 200
    kept = Image.open(io.BytesIO(data))
    assert kept.size == (1200, 900) and not kept.getexif()
    row = db.session.get(Upload, answer["id"])
    assert backend.read(row.storage_key) == data


def test_forged_urls_are_refused(client, backend):
    answer = uploaded(client, make_user())
    url = answer["url"]
    signature = "signature" if backend.kind == "local" else "X-Amz-Signature"
    assert fetch_url(client, _tampered(url, **{signature: lambda s: ("0" if s[0] != "0" else "1") + s[1:]}))[0] == 403
    lifetime = "expires" if backend.kind == "local" else "X-Amz-Expires"
    assert fetch_url(client, _tampered(url, **{lifetime: lambda s: str(int(s) + 86400)}))[0] == 403
    assert fetch_url(client, url.split("?")[0])[0] in (403, 422)  # no signature at all


def test_a_url_stops_working_when_it_expires(client, backend):
    answer = uploaded(client, make_user())
    row = db.session.get(Upload, answer["id"])
    url = backend.signed_url(row.storage_key, 1)
    assert fetch_url(client, url)[0] == 200
    time.sleep(2.2)  # the URL's one second, and the store's clock granularity
    assert fetch_url(client, url)[0] == 403


def test_closing_the_account_deletes_the_bytes(client, backend):
    user = make_user()
    answer = uploaded(client, user)
    key = db.session.get(Upload, answer["id"]).storage_key
    client.post("/api/v1/me/close-account", json={"confirm": True}, headers=auth_headers(user))
    with pytest.raises(StoredFileMissing):
        backend.read(key)
    assert service.present_uploads([answer["id"]]) == []


def test_wrong_credentials_are_an_error_not_a_silent_loss(seaweedfs):
    wrong = s3_storage(seaweedfs, secret_key="not-the-secret")
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError):
        wrong.put(KEY, b"x", "image/jpeg")


def test_an_unreachable_object_store_is_a_503_and_leaves_no_row(app, client, monkeypatch):
    monkeypatch.setitem(app.extensions, "jusha_storage", S3Storage("photos", endpoint_url="http://127.0.0.1:9",
                                                                   access_key="a", secret_key="b"))
    from tests.files.conftest import upload

    response = upload(client, make_user(), image_bytes())
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "storage_unavailable"
    assert db.session.execute(db.select(db.func.count(Upload.id))).scalar() == 0


def test_storage_url_chooses_the_backend(tmp_path):
    settings = {"STORAGE_S3_ENDPOINT": "http://127.0.0.1:1", "STORAGE_S3_ACCESS_KEY": "a",
                "STORAGE_S3_SECRET_KEY": "b", "STORAGE_S3_REGION": "cn-hangzhou", "SECRET_KEY": "k"}
    s3 = build_storage({**settings, "STORAGE_URL": "s3://jusha-photos/prod"}, None)
    assert isinstance(s3, S3Storage) and (s3.bucket, s3.prefix) == ("jusha-photos", "prod/")
    assert s3.client.meta.region_name == "cn-hangzhou"
    local = build_storage({**settings, "STORAGE_URL": f"file://{tmp_path}"}, None)
    assert local.kind == "local" and local.root == tmp_path
    assert build_storage({**settings, "STORAGE_URL": str(tmp_path)}, None).root == tmp_path
