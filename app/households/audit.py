"""Every read of a household's record leaves an audit row.

A household's data is personal data; the issue asks that each read of it be
audited. So the GET handlers that show a household's personal fields (its
detail, list rows, the 联户记录本, the export) call ``record_reads`` before
answering: one ``household.read`` row per household shown, saying who read
it, when (the row's time), on what ground (paired member, grid worker,
community staff, office) and through which endpoint. These rows are the one
write a GET makes here (tests/conftest.py allows exactly the audit_log
INSERT on these paths); a read that cannot be audited is not answered.
"""
from flask import has_request_context, request

from app import audit
from app.auth import policy
from app.extensions import db

READ_ACTION = "household.read"
VIA = ("detail", "list", "visits", "export")


def record_reads(user, households, via, listed=False):
    """Write and commit one read row per household in ``households``."""
    assert via in VIA, via
    endpoint = f"{request.method} {request.path}" if has_request_context() else None
    for household in households:
        audit.record(READ_ACTION, user, household, {
            "via": via,
            "endpoint": endpoint,
            "reason": policy.households.reason_for(user, household, listed=listed),
        })
    db.session.commit()
