"""Taking a backup: the database, then the object store's files, then the
manifest that says what both hold."""
from datetime import datetime, timezone

from app.backup import locations, manifest, objects
from app.backup.engines import engine_of, module_for
from app.backup.progress import silent


def take_backup(config, storage, spec, progress=silent):
    """Write a backup of the app's database and ``storage`` to ``spec`` (a
    folder or s3://bucket/prefix); return its manifest."""
    database_uri = config["SQLALCHEMY_DATABASE_URI"]
    engine = engine_of(database_uri)
    started = datetime.now(timezone.utc)
    with locations.writing(spec, config, progress) as folder:
        dump_name = manifest.DATABASE_FILES[engine]
        revision, counts = module_for(database_uri).dump(database_uri, folder / dump_name)
        # After the dump: a file uploaded meanwhile is kept without its row
        # (harmless); one the dump's rows name was stored before the dump began.
        files = objects.copy_out(storage, folder / manifest.FILES_FOLDER, progress)
        contents = {
            "format": manifest.FORMAT,
            "created_at": started.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "app_version": manifest.app_version(),
            "schema_revision": revision,
            "database": {"engine": engine, "file": dump_name, **manifest.file_entry(folder / dump_name)},
            "tables": counts,
            "storage": {"kind": storage.kind},
            "files": files,
        }
        manifest.write(folder, contents)
    return contents
