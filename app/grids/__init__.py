"""Grids (网格) of each community: boundaries, the grid a location lies in,
their leaders and workers, and the GeoJSON import. docs/grids-and-patrols.md"""


def init_app(app):
    from app.cli import jusha
    from app.grids import cli

    cli.register(jusha)
