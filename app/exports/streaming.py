"""Exports that stream: a CSV is made row by row as the response is sent,
an XLSX (a zip, which needs a seekable file) is written row by row to a
temporary file by openpyxl's write-only mode and then sent in chunks. Either
way the process holds one row (and one chunk) at a time, not the whole list,
whatever its size.

Rows should come from the database the same way: ``execution_options(
yield_per=...)`` (a server-side cursor on PostgreSQL), never ``.all()``.
"""
import csv
import tempfile
from urllib.parse import quote

from flask import Response

from app.extensions import db
from app.files.storage import file_chunks

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows gathered before a CSV chunk is sent: one write per row would be as
# many socket writes as rows.
CSV_ROWS_PER_CHUNK = 500


class _Line:
    """A file for csv.writer that hands back what was written."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def take(self):
        text, self.parts = "".join(self.parts), []
        return text


def csv_chunks(header, rows, bom=True):
    """UTF-8 bytes of a CSV (with a byte-order mark, so Excel on Windows opens
    the Chinese intact instead of guessing GBK), made as they are asked for."""
    line = _Line()
    writer = csv.writer(line)
    if bom:
        line.write("\ufeff")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
        if count % CSV_ROWS_PER_CHUNK == 0:
            yield line.take().encode("utf-8")
    rest = line.take()
    if rest:
        yield rest.encode("utf-8")


def spooled(write):
    """Run ``write(file)`` into a temporary file and return a generator of
    its chunks; the file is closed (and so removed) after the last chunk, or
    when the generator is dropped (a client that went away)."""
    spool = tempfile.TemporaryFile()
    try:
        write(spool)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return file_chunks(spool)


def disposition(filename, fallback):
    """RFC 6266: an ASCII name for old clients, the Chinese one for the rest."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def reading(make_chunks):
    """The chunks of ``make_chunks(connection)``, which reads its rows on a
    database connection of its own: a CSV still reads rows as it is sent,
    after the handler returned and its session closed. A plain connection,
    not the request's context (``stream_with_context``): the server may send
    the body from another thread than the handler's, and only the handler
    needs the request."""
    engine = db.engine

    def chunks():
        with engine.connect() as connection:
            yield from make_chunks(connection)
    return chunks()


def download(chunks, mimetype, filename, fallback):
    """A streamed attachment (no length: the body is made as it is sent)."""
    return Response(chunks, mimetype=mimetype, direct_passthrough=True,
                    headers={"Content-Disposition": disposition(filename, fallback), "Cache-Control": "no-store"})
