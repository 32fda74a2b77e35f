from flask_smorest import Blueprint

from app.auth.permissions import current_user, login_required
from app.subscriptions import service, templates
from app.subscriptions.schemas import AnswersSchema, SubscriptionSchema, TemplateSchema

blp = Blueprint("subscriptions", __name__, url_prefix="/api/v1/subscriptions",
                description="One-time subscription messages: templates and what users allowed")


@blp.route("/templates", methods=["GET"])
@blp.response(200, TemplateSchema(many=True))
def list_templates():
    """The templates to pass to wx.requestSubscribeMessage, with each field's WeChat limits."""
    return [t.describe() for t in templates.all_templates()]


@blp.route("", methods=["POST"])
@login_required
@blp.arguments(AnswersSchema)
@blp.response(200, SubscriptionSchema(many=True))
def record_answers(body):
    """Record the user's answers; each accept allows one more message with that template."""
    return service.record_answers(current_user(), body["results"], body.get("request_id"))


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, SubscriptionSchema(many=True))
def mine():
    """What I allow: per template, how many messages I can still receive."""
    return service.subscriptions_of(current_user())
