"""Uploads fixtures: images made with Pillow (one carrying GPS in its EXIF),
and uploading them as the mini-program's wx.uploadFile does."""
import io
from fractions import Fraction

import pytest
from PIL import Image

from app.files import service
from tests.factories import auth_headers

# A spot in Xiasha: what a phone camera writes into a photo's EXIF.
GPS_LATITUDE = (Fraction(30), Fraction(18), Fraction(3125, 100))
GPS_LONGITUDE = (Fraction(120), Fraction(20), Fraction(15))


def image_bytes(size=(640, 480), color=(200, 60, 40), image_format="JPEG", exif=None, mode="RGB", **save):
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    if exif is not None:
        save["exif"] = exif
    image.save(out, format=image_format, **save)
    return out.getvalue()


def gps_exif(orientation=None):
    exif = Image.Exif()
    exif[0x010F] = "Xiaomi"  # Make
    exif[0x0110] = "Redmi Note 12"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)  # GPSInfo
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LATITUDE, "E", GPS_LONGITUDE
    return exif


def upload(client, user, data, purpose="need_photo", filename="photo.jpg", content_type="image/jpeg"):
    return client.post(f"/api/v1/uploads?purpose={purpose}", headers=auth_headers(user),
                       data={"file": (io.BytesIO(data), filename, content_type)},
                       content_type="multipart/form-data")


def uploaded(client, user, data=None, purpose="need_photo"):
    response = upload(client, user, data or image_bytes(), purpose=purpose)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def fetch(client, url):
    """GET a signed URL of the local backend through the test client."""
    path = url.split("://", 1)[1].split("/", 1)[1]
    return client.get("/" + path)


@pytest.fixture()
def stored_bytes(app):
    def read(upload_id):
        from app.extensions import db
        from app.models import Upload

        with app.app_context():
            row = db.session.get(Upload, upload_id)
            return service.storage().read(row.storage_key)

    return read


# -- the storage backends: the app's folder, and SeaweedFS over S3 ------------------

S3_BUCKET = "jusha-uploads"


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    """A real S3-compatible server for the session (started on first use)."""
    from app.files.storage import make_s3_client
    from tests.support.seaweedfs import running_seaweedfs

    with running_seaweedfs(tmp_path_factory.mktemp("seaweedfs")) as server:
        make_s3_client(server.endpoint, server.access_key, server.secret_key, "us-east-1").create_bucket(
            Bucket=S3_BUCKET)
        yield server


def s3_storage(server, secret_key=None):
    from app.files.storage import S3Storage

    return S3Storage(S3_BUCKET, prefix="tests", endpoint_url=server.endpoint, access_key=server.access_key,
                     secret_key=secret_key or server.secret_key)


@pytest.fixture(params=["local", "s3"])
def backend(request, app):
    """Each test that takes this runs on the app's folder and on SeaweedFS:
    the app's storage is swapped for the test's length."""
    if request.param == "local":
        yield app.extensions["jusha_storage"]
        return
    original = app.extensions["jusha_storage"]
    app.extensions["jusha_storage"] = s3_storage(request.getfixturevalue("seaweedfs"))
    try:
        yield app.extensions["jusha_storage"]
    finally:
        app.extensions["jusha_storage"] = original


def fetch_url(client, url):
    """(status, bytes) of a signed URL: the app's own route through the test
    client, an object store's presigned URL over HTTP."""
    if "/api/v1/files/" in url:
        response = fetch(client, url)
        return response.status_code, response.data
    import requests

    response = requests.get(url, timeout=10)
    return response.status_code, response.content
