"""Progress reporting, passed in by the caller: the command line shows
click's progress bar on stderr, tests and library callers show nothing."""
from contextlib import contextmanager


@contextmanager
def silent(iterable, label):  # noqa: ARG001  (same signature as the bar)
    yield iterable


def bar(iterable, label):
    import sys

    import click

    # On stderr: stdout keeps only the summary, for a log or a script.
    return click.progressbar(iterable, label=label, show_pos=True, file=sys.stderr)
