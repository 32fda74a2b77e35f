"""Restoring a backup into an empty database and the object store, then
checking the result against the manifest.

Nothing is touched until the target database is known to be empty and every
file of the backup matches its checksum."""
from dataclasses import dataclass, field

from app.backup import locations, manifest, objects
from app.backup.engines import engine_of, module_for
from app.backup.errors import refused
from app.backup.progress import silent
from app.files.storage import valid_key


@dataclass
class RestoreReport:
    manifest: dict
    tables: int = 0
    rows: int = 0
    files: int = 0
    mismatches: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.mismatches


def restore_backup(config, storage, spec, database_uri, progress=silent):
    """Restore the backup at ``spec`` into ``database_uri`` and ``storage``."""
    database = module_for(database_uri)
    occupied = database.occupied_tables(database_uri)
    if occupied:
        shown = "、".join(occupied[:5]) + (" 等" if len(occupied) > 5 else "")
        raise refused(f"目标数据库不是空的（已有 {len(occupied)} 张表：{shown}），未做任何改动。"
                      "请恢复到一个新建的空数据库。")
    with locations.reading(spec, config, progress) as folder:
        contents = manifest.read(folder)
        _check_engine(contents, database_uri)
        bad_keys = [key for key in contents["files"] if not valid_key(key)]
        if bad_keys:
            raise refused(f"清单中有不合法的文件名 {bad_keys[0]!r}，未做任何改动")
        problems = manifest.checksum_problems(folder, contents, progress)
        if problems:
            raise refused("备份校验失败，未做任何改动：\n  " + "\n  ".join(problems))

        database.restore(database_uri, folder / contents["database"]["file"])
        objects.put_back(storage, folder / manifest.FILES_FOLDER, sorted(contents["files"]), progress)
    return _verified(contents, database, database_uri, storage, progress)


def _check_engine(contents, database_uri):
    source, target = contents["database"]["engine"], engine_of(database_uri)
    if source != target:
        raise refused(f"这是 {source} 数据库的备份，不能恢复到 {target} 数据库，未做任何改动")


def _verified(contents, database, database_uri, storage, progress):
    report = RestoreReport(contents, files=len(contents["files"]))
    revision, counts = database.counts_and_revision(database_uri)
    if revision != contents["schema_revision"]:
        report.mismatches.append(f"数据库架构版本为 {revision}，清单为 {contents['schema_revision']}")
    for table, expected in sorted(contents["tables"].items()):
        found = counts.get(table)
        if found != expected:
            report.mismatches.append(f"表 {table}：恢复后 {found if found is not None else '缺失'} 行，清单为 {expected} 行")
    for table in sorted(set(counts) - set(contents["tables"])):
        report.mismatches.append(f"表 {table} 不在清单中")
    for key in objects.mismatched(storage, contents["files"], progress):
        report.mismatches.append(f"文件 {key} 恢复后缺失或与清单不符")
    report.tables, report.rows = len(counts), sum(counts.values())
    return report
