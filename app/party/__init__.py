"""Party members (党员): branches, declared and confirmed memberships,
在职党员报到 to the community where they live, and the party learning record
(学习档案) with the sections other areas contribute. docs/party.md."""


def init_app(app):
    from app import contributions, signals
    from app.party import privacy

    contributions.contribute(app, "personal_data", "party", privacy.my_party_data)
    signals.account_closed.connect(privacy.erase_party_data, sender=app)
