"""``flask jusha import-grids FILE.geojson --community <code or name>``:
load a community's grid boundaries (app/grids/importer.py), all or nothing,
with ``--dry-run``."""
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy.exc import IntegrityError

from app import audit
from app.extensions import db


def register(group):
    group.add_command(import_grids_command)


@click.command("import-grids")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--community", "community_text", required=True, help="the community's code or name")
@click.option("--dry-run", is_flag=True, help="check everything and say what would change; write nothing")
@with_appcontext
def import_grids_command(path, community_text, dry_run):
    """Import grid boundaries from a GeoJSON FeatureCollection (each feature a
    Polygon in GCJ-02 with a ``name`` and optional ``code`` property; see
    docs/grids-and-patrols.md). Nothing is written when any feature has an
    error; running it again redraws grids by name."""
    from app.grids import importer

    try:
        community = importer.find_community(community_text)
        features = importer.features_of(path)
        with click.progressbar(length=len(features), label="检查", show_pos=True) as bar:
            checked = importer.check(community, features, progress=bar.update)
        with click.progressbar(length=len(checked), label="导入" if not dry_run else "试导入", show_pos=True) as bar:
            summary = importer.apply(community, checked, progress=bar.update)
        if dry_run:
            db.session.rollback()
        else:
            audit.record("grid.import", actor_label="cli", detail={
                "file": path.name, "community_id": community.id, "created": len(summary.created),
                "updated": len(summary.updated)})
            db.session.commit()
    except importer.ImportRefused as refused:
        db.session.rollback()
        for error in refused.errors:
            click.echo(error, err=True)
        raise click.ClickException(f"{len(refused.errors)} 处错误，未导入任何网格（请修改后重新导入）") from None
    except IntegrityError:
        db.session.rollback()
        raise click.ClickException("网格编号与其他社区的网格重复，未导入任何网格（请修改 code 后重新导入）") from None
    except Exception:
        db.session.rollback()
        raise
    prefix = "试导入（未写入）：" if dry_run else "导入完成："
    click.echo(f"{prefix}{community.name} 新增 {len(summary.created)} 个网格，更新 {len(summary.updated)} 个，"
               f"未变 {len(summary.unchanged)} 个")
