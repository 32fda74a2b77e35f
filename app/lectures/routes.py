"""聚沙讲堂's API: the 宣讲团, the course catalogue and its materials, course
orders (点课 / 送学) and online learning. Handlers parse, ask, call, shape."""
from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required
from app.lectures import catalogue, learning, orders, views
from app.lectures.schemas import (
    CourseCreateSchema,
    CourseDetailSchema,
    CourseListArgs,
    CoursePageSchema,
    CoursePatchSchema,
    HeartbeatSchema,
    LearningStateSchema,
    LecturerCreateSchema,
    LecturerListArgs,
    LecturerPageSchema,
    LecturerPatchSchema,
    LecturerSchema,
    MaterialCreateSchema,
    MaterialPatchSchema,
    MaterialSchema,
    OrderConfirmSchema,
    OrderCreateSchema,
    OrderListArgs,
    OrderPageSchema,
    OrderSchema,
    OrderReasonSchema,
)

blp = Blueprint("lectures", __name__, url_prefix="/api/v1",
                description="聚沙讲堂: lecturers (宣讲团), courses and materials, course orders (点课/送学) "
                            "that become shared lectures (共享党课), online learning")


# --- the 宣讲团 -----------------------------------------------------------------------------------------------

@blp.route("/lecturers", methods=["GET"])
@login_required
@blp.arguments(LecturerListArgs, location="query")
@blp.response(200, LecturerPageSchema)
def list_lecturers(args):
    """The lecturers' group, by name."""
    user = current_user()
    return views.lecturer_page(catalogue.list_lecturers(user, args), user)


@blp.route("/lecturers", methods=["POST"])
@login_required
@blp.arguments(LecturerCreateSchema)
@blp.response(201, LecturerSchema)
def create_lecturer(body):
    """Add a lecturer (the lecture office)."""
    user = current_user()
    return views.lecturer(catalogue.add_lecturer(user, body), user)


@blp.route("/lecturers/<int:lecturer_id>", methods=["GET"])
@login_required
@blp.response(200, LecturerSchema)
def get_lecturer(lecturer_id):
    user = current_user()
    return views.lecturer(catalogue.get_lecturer(lecturer_id), user)


@blp.route("/lecturers/<int:lecturer_id>", methods=["PATCH"])
@login_required
@blp.arguments(LecturerPatchSchema)
@blp.response(200, LecturerSchema)
def update_lecturer(changes, lecturer_id):
    """Edit a lecturer, or stop them (active=false) (the lecture office)."""
    user = current_user()
    return views.lecturer(catalogue.update_lecturer(user, lecturer_id, changes), user)


# --- courses and materials -------------------------------------------------------------------------------------

@blp.route("/courses", methods=["GET"])
@login_required
@blp.arguments(CourseListArgs, location="query")
@blp.response(200, CoursePageSchema)
def list_courses(args):
    """The course catalogue, newest first, with every topic for the filter."""
    user = current_user()
    return views.course_page(catalogue.list_courses(user, args), user, catalogue.topics())


@blp.route("/courses", methods=["POST"])
@login_required
@blp.arguments(CourseCreateSchema)
@blp.response(201, CourseDetailSchema)
def create_course(body):
    """Add a course to the catalogue (the lecture office)."""
    user = current_user()
    return views.course_detail(catalogue.add_course(user, body), user)


@blp.route("/courses/<int:course_id>", methods=["GET"])
@login_required
@blp.response(200, CourseDetailSchema)
def get_course(course_id):
    """A course with its materials and my progress on each."""
    user = current_user()
    return views.course_detail(catalogue.get_course(course_id), user)


@blp.route("/courses/<int:course_id>", methods=["PATCH"])
@login_required
@blp.arguments(CoursePatchSchema)
@blp.response(200, CourseDetailSchema)
def update_course(changes, course_id):
    """Edit a course, or take it off the catalogue (active=false) (the lecture office)."""
    user = current_user()
    return views.course_detail(catalogue.update_course(user, course_id, changes), user)


@blp.route("/courses/<int:course_id>/materials", methods=["POST"])
@login_required
@blp.arguments(MaterialCreateSchema)
@blp.response(201, MaterialSchema)
def create_material(body, course_id):
    """Add a material: text (kept here), an https audio or video link, or
    attachments (images uploaded with purpose course_material)."""
    return views.material(catalogue.add_material(current_user(), course_id, body))


@blp.route("/course-materials/<int:material_id>", methods=["PATCH"])
@login_required
@blp.arguments(MaterialPatchSchema)
@blp.response(200, MaterialSchema)
def update_material(changes, material_id):
    """Edit a material, or withdraw it (active=false); counted time stays."""
    return views.material(catalogue.update_material(current_user(), material_id, changes))


# --- course orders (点课 / 送学) ---------------------------------------------------------------------------------

@blp.route("/course-orders", methods=["GET"])
@login_required
@blp.arguments(OrderListArgs, location="query")
@blp.response(200, OrderPageSchema)
def list_orders(args):
    """Orders I may see: my communities' and units', or all for the office."""
    user = current_user()
    return views.order_page(orders.list_orders(user, args), user)


@blp.route("/course-orders", methods=["POST"])
@login_required
@blp.arguments(OrderCreateSchema)
@blp.response(201, OrderSchema)
def create_order(body):
    """Order a course (点课 / 送学) for a community (its staff) or a member
    unit (its contact) at a time, place and audience."""
    user = current_user()
    return views.order(orders.place_order(user, body), user)


@blp.route("/course-orders/<int:order_id>", methods=["GET"])
@login_required
@blp.response(200, OrderSchema)
def get_order(order_id):
    user = current_user()
    return views.order(orders.get_visible(user, order_id), user)


@blp.route("/course-orders/<int:order_id>/confirm", methods=["POST"])
@login_required
@blp.arguments(OrderConfirmSchema)
@blp.response(200, OrderSchema)
def confirm_order(body, order_id):
    """Confirm with a lecturer (the lecture office): publishes the shared
    lecture (共享党课) event hosted by the orderer. 409 lecturer_busy when
    the lecturer already gives a lecture at that time."""
    user = current_user()
    return views.order(orders.confirm(user, order_id, body), user)


@blp.route("/course-orders/<int:order_id>/decline", methods=["POST"])
@login_required
@blp.arguments(OrderReasonSchema)
@blp.response(200, OrderSchema)
def decline_order(body, order_id):
    """Decline, saying why (the lecture office)."""
    user = current_user()
    return views.order(orders.decline(user, order_id, body["reason"]), user)


@blp.route("/course-orders/<int:order_id>/cancel", methods=["POST"])
@login_required
@blp.arguments(OrderReasonSchema)
@blp.response(200, OrderSchema)
def cancel_order(body, order_id):
    """Withdraw an order before it is confirmed (the orderer)."""
    user = current_user()
    return views.order(orders.cancel(user, order_id, body["reason"]), user)


# --- online learning ------------------------------------------------------------------------------------------

@blp.route("/course-materials/<int:material_id>/learning-sessions", methods=["POST"])
@login_required
@blp.response(201, LearningStateSchema)
def start_learning(material_id):
    """Open a learning session as the material's page shows (party members)."""
    return learning.start(current_user(), material_id)


@blp.route("/learning-sessions/<int:session_id>/heartbeats", methods=["POST"])
@login_required
@blp.arguments(HeartbeatSchema)
@blp.response(200, LearningStateSchema)
def heartbeat(body, session_id):
    """A visible page's heartbeat: counts the real time since the last one
    (at most cap_seconds); a repeated seq counts nothing."""
    return learning.beat(current_user(), session_id, body["seq"])
