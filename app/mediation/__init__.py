"""钱塘阿姨 mediation: a community's volunteer mediators (a squad), cases
with encrypted parties and notes, sessions, outcome and agreement PDF,
follow-up visits, statistics. Every read of a case is audited.
See docs/mediation.md."""


def init_app(app):
    from app.contributions import contribute
    from app.mediation.privacy import mediator_section

    contribute(app, "personal_data", "mediation", mediator_section)
