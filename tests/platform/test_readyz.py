"""/readyz names the dependency that is down, with a short reason; 503 then."""
import socket

from botocore.stub import Stubber

from app import create_app
from app.files.storage import LocalStorage, S3Storage, StorageUnavailable, make_s3_client
from app.redis_breaker import make_redis_client


def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    return port


def test_every_dependency_ok(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["failing"] == []
    assert body["dependencies"] == {"database": {"status": "ok"}, "redis": {"status": "ok"},
                                    "storage": {"status": "ok"}}


def test_redis_that_does_not_answer(app, client, monkeypatch):
    monkeypatch.setitem(app.extensions, "jusha_redis",
                        make_redis_client(f"redis://127.0.0.1:{closed_port()}/0", 0.2))
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failing"] == ["redis"]
    assert body["dependencies"]["redis"] == {"status": "unavailable", "reason": "ConnectionError"}
    assert body["checks"] == {"database": "ok", "redis": "unavailable"}


def test_storage_folder_that_cannot_be_written(app, client, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    storage = app.extensions["jusha_storage"]
    monkeypatch.setitem(app.extensions, "jusha_storage",
                        LocalStorage(blocker / "uploads", "secret", storage._url_for_key))
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failing"] == ["storage"]
    assert body["dependencies"]["storage"] == {"status": "unavailable", "reason": "not a folder"}


def test_a_folder_made_by_the_first_upload_is_ready(tmp_path):
    LocalStorage(tmp_path / "not-yet" / "uploads", "secret", None).check_ready()


def test_a_bucket_that_is_missing():
    client = make_s3_client("http://127.0.0.1:9", "key", "secret", "us-east-1", quick=True)
    storage = S3Storage("photos", client=client)
    with Stubber(client) as stub:
        stub.add_client_error("head_bucket", service_error_code="404", http_status_code=404)
        try:
            storage.check_ready()
        except StorageUnavailable as exc:
            assert str(exc) == "bucket not found"
        else:
            raise AssertionError("a missing bucket is not ready")


def test_a_database_that_does_not_answer(app_env):
    down = create_app(env={**app_env, "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{closed_port()}/jusha"})
    response = down.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failing"] == ["database"]
    assert body["dependencies"]["database"] == {"status": "unavailable", "reason": "OperationalError"}
