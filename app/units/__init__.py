"""The alliance's member units (共建单位): their profiles and history, what
they offer (资源清单 resources), the projects they lead (项目清单, with the
office's yearly mandatory projects), each unit's yearly fulfilment report and
the ranking, and the units' rating of communities (双向评价). docs/alliance-units.md"""


def init_app(app):
    from app.cli import jusha
    from app.units import cli

    cli.register(jusha)
