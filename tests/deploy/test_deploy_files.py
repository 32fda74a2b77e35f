"""deploy/ stays in step with the code: every setting in the environment
template, units that start the real scripts, a site the stack test can
derive, and a reload that brings up the new release whole."""
import re
import subprocess
import sys

from tests.deploy.stack import ROOT, SITE, derive_site

DEPLOY = ROOT / "deploy"
SETTING = re.compile(r"""(?:env\.get|_int|_float|_flag)\((?:env, )?"([A-Z][A-Z0-9_]+)"|env\["([A-Z][A-Z0-9_]+)"\]""")


def settings_read_by_config():
    text = (ROOT / "config" / "__init__.py").read_text(encoding="utf-8")
    return {a or b for a, b in SETTING.findall(text)}


def settings_read_by_scripts():
    names = set()
    for script in ("serve", "worker", "scheduler"):
        names |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+):-", (ROOT / "scripts" / script).read_text()))
    # BIND is set per unit, from JUSHA_BIND_HOST and the instance's port; TMPDIR is the system's own.
    return names - {"BIND", "TMPDIR"}


def test_the_environment_template_names_every_setting():
    template = (DEPLOY / "jusha.env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"(?m)^#?([A-Z][A-Z0-9_]+)=", template))
    wanted = settings_read_by_config() | settings_read_by_scripts()
    assert len(wanted) > 60
    assert sorted(wanted - listed) == []


def test_the_environment_template_holds_no_secret():
    template = (DEPLOY / "jusha.env.example").read_text(encoding="utf-8")
    for name in ("SECRET_KEY", "DATA_ENCRYPTION_KEY", "WECHAT_SECRET", "WECHAT_PUSH_TOKEN", "STORAGE_S3_SECRET_KEY"):
        assert re.search(rf"(?m)^{name}=$", template), f"{name} must be left empty"


def test_the_units_start_the_scripts_and_reload_gracefully():
    app_unit = (DEPLOY / "systemd" / "jusha-app@.service").read_text()
    assert "/srv/jusha/current/scripts/serve" in app_unit
    assert "ExecReload=/bin/kill -HUP $MAINPID" in app_unit
    assert "EnvironmentFile=/etc/jusha/jusha.env" in app_unit
    assert "scripts/worker" in (DEPLOY / "systemd" / "jusha-worker.service").read_text()
    assert "scripts/scheduler" in (DEPLOY / "systemd" / "jusha-scheduler.service").read_text()


def test_the_site_never_retries_a_post_and_keeps_capabilities_out_of_its_log():
    site = SITE.read_text(encoding="utf-8")
    assert re.search(r"(?m)^\s*proxy_next_upstream error timeout http_502 http_503;", site)
    assert "non_idempotent" not in re.sub(r"#[^\n]*", "", site)
    log_format = re.search(r"log_format jusha (.*?);", site, re.S).group(1)
    assert "$request_uri" not in log_format and "$http_referer" not in log_format and "$request " not in log_format
    for path in ("/projector/", "/api/v1/projector/", "/hall/projector/", "/api/v1/hall/projector/"):
        block = re.search(rf"location {re.escape(path)} \{{(.*?)\}}", site, re.S).group(1)
        assert "access_log off;" in block
    derived = derive_site(site, "/tmp/x", 8080, 8443, [9001, 9002])
    assert "10.0.0." not in derived and "server 127.0.0.1:9002 " in derived


def test_a_worker_forked_after_a_reload_imports_the_app_afresh():
    """The gunicorn master imported app and config (its logger class); a new
    worker forgets them, so it runs the release on disk now, not half the old one."""
    probe = (
        "import sys, app.gunicorn_logger, config\n"
        "from app.gunicorn_config import post_fork\n"
        "post_fork(None, None)\n"
        "left = [n for n in sys.modules if n.split('.')[0] in ('app', 'config')]\n"
        "assert not left, left\n"
        "import app\n"
        "assert callable(app.create_app)\n"
    )
    subprocess.run([sys.executable, "-c", probe], cwd=ROOT, check=True, timeout=120)
