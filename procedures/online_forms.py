"""A declaration (tờ khai) filled online, described as data on a required document.

`RequiredDocument.online_form` holds the official form's fields as JSON, so an administrator can
add a form without code:

    {"title": "Tờ khai đăng ký khai sinh",
     "reference": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP",
     "sections": [{"title": "Người được khai sinh",
                   "fields": [{"name": "child_name", "label": "Họ, chữ đệm, tên",
                               "type": "text", "required": true, "max_length": 100}, ...]}]}

Types: text, textarea, date (`"not_future": true` refuses a later day), integer (`min`, `max`),
choice (`choices`: a list of labels). `required` defaults to true. Values are stored as
strings (dates as YYYY-MM-DD) keyed by field name.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

TYPES = ("text", "textarea", "date", "integer", "choice")
_DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def spec_errors(spec: dict[str, Any]) -> list[str]:
    """What is wrong with a form description (empty when it can be used)."""
    errors = []
    if not spec.get("title"):
        errors.append("title")
    names: set[str] = set()
    for section in spec.get("sections") or []:
        for field in section.get("fields") or []:
            name = field.get("name", "")
            if not name.isidentifier() or name in names:
                errors.append(f"name {name!r}")
            names.add(name)
            if field.get("type") not in TYPES or not field.get("label"):
                errors.append(f"field {name!r}")
            if field.get("type") == "choice" and not field.get("choices"):
                errors.append(f"choices of {name!r}")
    if not names:
        errors.append("fields")
    return errors


def fields_of(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [field for section in spec.get("sections", []) for field in section.get("fields", [])]


def _not_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise forms.ValidationError(_("Ngày này chưa đến."))


def _form_field(field: dict[str, Any]) -> forms.Field:
    kind = field["type"]
    common = {"label": field["label"], "required": field.get("required", True)}
    if field.get("help"):
        common["help_text"] = field["help"]
    if kind == "textarea":
        return forms.CharField(
            max_length=field.get("max_length", 500),
            widget=forms.Textarea(attrs={"rows": 2}),
            **common,
        )
    if kind == "date":
        validators = [_not_future] if field.get("not_future") else []
        return forms.DateField(
            input_formats=_DATE_FORMATS,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            validators=validators,
            **common,
        )
    if kind == "integer":
        return forms.IntegerField(min_value=field.get("min"), max_value=field.get("max"), **common)
    if kind == "choice":
        choices = [(label, label) for label in field["choices"]]
        return forms.ChoiceField(choices=[("", "---------"), *choices], **common)
    return forms.CharField(max_length=field.get("max_length", 150), **common)


def form_class(spec: dict[str, Any]) -> type[forms.Form]:
    """A Django form with one field per described field, in the form's order."""
    return type("OnlineForm", (forms.Form,), {f["name"]: _form_field(f) for f in fields_of(spec)})


def as_data(spec: dict[str, Any], cleaned: dict[str, Any]) -> dict[str, str]:
    """The cleaned values as strings for storage (JSON): dates as YYYY-MM-DD, blanks as ''."""
    data = {}
    for field in fields_of(spec):
        value = cleaned.get(field["name"])
        data[field["name"]] = "" if value is None else str(value)
    return data


def _shown(field: dict[str, Any], value: str) -> str:
    if field["type"] == "date" and value:
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    return value


def sections(spec: dict[str, Any], data: dict[str, str]) -> list[dict[str, Any]]:
    """What was declared, as the form reads: per section, (label, value) rows."""
    return [
        {
            "title": section.get("title", ""),
            "rows": [
                (field["label"], _shown(field, data.get(field["name"], "")))
                for field in section.get("fields", [])
            ],
        }
        for section in spec.get("sections", [])
    ]
