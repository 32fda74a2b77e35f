"""The object store's files (app/files/storage.py), listed, copied out to a
backup folder and put back, whichever backend STORAGE_URL names. Only
files under a valid storage key are the app's (a half-written ``.part-``
file of the folder backend is not)."""
from pathlib import Path

from app.backup.manifest import file_entry, sha256_of_bytes
from app.files.storage import StoredFileMissing, valid_key

CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


def stored_keys(storage):
    if storage.kind == "local":
        root = Path(storage.root)
        keys = (path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()) \
            if root.is_dir() else ()
    else:
        pages = storage.client.get_paginator("list_objects_v2").paginate(Bucket=storage.bucket, Prefix=storage.prefix)
        keys = (item["Key"][len(storage.prefix):] for page in pages for item in page.get("Contents", ()))
    return sorted(key for key in keys if valid_key(key))


def copy_out(storage, folder, progress):
    """Copy every file into ``folder``/<key>; return {key: {sha256, bytes}}.
    A file deleted between the listing and its copy (an account closed
    meanwhile) is left out: its row is gone from a later backup too."""
    entries = {}
    with progress(stored_keys(storage), "复制对象存储文件") as keys:
        for key in keys:
            try:
                data = storage.read(key)
            except StoredFileMissing:
                continue
            path = Path(folder) / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            entries[key] = file_entry(path)
    return entries


def put_back(storage, folder, keys, progress):
    with progress(keys, "恢复对象存储文件") as each:
        for key in each:
            data = (Path(folder) / key).read_bytes()
            storage.put(key, data, CONTENT_TYPES.get(key.rsplit(".", 1)[-1], "application/octet-stream"))


def mismatched(storage, expected, progress):
    """Keys whose stored file is missing or differs from the manifest."""
    wrong = []
    with progress(sorted(expected), "核对恢复后的文件") as keys:
        for key in keys:
            try:
                data = storage.read(key)
            except StoredFileMissing:
                wrong.append(key)
                continue
            if sha256_of_bytes(data) != expected[key]["sha256"]:
                wrong.append(key)
    return wrong
