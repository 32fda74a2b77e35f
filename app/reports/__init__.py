"""随手拍 → 工单: reports anyone signed in files (photos, category, place),
each a work order of the grid it lies in that may climb to the community
and the subdistrict office by hand or by deadline; the reporter follows,
rates and reopens it; figures per grid and community. See docs/reports.md."""


def init_app(app):
    from app import signals
    from app.reports import deadline_job  # noqa: F401  (declares the periodic job)
    from app.reports.personal import contribute_personal_data, forget_reporter

    signals.account_closed.connect(forget_reporter, sender=app)
    contribute_personal_data(app)
