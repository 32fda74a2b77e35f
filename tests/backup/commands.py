"""Running ``flask jusha backup`` and ``restore`` from a test, and what the
object store holds."""


def invoke(app, *args):
    """Run a ``flask jusha`` command of ``app``: its own app context, since
    the command would take the test's (the session app's) if one is pushed."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=["jusha", *args])


def take_backup(app, target):
    result = invoke(app, "backup", "--to", str(target))
    assert result.exit_code == 0, result.output
    return result


def restore(app, source, *extra):
    return invoke(app, "restore", "--from", str(source), *extra)


def stored_files(app):
    from app.backup.objects import stored_keys

    storage = app.extensions["jusha_storage"]
    return {key: storage.read(key) for key in stored_keys(storage)}


def small_world(client):
    """A few rows and one photo: enough for the refusals."""
    from tests.factories import make_volunteer
    from tests.files.conftest import uploaded

    uploaded(client, make_volunteer(name="备份志愿者"))
