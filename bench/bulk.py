"""Rows written in bulk: COPY on PostgreSQL (psycopg's `cursor.copy`), executemany elsewhere."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from django.db import connection, models

DOSSIER_COLUMNS = [
    "id",
    "code",
    "procedure_id",
    "agency_id",
    "applicant_id",
    "submitted_by_id",
    "handled_by_id",
    "channel",
    "applicant_name",
    "applicant_name_folded",
    "applicant_citizen_id",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
    "request_details",
    "processing_amount",
    "processing_unit",
    "same_day_cutoff",
    "online_level",
    "created_at",
    "submitted_at",
    "accepted_at",
    "due_at",
    "original_due_at",
    "supplement_requested_at",
    "due_at_request",
    "supplement_received_at",
    "supplement_count",
    "apology_issued_at",
    "finished_at",
    "returned_at",
    "rejected_at",
    "withdrawn_at",
    "stopped_at",
    "result_file",
    "result_note",
    "version",
    "state",
]
EVENT_COLUMNS = ["dossier_id", "kind", "from_state", "to_state", "actor_id", "created_at"]
EVALUATION_COLUMNS = ["dossier_id", "choice", "comment", "channel", "created_at"]


class BulkWriter:
    """Rows for one model, as tuples in the order of its concrete columns.

    Columns the generator does not set take their field default. PostgreSQL: COPY; other
    databases: executemany (values adapted as the ORM would).
    """

    def __init__(self, model: type[models.Model], given: list[str]) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields]
        self.table = model._meta.db_table
        self.given = given
        by_attname = {f.attname: f for f in fields}
        missing = [name for name in given if name not in by_attname]
        if missing:
            raise ValueError(f"{model.__name__} has no column {missing}")
        self.extra = [f for f in fields if f.attname not in given and not f.primary_key]
        self.columns = [by_attname[name].column for name in given] + [f.column for f in self.extra]
        self.defaults = tuple(self._default(f) for f in self.extra)
        self.fields = [by_attname[name] for name in given] + self.extra

    @staticmethod
    def _default(field: models.Field) -> object:
        if field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise ValueError(f"{field} needs a value in generated rows.")
        if isinstance(field, models.JSONField):
            return json.dumps(value)
        return value

    def write(self, rows: Iterable[tuple]) -> int:
        """Insert the rows; return how many."""
        if connection.vendor == "postgresql":
            return self._copy(rows)
        return self._insert(rows)

    def _copy(self, rows: Iterable[tuple]) -> int:
        columns = ", ".join(f'"{c}"' for c in self.columns)
        count = 0
        sql = f"COPY {self.table} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row + self.defaults)
                count += 1
        return count

    def _adapters(self) -> list[Callable[[object], object] | None]:
        ops = connection.ops
        by_type = {
            "DateTimeField": ops.adapt_datetimefield_value,
            "DateField": ops.adapt_datefield_value,
            "TimeField": ops.adapt_timefield_value,
        }
        return [by_type.get(field.get_internal_type()) for field in self.fields]

    def _insert(self, rows: Iterable[tuple]) -> int:
        columns = ", ".join(f'"{c}"' for c in self.columns)
        adapters = self._adapters()
        marks = ", ".join(["%s"] * len(self.columns))
        batch = [
            tuple(
                adapt(v) if adapt and v is not None else v
                for adapt, v in zip(adapters, row + self.defaults, strict=True)
            )
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {self.table} ({columns}) VALUES ({marks})", batch)
        return len(batch)


def next_id(model: type[models.Model]) -> int:
    """The first free primary key of `model`."""
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def reset_sequence(model: type[models.Model]) -> None:
    """After rows written with their ids: the next ORM insert continues after them."""
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )
