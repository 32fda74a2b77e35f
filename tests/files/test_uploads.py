"""POST /api/v1/uploads: what a resident's phone sends, what is kept, and
what is refused."""
import io

from PIL import Image

from app.extensions import db
from app.models import Upload
from tests.factories import make_user
from tests.files.conftest import fetch, gps_exif, image_bytes, upload, uploaded


def test_a_photo_is_stored_and_served_through_its_signed_url(client, stored_bytes):
    user = make_user()
    answer = uploaded(client, user, image_bytes((800, 600)))
    assert set(answer) == {"id", "url", "width", "height", "check_status"}
    assert (answer["width"], answer["height"], answer["check_status"]) == (800, 600, "pending")
    response = fetch(client, answer["url"])
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.data == stored_bytes(answer["id"])
    row = db.session.get(Upload, answer["id"])
    assert (row.owner_id, row.purpose, row.content_type, row.size) == (user.id, "need_photo", "image/jpeg",
                                                                          len(response.data))


def test_gps_and_every_other_exif_tag_are_gone(client, stored_bytes):
    original = image_bytes(exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825), "the test photo carries GPS"
    answer = uploaded(client, make_user(), original)
    kept = Image.open(io.BytesIO(stored_bytes(answer["id"])))
    assert not kept.getexif() and "exif" not in kept.info
    assert b"Xiaomi" not in stored_bytes(answer["id"])


def test_the_photo_is_turned_upright_before_its_exif_goes(client, stored_bytes):
    # Orientation 6: the camera held sideways; viewers rotate 90° clockwise.
    answer = uploaded(client, make_user(), image_bytes((400, 300), exif=gps_exif(orientation=6)))
    assert (answer["width"], answer["height"]) == (300, 400)
    assert Image.open(io.BytesIO(stored_bytes(answer["id"]))).size == (300, 400)


def test_large_photos_are_scaled_down_to_2048_pixels(client):
    answer = uploaded(client, make_user(), image_bytes((4096, 1024), quality=50))
    assert (answer["width"], answer["height"]) == (2048, 512)


def test_png_with_transparency_stays_png_and_webp_is_taken(client, stored_bytes):
    user = make_user()
    png = uploaded(client, user, image_bytes(mode="RGBA", color=(0, 0, 0, 0), image_format="PNG"))
    assert Image.open(io.BytesIO(stored_bytes(png["id"]))).format == "PNG"
    webp = uploaded(client, user, image_bytes(image_format="WEBP"))
    assert Image.open(io.BytesIO(stored_bytes(webp["id"]))).format == "JPEG"


def test_the_type_comes_from_the_bytes_not_the_name(client):
    user = make_user()
    response = upload(client, user, b"%PDF-1.7\n" + b"x" * 2000, filename="photo.jpg", content_type="image/jpeg")
    assert response.status_code == 415
    assert response.get_json()["error"] == {"code": "upload_type_unsupported",
                                            "message": "只能上传 JPEG、PNG 或 WebP 格式的图片"}
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    assert upload(client, user, gif.getvalue()).status_code == 415
    # A real JPEG under a wrong name and type is taken.
    response = upload(client, user, image_bytes(), filename="document.pdf", content_type="application/pdf")
    assert response.status_code == 201


def test_a_truncated_image_is_refused_in_chinese(client):
    noise = Image.effect_noise((400, 400), 100).convert("RGB")
    out = io.BytesIO()
    noise.save(out, format="JPEG")
    response = upload(client, make_user(), out.getvalue()[:len(out.getvalue()) // 2])
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "image_unreadable"


def test_an_oversized_file_is_413_in_chinese(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 20_000)
    noise = Image.effect_noise((400, 400), 100).convert("RGB")
    out = io.BytesIO()
    noise.save(out, format="PNG")
    assert len(out.getvalue()) > 20_000
    response = upload(client, make_user(), out.getvalue())
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error["code"] == "upload_too_large" and "MB" in error["message"]
    assert db.session.execute(db.select(db.func.count(Upload.id))).scalar() == 0


def test_a_body_past_the_upload_limit_is_refused_before_it_is_read(client):
    # Over UPLOAD_MAX_BYTES (8 MiB) and its envelope: the gate refuses by Content-Length.
    response = upload(client, make_user(), b"\xff\xd8" + b"\0" * (8 * 1024 * 1024 + 70 * 1024))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "upload_too_large"


def test_uploading_needs_a_login_a_file_and_a_known_purpose(client):
    user = make_user()
    anonymous = client.post("/api/v1/uploads?purpose=need_photo", content_type="multipart/form-data",
                            data={"file": (io.BytesIO(image_bytes()), "a.jpg")})
    assert anonymous.status_code == 401
    assert upload(client, user, image_bytes(), purpose="selfie").status_code == 422
    from tests.factories import auth_headers

    no_file = client.post("/api/v1/uploads?purpose=need_photo", headers=auth_headers(user),
                          data={"other": "x"}, content_type="multipart/form-data")
    assert no_file.status_code == 422
    assert "file" in no_file.get_json()["error"]["details"]["files"]
