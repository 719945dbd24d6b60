"""`python manage.py load_catalog`: load the starter catalog (procedures/catalog_data.py).

Idempotent: every row is found by a stable key (agency identifier, field name, procedure name
and field, document name and procedure); a row whose values already match is left untouched, one
that differs is brought back to the catalog's values, a missing one is created. Rows that are not
in the catalog (added by an administrator) are never deleted. Then the holiday table is synced
from the `holidays` package for settings.HOLIDAY_YEARS, and at least up to 3 years after the
current one (holiday_sync.years_to_sync).
"""

from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction

from agencies import seed
from agencies.models import Agency
from procedures import catalog_data, holiday_sync
from procedures.models import Field, Procedure, RequiredDocument


@dataclass
class Tally:
    """How many rows of one model a load created, updated or left as they were."""

    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def __str__(self) -> str:
        return (
            f"{self.label}: {self.created} tạo mới, {self.updated} cập nhật, "
            f"{self.unchanged} không đổi"
        )


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], tally: Tally
) -> Any:
    """The row matching `lookup`, created or brought to `values`; counted in `tally`."""
    row = model._default_manager.filter(**lookup).first()
    if row is not None and all(getattr(row, name) == value for name, value in values.items()):
        tally.unchanged += 1
        return row
    row, created = model._default_manager.update_or_create(defaults=values, **lookup)
    if created:
        tally.created += 1
    else:
        tally.updated += 1
    return row


def load_catalog() -> list[Tally]:
    """Load agencies, fields, procedures and their documents; return one tally per model."""
    agencies = Tally("Cơ quan")
    fields = Tally("Lĩnh vực")
    procedures = Tally("Thủ tục")
    documents = Tally("Thành phần hồ sơ")
    with transaction.atomic():
        by_identifier: dict[str, Agency] = {}
        for item in seed.AGENCIES:  # parents come before their children
            parent = by_identifier[item["parent"]] if item["parent"] else None
            by_identifier[item["identifier"]] = _upsert(
                Agency,
                {"identifier": item["identifier"]},
                {"name": item["name"], "level": item["level"], "parent": parent},
                agencies,
            )

        by_name: dict[str, Field] = {}
        for item in catalog_data.FIELDS:
            by_name[item["name"]] = _upsert(
                Field,
                {"name": item["name"]},
                {"code": item["code"], "order": item["order"]},
                fields,
            )

        for item in catalog_data.PROCEDURES:
            values = {
                key: item[key]
                for key in (
                    "national_code",
                    "online_level",
                    "processing_amount",
                    "processing_unit",
                    "same_day_cutoff",
                    "fee_vnd",
                    "fee_exempt",
                    "fee_note",
                    "result_form",
                    "legal_basis",
                )
            }
            procedure = _upsert(
                Procedure,
                {"name": item["name"], "field": by_name[item["field"]]},
                values,
                procedures,
            )
            for order, doc in enumerate(item["documents"], start=1):
                _upsert(
                    RequiredDocument,
                    {"name": doc["name"], "procedure": procedure},
                    {
                        "quantity": doc["quantity"],
                        "is_mandatory": doc["is_mandatory"],
                        "online_form": doc["online_form"],
                        "order": order,
                    },
                    documents,
                )
    return [agencies, fields, procedures, documents]


class Command(BaseCommand):
    help = (
        "Nạp danh mục ban đầu: thành phố Cần Thơ, các xã, lĩnh vực, thủ tục và thành phần hồ sơ; "
        "rồi đồng bộ lịch nghỉ lễ. Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--skip-holidays",
            action="store_true",
            help="Không đồng bộ lịch nghỉ lễ, ngày làm bù.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tallies = load_catalog()
        for tally in tallies:
            self.stdout.write(str(tally))
        changed = sum(tally.changed for tally in tallies)
        if changed:
            self.stdout.write(self.style.SUCCESS(f"Đã nạp danh mục: {changed} bản ghi thay đổi."))
        else:
            self.stdout.write(self.style.SUCCESS("Danh mục đã đầy đủ, không có gì thay đổi."))
        if not options["skip_holidays"]:
            self._sync_holidays()

    def _sync_holidays(self) -> None:
        first_year, last_year = holiday_sync.years_to_sync()
        count = holiday_sync.sync_holidays(first_year, last_year)
        if count:
            self.stdout.write(
                f"Lịch nghỉ {first_year}-{last_year}: {count} ngày được thêm, sửa hoặc xóa."
            )
        else:
            self.stdout.write(f"Lịch nghỉ {first_year}-{last_year}: không thay đổi.")
