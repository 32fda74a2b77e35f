"""Exports: streamed downloads (app/exports/streaming.py) and export jobs,
big exports written by a background worker to the object store, with their
progress, for their requester to download (docs/exports.md)."""
