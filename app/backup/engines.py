"""The database engine a DATABASE_URL names, and its module here."""
from app.backup import postgres, sqlite
from app.backup.errors import refused

MODULES = {"postgresql": postgres, "sqlite": sqlite}


def engine_of(database_uri):
    scheme = database_uri.split(":", 1)[0].split("+", 1)[0]
    engine = "postgresql" if scheme in ("postgresql", "postgres") else scheme
    if engine not in MODULES:
        raise refused(f"不支持的数据库 {scheme}：只支持 PostgreSQL 和 SQLite")
    return engine


def module_for(database_uri):
    return MODULES[engine_of(database_uri)]
