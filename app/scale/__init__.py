"""District-scale data (issue 16): ``flask jusha seed-scale`` generates five
years of a whole district with COPY, and ``flask jusha explain-hot-queries``
shows the plans of the queries phones and organisers run most.

``POST_LOAD_STEPS`` are called after every table is loaded, before the
sequences are advanced and statistics gathered, each as ``step(conn, world)``
with the seeding psycopg connection (committed after each step) and the
generated ``app.scale.world.World``. Areas that keep derived data (running
hour totals, materialised views) append the step that rebuilds it.
"""
POST_LOAD_STEPS = []


def init_app(app):
    from app.cli import jusha
    from app.scale import cli

    cli.register(jusha)
