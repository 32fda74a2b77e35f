"""``flask jusha backup`` and ``flask jusha restore`` (docs/backups.md)."""
import sys

import click
from flask import current_app

from app.backup.errors import BackupError


def register(group):
    group.add_command(backup_command)
    group.add_command(restore_command)


def _fail(error):
    click.echo(f"错误：{error.message}", err=True)
    sys.exit(error.exit_code)


def _unreachable():
    """What the database or the object store raises when it cannot be
    reached or refuses: told as one line, not a traceback."""
    import psycopg
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    return psycopg.Error, Boto3Error, BotoCoreError, ClientError, OSError


@click.command("backup")
@click.option("--to", "target", required=True, metavar="DIR|s3://BUCKET/PREFIX",
              help="a new (or empty) folder, or a bucket prefix with nothing under it")
def backup_command(target):
    """Back up the database (one consistent snapshot), every object-store file and a manifest."""
    from app.backup.progress import bar
    from app.backup.taking import take_backup

    try:
        contents = take_backup(current_app.config, current_app.extensions["jusha_storage"], target, progress=bar)
    except BackupError as error:
        _fail(error)
    except _unreachable() as error:
        _fail(BackupError(f"备份失败（{type(error).__name__}: {error}）；目标位置中的内容不完整，没有 manifest.json"))
    rows = sum(contents["tables"].values())
    click.echo(f"备份完成：{target}\n  时间 {contents['created_at']}，应用版本 {contents['app_version']}，"
               f"架构版本 {contents['schema_revision']}\n  {contents['database']['engine']} 数据库 "
               f"{len(contents['tables'])} 张表 {rows} 行（{contents['database']['bytes']} 字节），"
               f"文件 {len(contents['files'])} 个")


@click.command("restore")
@click.option("--from", "source", required=True, metavar="DIR|s3://BUCKET/PREFIX", help="a backup's place")
@click.option("--database-url", default=None,
              help="the empty database to restore into (default: this app's DATABASE_URL)")
def restore_command(source, database_url):
    """Restore a backup into an empty database and this app's object store, then verify it."""
    from app.backup.progress import bar
    from app.backup.restoring import restore_backup
    from config import database_uri

    target = database_uri(database_url) if database_url else current_app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        report = restore_backup(current_app.config, current_app.extensions["jusha_storage"], source, target,
                                progress=bar)
    except BackupError as error:
        _fail(error)
    except _unreachable() as error:
        _fail(BackupError(f"恢复失败（{type(error).__name__}: {error}）"))
    contents = report.manifest
    click.echo(f"已恢复备份 {source}（{contents['created_at']}，应用版本 {contents['app_version']}，"
               f"架构版本 {contents['schema_revision']}）\n  数据库 {report.tables} 张表 {report.rows} 行，"
               f"文件 {report.files} 个")
    if not report.ok:
        click.echo("恢复结果与清单不符：\n  " + "\n  ".join(report.mismatches), err=True)
        sys.exit(1)
    click.echo("  核对通过：架构版本、每张表的行数和每个文件的校验和都与清单一致")
