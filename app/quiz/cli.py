"""``flask jusha import-questions FILE.xlsx [--dry-run]``: load the question
bank from the lecture office's spreadsheet (app/quiz/importer.py), all or nothing."""
from pathlib import Path

import click
from flask.cli import with_appcontext

from app import audit
from app.extensions import db


def register(group):
    group.add_command(import_questions_command)


@click.command("import-questions")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check everything and say what would change; write nothing")
@with_appcontext
def import_questions_command(path, dry_run):
    """Import questions from an .xlsx file (columns in Chinese; see docs/quiz.md).
    Nothing is written when any row has an error; a question is found again by its 题干."""
    from app.quiz import importer

    try:
        summary = importer.apply(importer.read(path))
        if dry_run:
            db.session.rollback()
        else:
            audit.record("quiz.import_questions", actor_label="cli", detail={
                "file": path.name, "created": len(summary.created), "updated": len(summary.updated)})
            db.session.commit()
    except importer.ImportRefused as refused:
        db.session.rollback()
        for error in refused.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"{len(refused.errors)} 处错误，未导入任何题目（请修改后重新导入）") from None
    except Exception:
        db.session.rollback()
        raise
    prefix = "试导入（未写入）：" if dry_run else "导入完成："
    click.echo(f"{prefix}新增 {len(summary.created)} 题，更新 {len(summary.updated)} 题，未变 {len(summary.unchanged)} 题")
