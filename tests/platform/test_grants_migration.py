"""Migration 0009 carries today's access over exactly: admins stay admins,
each organiser scope becomes an organiser grant with who gave it and when,
and going back restores roles and scopes from the live grants."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import MIGRATIONS_DIR, create_app
from app.extensions import db
from tests.support.databases import throwaway_database

T0 = "2026-01-05 08:00:00"


def _rows(sql):
    return [tuple(r) for r in db.session.execute(text(sql)).all()]


def test_roles_and_scopes_become_grants_and_back(app_env, tmp_path):
    with throwaway_database(tmp_path) as url:
        app = create_app(env=dict(app_env, DATABASE_URL=url))
        with app.app_context():
            upgrade(directory=MIGRATIONS_DIR, revision="0008")
            db.session.execute(text(
                "INSERT INTO communities (id, name, code, created_at, updated_at) VALUES "
                f"(1, '铭和社区', 'minghe', '{T0}', '{T0}'), (2, '柠檬社区', 'ningmeng', '{T0}', '{T0}')"))
            db.session.execute(text(
                "INSERT INTO member_units (id, name, level, created_at, updated_at) "
                f"VALUES (1, '下沙中学', 'subdistrict', '{T0}', '{T0}')"))
            people = [(1, "admin"), (2, "organiser"), (3, "volunteer"), (4, "resident"), (5, "organiser")]
            for uid, role in people:
                db.session.execute(text(
                    "INSERT INTO users (id, openid, role, is_active, created_at, updated_at) "
                    f"VALUES ({uid}, 'o{uid}', '{role}', true, '{T0}', '{T0}')"))
            scopes = [(1, 2, 1, None, 1), (2, 2, None, 1, 1), (3, 4, 2, None, 1), (4, 1, 2, None, None),
                      (5, 5, 1, None, 1)]
            for sid, uid, community, unit, by in scopes:
                db.session.execute(text(
                    "INSERT INTO organiser_scopes (id, user_id, community_id, member_unit_id, granted_by_id, "
                    f"created_at) VALUES ({sid}, {uid}, {community or 'NULL'}, {unit or 'NULL'}, {by or 'NULL'}, "
                    f"'{T0}')"))
            db.session.commit()

            upgrade(directory=MIGRATIONS_DIR, revision="0009")
            grants = _rows("SELECT user_id, role, scope_kind, scope_id, granted_by_id FROM role_grants "
                           "ORDER BY user_id, role, scope_kind")
            assert sorted(grants, key=str) == sorted([
                (1, "admin", "subdistrict", None, None),
                (1, "organiser", "community", 2, None),       # an admin's dormant scope stays theirs
                (2, "organiser", "community", 1, 1),
                (2, "organiser", "member_unit", 1, 1),
                (5, "organiser", "community", 1, 1),
            ], key=str)                                      # user 4 (resident) had a scope not in force
            db.session.commit()

            downgrade(directory=MIGRATIONS_DIR, revision="0008")
            assert _rows("SELECT id, role FROM users ORDER BY id") == [
                (1, "admin"), (2, "organiser"), (3, "resident"), (4, "resident"), (5, "organiser")]
            assert sorted(_rows("SELECT user_id, community_id, member_unit_id FROM organiser_scopes"), key=str) == \
                sorted([(1, 2, None), (2, 1, None), (2, None, 1), (5, 1, None)], key=str)
            db.session.remove()
            db.engine.dispose()
