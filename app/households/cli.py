"""``flask jusha households-remind`` and ``flask jusha households-coverage``:
the reminder pass and the coverage workbook, from a shell."""
import click


def register(group):
    group.add_command(remind_command)
    group.add_command(coverage_command)


@click.command("households-remind")
def remind_command():
    """Remind party members of households not contacted for HOUSEHOLD_CONTACT_DAYS (once per overdue period)."""
    from app.households.reminders import remind_uncontacted

    reminded = remind_uncontacted()
    click.echo(f"提醒党员 {len(reminded)} 人，涉及 {sum(reminded.values())} 户")


@click.command("households-coverage")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, writable=True),
              help="the .xlsx file to write")
def coverage_command(out_path):
    """Write 党员联户 coverage of every community as XLSX."""
    from app.households import coverage

    with open(out_path, "wb") as out:
        out.write(coverage.workbook(coverage.coverage()))
    click.echo(out_path)
