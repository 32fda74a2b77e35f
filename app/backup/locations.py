"""Where a backup lives: a folder, or ``s3://bucket/prefix`` in an
S3-compatible store (BACKUP_S3_* settings). Work always happens in a local
folder: a bucket's backup is staged in a temporary folder (TMPDIR; it needs
room for the whole backup) and uploaded at the end, manifest last, and
downloaded whole before a restore looks at it."""
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from app.backup.errors import refused
from app.backup.manifest import NAME as MANIFEST


def is_bucket(spec):
    return spec.startswith("s3://")


def _bucket_and_prefix(spec):
    parts = urlsplit(spec)
    if not parts.netloc:
        raise refused(f"备份位置 {spec!r} 缺少存储桶名：应为 s3://bucket/prefix")
    return parts.netloc, parts.path.strip("/")


def _client(config):
    from app.files.storage import make_s3_client

    return make_s3_client(config["BACKUP_S3_ENDPOINT"], config["BACKUP_S3_ACCESS_KEY"],
                          config["BACKUP_S3_SECRET_KEY"], config["BACKUP_S3_REGION"])


def _object_names(client, bucket, prefix):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/" if prefix else "")
    start = len(prefix) + 1 if prefix else 0
    return [item["Key"][start:] for page in pages for item in page.get("Contents", ())]


@contextmanager
def writing(spec, config, progress):
    """Yield an empty local folder to write the backup into; then make it
    the backup at ``spec``. Refuses a place that already holds anything:
    a backup is never mixed with another."""
    if not is_bucket(spec):
        folder = Path(spec)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise refused(f"备份目录 {folder} 已存在且不是空目录：请给每次备份一个新目录")
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    bucket, prefix = _bucket_and_prefix(spec)
    client = _client(config)
    if _object_names(client, bucket, prefix):
        raise refused(f"备份位置 {spec} 已有文件：请给每次备份一个新前缀")
    with tempfile.TemporaryDirectory(prefix="jusha-backup-") as staging:
        yield Path(staging)
        names = sorted(p.relative_to(staging).as_posix() for p in Path(staging).rglob("*") if p.is_file())
        names.remove(MANIFEST)  # last: a backup whose upload broke off has no manifest
        with progress(names + [MANIFEST], "上传备份") as each:
            for name in each:
                client.upload_file(str(Path(staging) / name), bucket, f"{prefix}/{name}" if prefix else name)


@contextmanager
def reading(spec, config, progress):
    """Yield a local folder holding the backup at ``spec``."""
    if not is_bucket(spec):
        folder = Path(spec)
        if not folder.is_dir():
            raise refused(f"备份目录 {folder} 不存在")
        yield folder
        return
    bucket, prefix = _bucket_and_prefix(spec)
    client = _client(config)
    names = _object_names(client, bucket, prefix)
    if not names:
        raise refused(f"备份位置 {spec} 没有任何文件")
    with tempfile.TemporaryDirectory(prefix="jusha-restore-") as staging:
        with progress(names, "下载备份") as each:
            for name in each:
                target = Path(staging) / name
                if not target.resolve().is_relative_to(Path(staging).resolve()):
                    raise refused(f"备份中的对象名 {name!r} 指向备份目录之外，未做任何改动")
                target.parent.mkdir(parents=True, exist_ok=True)
                client.download_file(bucket, f"{prefix}/{name}" if prefix else name, str(target))
        yield Path(staging)
