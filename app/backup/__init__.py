"""Backups that restore: ``flask jusha backup`` writes the database (one
consistent snapshot), every file of the object store and a manifest to a
folder or a bucket; ``flask jusha restore`` puts them into an empty database
and store and checks the result against the manifest (docs/backups.md)."""


def init_app(app):
    from app.backup import cli
    from app.cli import jusha

    cli.register(jusha)
