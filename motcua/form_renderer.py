"""Django's form widgets drawn in Python: the HTML of their templates, without the templates.

Django draws a widget through its template, which includes another for its attributes and one
more per option: the officer's dossier page drew its 16 widgets through about 60 template
renders, a sixth of the page's work. The widgets below are written by functions that produce
what Django 5.2's templates (django/forms/templates/django/forms/widgets/) produce, character for
character (tests/project/test_form_renderer.py renders every case both ways); any other
template, and a widget whose options use another template, is rendered by its template.

The site's field group (label, widget, help, errors: `{{ field.as_field_group }}`) is drawn here
too, in place of the template every form included once per field.

Each function returns what its template would, trailing newline included (an include keeps
it); the renderer strips the outcome as Django's does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape as esc

Widget = Mapping[str, Any]
PREFIX = "django/forms/widgets/"
FIELD_GROUP = "motcua/field_group"  # drawn by field_group(), no template file


class _NotDrawn(Exception):
    """An option's template is not one of ours: the widget goes through its template."""


def _attrs(attrs: Mapping[str, object]) -> str:
    return "".join(
        f" {esc(name)}" if value is True else f' {esc(name)}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Widget) -> str:
    value = "" if widget["value"] is None else f' value="{esc(widget["value"])}"'
    return (
        f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _one_input(widget: Widget) -> str:  # text.html, hidden.html, date.html...: input.html
    return _input(widget) + "\n"


def _clearable_file(widget: Widget) -> str:
    """clearable_file_input.html for a field without a file yet (with one: the template)."""
    if widget["is_initial"]:
        raise _NotDrawn("clearable_file_input.html with an initial file")
    return "\n" + _input({**widget, "value": None})


def _textarea(widget: Widget) -> str:
    value = esc(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'


def _option(option: Widget) -> str:
    draw = DRAWN.get(option["template_name"])
    if draw is None:
        raise _NotDrawn(option["template_name"])
    return draw(option)


def _select(widget: Widget) -> str:
    parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{esc(group)}">')
        parts.extend(f"\n  {_option(option)}" for option in options)
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _select_option(option: Widget) -> str:
    return (
        f'<option value="{esc(option["value"])}"{_attrs(option["attrs"])}>'
        f"{esc(option['label'])}</option>\n"
    )


def _multiple_input(widget: Widget) -> str:
    identifier, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{esc(identifier)}"' if identifier else "",
        f' class="{esc(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{esc(group)}</label>")
        parts.extend(f"<div>\n    {_option(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _input_option(option: Widget) -> str:
    if not option["wrap_label"]:
        return _input(option) + "\n"
    identifier = option["attrs"].get("id")
    label_for = f' for="{esc(identifier)}"' if identifier else ""
    return f"<label{label_for}>{_input(option)} {esc(option['label'])}</label>\n"


def _choice_option(option: Widget) -> str:  # checkbox_option.html, radio_option.html
    return _input_option(option) + "\n"


def _choices(widget: Widget) -> str:  # checkbox_select.html, radio.html
    return _multiple_input(widget) + "\n"


DRAWN: dict[str, Callable[[Widget], str]] = {
    **{
        f"{PREFIX}{name}.html": _one_input
        for name in (
            "text",
            "hidden",
            "date",
            "time",
            "datetime",
            "number",
            "email",
            "password",
            "tel",
            "url",
            "search",
            "color",
            "file",
            "checkbox",
        )
    },
    f"{PREFIX}input.html": _input,
    f"{PREFIX}textarea.html": _textarea,
    f"{PREFIX}clearable_file_input.html": _clearable_file,
    f"{PREFIX}select.html": _select,
    f"{PREFIX}select_option.html": _select_option,
    f"{PREFIX}checkbox_select.html": _choices,
    f"{PREFIX}radio.html": _choices,
    f"{PREFIX}input_option.html": _input_option,
    f"{PREFIX}checkbox_option.html": _choice_option,
    f"{PREFIX}radio_option.html": _choice_option,
}


def field_group(field: BoundField) -> str:
    """A field as every form of the site shows it: its label (a star if it must be filled in),
    its widget, its help and its errors. `{{ field.as_field_group }}` in a template."""
    identifier = esc(field.id_for_label)
    star = ' <span class="req" aria-hidden="true">*</span>' if field.field.required else ""
    help_text = (
        f'<p class="help" id="{identifier}-help">{esc(field.help_text)}</p>'
        if field.help_text
        else ""
    )
    errors = "".join(f'<p class="error" role="alert">{esc(error)}</p>' for error in field.errors)
    return (
        f'<div class="field{" has-error" if field.errors else ""}">\n'
        f'  <label for="{identifier}">{esc(field.label)}{star}</label>\n'
        f"  {field}\n  {help_text}\n  {errors}\n</div>"
    )


class PlainRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: the widgets above and the site's field groups in Python,
    everything else by template."""

    field_template_name = FIELD_GROUP

    def render(self, template_name: str, context: dict[str, Any], request: object = None) -> str:
        if template_name == FIELD_GROUP:
            return field_group(context["field"])
        draw = DRAWN.get(template_name)
        if draw is not None:
            try:
                return draw(context["widget"]).strip()
            except _NotDrawn:
                pass
        return super().render(template_name, context, request)
