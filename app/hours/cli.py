"""``flask jusha export-hours``: approved hours as XLSX for 志愿浙江, from a shell."""
import click

from app.extensions import db


def register(group):
    group.add_command(export_hours_command)


@click.command("export-hours")
@click.option("--from", "date_from", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="first service date, YYYY-MM-DD (China time)")
@click.option("--to", "date_to", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="last service date, YYYY-MM-DD (China time)")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, writable=True),
              help="the .xlsx file to write")
def export_hours_command(date_from, date_to, out_path):
    """Export approved volunteer hours as XLSX for import into 志愿浙江."""
    from app import audit
    from app.hours import export, rules

    date_from, date_to = date_from.date(), date_to.date()
    if date_from > date_to:
        raise click.BadParameter("--from is after --to")
    total_rows = export.count_rows(date_from, date_to)
    with click.progressbar(length=total_rows, label="导出志愿服务时长", show_pos=True) as bar:
        rows, minutes = export.write_workbook(out_path, date_from, date_to, progress=bar.update)
    audit.record("hours.export", actor_label="cli", detail={
        "from": date_from.isoformat(), "to": date_to.isoformat(), "rows": rows, "minutes": minutes})
    db.session.commit()
    click.echo(f"{rows} records, {rules.hours(minutes):g} hours -> {out_path}")
