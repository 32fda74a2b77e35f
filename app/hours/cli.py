"""``flask jusha export-hours``: approved hours as XLSX for 志愿浙江, from a shell;
``flask jusha check-hours-totals``: the running totals against the ledger."""
import click

from app.extensions import db


def register(group):
    group.add_command(export_hours_command)
    group.add_command(check_hours_totals_command)


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


def _describe(mismatch):
    def shown(values):
        if values is None:
            return "no row"
        return "row" if values == () else "/".join(str(v) for v in values)
    key = ",".join(str(k) for k in mismatch.key)
    return f"{mismatch.table} ({key}): stored {shown(mismatch.stored)}, ledger {shown(mismatch.ledger)}"


@click.command("check-hours-totals")
@click.option("--repair", is_flag=True, help="rebuild every running total from the ledger when any differs")
def check_hours_totals_command(repair):
    """Compare the running hour totals with the ledger's sums; exit 1 on any difference."""
    from app.hours.totals_rebuild import check_totals, rebuild_totals

    report = check_totals()
    db.session.rollback()  # end the read transaction before a rebuild locks the tables
    if not report.count:
        click.echo("hours totals: every total equals the ledger's sum")
        return
    for mismatch in report.mismatches:
        click.echo(_describe(mismatch))
    if report.count > len(report.mismatches):
        click.echo(f"... and {report.count - len(report.mismatches)} more")
    click.echo(f"hours totals: {report.count} differ from the ledger (columns minutes/records[/volunteers])")
    if repair:
        rebuild_totals()
        after = check_totals()
        click.echo("rebuilt from the ledger" + ("" if not after.count else f"; {after.count} still differ"))
        if not after.count:
            return
    raise SystemExit(1)
