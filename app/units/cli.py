"""``flask jusha import-units FILE.xlsx``: load the office's spreadsheet of
units (app/units/importer.py), all or nothing, with ``--dry-run``."""
from pathlib import Path

import click
from flask.cli import with_appcontext

from app import audit
from app.extensions import db


def register(group):
    group.add_command(import_units_command)


@click.command("import-units")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check everything and say what would change; write nothing")
@with_appcontext
def import_units_command(path, dry_run):
    """Import member units from an .xlsx file (columns in Chinese; see docs/alliance-units.md).
    Nothing is written when any row has an error; running it again updates units by name."""
    from app.units import importer

    try:
        total = importer.count_rows(path)
        with click.progressbar(length=total, label="检查", show_pos=True) as bar:
            rows = importer.read(path, progress=bar.update)
        with click.progressbar(length=len(rows), label="导入" if not dry_run else "试导入", show_pos=True) as bar:
            summary = importer.apply(rows, progress=bar.update)
        if dry_run:
            db.session.rollback()
        else:
            audit.record("unit.import", actor_label="cli", detail={
                "file": path.name, "created": len(summary.created), "updated": len(summary.updated),
                "granted": len(summary.granted)})
            db.session.commit()
    except importer.ImportRefused as refused:
        db.session.rollback()
        for error in refused.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"{len(refused.errors)} 处错误，未导入任何单位（请修改后重新导入）") from None
    except Exception:
        db.session.rollback()
        raise
    for row, name, phone in summary.unknown_phones:
        click.echo(f"第 {row} 行「联系人手机号」：没有手机号为 {phone} 的用户，{name} 的联络人未授权（请其登录后由管理员授权）")
    for name, person in summary.granted:
        click.echo(f"授权：{person} 为 {name} 的联络人")
    prefix = "试导入（未写入）：" if dry_run else "导入完成："
    click.echo(f"{prefix}新增 {len(summary.created)} 家，更新 {len(summary.updated)} 家，"
               f"未变 {len(summary.unchanged)} 家，授权联络人 {len(summary.granted)} 人")
