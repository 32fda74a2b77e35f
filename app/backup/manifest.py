"""``manifest.json``: what a backup holds and how to tell it arrived whole.

Written last, so a backup cut short has none and is never restored. It names
the time, the app's version, the Alembic revision of the schema, the row count
of every table (taken in the dump's own snapshot) and the sha256 and size of
every file beside it (the database dump and each object-store file)."""
import hashlib
import json
from importlib import metadata
from pathlib import Path

from app.backup.errors import refused

NAME = "manifest.json"
FORMAT = 1
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
FILES_FOLDER = "files"  # object-store files, each under its storage key
CHUNK = 1024 * 1024


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_of_bytes(data):
    return hashlib.sha256(data).hexdigest()


def file_entry(path):
    return {"sha256": sha256_of(path), "bytes": Path(path).stat().st_size}


def app_version():
    try:
        return metadata.version("jusha")
    except metadata.PackageNotFoundError:
        return "unknown"


def write(folder, manifest):
    path = Path(folder) / NAME
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read(folder):
    path = Path(folder) / NAME
    if not path.is_file():
        raise refused(f"备份不完整：{folder} 中没有 {NAME}（备份可能中途失败），未做任何改动")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise refused(f"{NAME} 无法读取（{exc}），未做任何改动") from None
    if manifest.get("format") != FORMAT:
        raise refused(f"不认识的备份格式 {manifest.get('format')!r}（本程序读取格式 {FORMAT}），未做任何改动")
    return manifest


def checksum_problems(folder, manifest, progress):
    """Each file the manifest names that is missing or differs, as a line
    for the operator; an empty list when the backup is whole."""
    folder = Path(folder)
    expected = {manifest["database"]["file"]: manifest["database"]}
    expected.update({f"{FILES_FOLDER}/{key}": entry for key, entry in manifest["files"].items()})
    problems = []
    with progress(expected.items(), "校验备份文件") as entries:
        for name, entry in entries:
            path = folder / name
            if not path.is_file():
                problems.append(f"缺少文件 {name}")
            elif path.stat().st_size != entry["bytes"] or sha256_of(path) != entry["sha256"]:
                problems.append(f"文件 {name} 的校验和与清单不符（被改动或损坏）")
    return problems
