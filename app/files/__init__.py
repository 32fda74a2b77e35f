"""Photos and files: one storage interface (a folder or an S3-compatible
object store), uploads re-encoded without metadata, WeChat's media check,
short-lived signed URLs (docs/files.md)."""
from app import signals


def init_app(app):
    from app import request_body
    from app.errors import APIError
    from app.files import media_check, service
    from app.files.routes import FILE_ROUTE
    from app.files.storage import build_storage, local_url_builder

    app.extensions["jusha_storage"] = build_storage(
        app.config, local_url_builder(lambda: app.config["PUBLIC_BASE_URL"], FILE_ROUTE))
    # The multipart envelope around the image takes a few hundred bytes more.
    limit = app.config["UPLOAD_MAX_BYTES"]
    request_body.allow_larger_body(app, "files.upload", limit + 64 * 1024,
                                   APIError("upload_too_large", service.max_bytes_message(limit)))
    signals.account_closed.connect(service.delete_uploads_of, sender=app)
    signals.wechat_event_pushed.connect(media_check.on_pushed_event, sender=app)
