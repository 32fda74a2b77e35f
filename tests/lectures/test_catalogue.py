"""The 宣讲团 and the catalogue: the office keeps them, everyone signed in reads them."""
from app.extensions import db
from app.models import Course
from tests.factories import auth_headers
from tests.files.conftest import image_bytes


def test_the_office_builds_a_course_with_every_kind_of_material(client, hall):
    office = auth_headers(hall.office)
    lecturer = client.post("/api/v1/lecturers", headers=office, json={
        "name": "顾敏行", "title": "退休老党员（党龄 52 年）", "topics": ["党史", "党史", "革命传统"],
        "member_unit_id": hall.unit.id, "user_id": hall.resident.id})
    assert lecturer.status_code == 201, lecturer.get_json()
    assert lecturer.get_json()["topics"] == ["党史", "革命传统"]
    assert lecturer.get_json()["member_unit_name"] == "下沙中学"
    course = client.post("/api/v1/courses", headers=office, json={
        "title": "从红船精神到浙江精神", "topic": "党史", "duration_minutes": 60,
        "lecturer_id": lecturer.get_json()["id"]}).get_json()
    path = f"/api/v1/courses/{course['id']}/materials"

    text = client.post(path, headers=office, json={"kind": "text", "title": "讲稿", "body": "红船" * 600})
    assert (text.status_code, text.get_json()["length_seconds"], text.get_json()["floor_seconds"]) == (201, 240, 192)
    http = client.post(path, headers=office, json={"kind": "audio", "title": "录音", "url": "http://a.cn/1.mp3",
                                                    "length_seconds": 600})
    assert http.status_code == 422 and "url" in http.get_json()["error"]["details"]["json"]
    no_length = client.post(path, headers=office, json={"kind": "video", "title": "录像", "url": "https://v.cn/1.mp4"})
    assert no_length.get_json()["error"]["details"]["json"] == {"length_seconds": ["音频、视频材料请填写时长（秒）"]}
    video = client.post(path, headers=office, json={"kind": "video", "title": "录像", "url": "https://v.cn/1.mp4",
                                                    "length_seconds": 40})
    assert video.get_json()["floor_seconds"] == 60  # never less than a minute
    upload = client.post("/api/v1/uploads", headers=office, query_string={"purpose": "course_material"},
                         data={"file": (__import__("io").BytesIO(image_bytes()), "slide.jpg")},
                         content_type="multipart/form-data").get_json()
    slides = client.post(path, headers=office, json={"kind": "attachment", "title": "课件", "photo_ids": [upload["id"]]})
    assert slides.status_code == 201 and slides.get_json()["photos"][0]["id"] == upload["id"]

    detail = client.get(f"/api/v1/courses/{course['id']}", headers=auth_headers(hall.member)).get_json()
    assert [m["kind_label"] for m in detail["materials"]] == ["图文", "视频", "附件"]
    assert detail["lecturer"]["user_id"] is None and detail["can_manage"] is False  # the account link is the office's


def test_only_the_office_and_admins_keep_the_catalogue(client, hall):
    body = {"title": "学习二十届三中全会精神", "topic": "理论学习", "duration_minutes": 90}
    for person in (hall.staff, hall.contact, hall.member):
        answer = client.post("/api/v1/courses", headers=auth_headers(person), json=body)
        assert answer.status_code == 403, person.name
    assert client.post("/api/v1/courses", headers=auth_headers(hall.admin), json=body).status_code == 201
    assert client.patch(f"/api/v1/courses/{hall.course.id}", headers=auth_headers(hall.staff),
                        json={"active": False}).status_code == 403
    stopped = client.patch(f"/api/v1/courses/{hall.course.id}", headers=auth_headers(hall.office), json={"active": False})
    assert stopped.status_code == 200
    listed = client.get("/api/v1/courses", headers=auth_headers(hall.member)).get_json()
    assert hall.course.id not in [c["id"] for c in listed["items"]] and listed["total"] == 1
    assert client.get(f"/api/v1/courses/{hall.course.id}", headers=auth_headers(hall.member)).status_code == 404
    assert client.get("/api/v1/courses").status_code == 401
    db.session.expire_all()
    assert db.session.get(Course, hall.course.id).active is False


def test_the_catalogue_filters_by_topic_and_lecturer(client, hall):
    headers = auth_headers(hall.resident)
    page = client.get("/api/v1/courses", headers=headers, query_string={"topic": "党史"}).get_json()
    assert [c["title"] for c in page["items"]] == [hall.course.title] and page["topics"] == ["党史"]
    other = client.get("/api/v1/courses", headers=headers, query_string={"lecturer_id": hall.lecturers[1].id})
    assert other.get_json()["total"] == 0
    people = client.get("/api/v1/lecturers", headers=headers).get_json()
    assert [p["name"] for p in people["items"]] == sorted(p.name for p in hall.lecturers)
