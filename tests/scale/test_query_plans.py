"""Issue 16: no hot query reads a big table whole.

On the small district each hot query (app/scale/hot_queries.py, the SQL the
app's own services send) is planned with sequential scans priced out
(``enable_seqscan = off``). At this size the planner rightly prefers a
sequential scan of a table of a few hundred pages, so real costs cannot tell
a cheap scan from a missing index; with scans priced out, a Seq Scan that is
left means no index can serve that access at all, which stays true at
district size. Queries that read a table whole on purpose (an export, a
notice to every volunteer) say so in ``full_scan_ok``.
"""
import pytest

from app.scale import hot_queries

pytestmark = pytest.mark.postgres_only


def test_no_hot_query_needs_a_sequential_scan_of_a_big_table(scale_ctx):
    found = hot_queries.big_table_seq_scans(seqscan=False)
    assert found == [], "\n\n".join(f"{name} #{number}: Seq Scan on {table}\n{sql}" for name, number, table, sql in found)


def test_every_hot_query_is_planned_from_the_apps_own_sql(scale_ctx):
    planned = {}
    for query, number, sql, plan in hot_queries.plans(json_format=True):
        planned.setdefault(query.name, []).append(sql)
        assert plan[0]["Plan"]["Node Type"]
    assert set(planned) == {query.name for query in hot_queries.HOT_QUERIES}
    assert any("INSERT INTO checkins" in sql for sql in planned["check-in"])  # planned, rolled back


def test_a_full_scan_allowance_names_a_big_table_and_says_why():
    for query in hot_queries.HOT_QUERIES:
        for table, why in query.full_scan_ok.items():
            assert table in hot_queries.BIG_TABLES and len(why) > 20, (query.name, table)
