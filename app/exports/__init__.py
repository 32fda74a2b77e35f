"""Exports: streamed downloads (app/exports/streaming.py) and export jobs,
big exports written by a background worker to the object store, with their
progress, for their requester to download (docs/exports.md)."""


def init_app(app):
    from app.exports import tasks  # noqa: F401  (declare the queued job and the clean-up)
