"""motcua.form_renderer draws widgets in Python: the same HTML as Django's templates, always."""

import datetime

import pytest

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.urls import reverse

from accounts.forms import SignUpForm
from dossiers.actions import ACTIONS
from motcua.form_renderer import DRAWN, PlainRenderer
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

CHOICES = [("a", "Hộ tịch"), ("b", 'Chứng "thực" <b>'), (3, "Ba & bốn")]
GROUPED = [("Nhóm <1>", [("x", "X"), ("y", "Y")]), ("z", "Zeta")]


class Everything(forms.Form):
    text = forms.CharField(max_length=20, help_text="gợi ý")
    blank = forms.CharField(required=False, widget=forms.TextInput(attrs={"autofocus": True}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    number = forms.IntegerField()
    email = forms.EmailField(required=False)
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "off"}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    moment = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}))
    when = forms.DateTimeField(required=False)
    tick = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "data-x": '"q"'}))
    pick = forms.ChoiceField(choices=CHOICES)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"})
    )
    grouped_boxes = forms.MultipleChoiceField(
        choices=GROUPED, widget=forms.CheckboxSelectMultiple, required=False
    )
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    upload = forms.FileField(required=False)


BOUND = {
    "text": 'Lê <Thị> "Hồng" & co',
    "hidden": "7",
    "number": "x",
    "email": "a@b.vn",
    "password": "secret",
    "day": "2026-11-30",
    "moment": "09:30",
    "when": "",
    "tick": "on",
    "note": "dòng 1\ndòng 2 <script>",
    "pick": "b",
    "grouped": "y",
    "many": ["a", "3"],
    "boxes": ["3"],
    "radio": "a",
}


class KeptFile:
    """A file already stored (what ClearableFileInput shows with a link and a clear box)."""

    url = "/media/giay-to.pdf"

    def __str__(self) -> str:
        return "giay-to.pdf"


def _both(form: forms.Form) -> list[tuple[str, str, str]]:
    rows = []
    for field in form:
        widget = field.field.widget
        attrs = {"id": field.auto_id} if field.auto_id else None
        value = field.value()
        plain = widget.render(field.html_name, value, attrs, PlainRenderer())
        django = widget.render(field.html_name, value, attrs, DjangoTemplates())
        rows.append((field.name, plain, django))
    return rows


@pytest.mark.parametrize(
    "form",
    [
        Everything(),
        Everything(BOUND),
        Everything(initial={"day": datetime.date(2026, 1, 2), "pick": 3, "tick": True}),
        Everything(auto_id=False),
        Everything(initial={"upload": KeptFile()}),
    ],
    ids=["unbound", "bound", "initial", "no-ids", "kept-file"],
)
def test_every_widget_is_drawn_as_its_template_draws_it(form):
    for name, plain, django in _both(form):
        assert plain == django, name


def test_the_officer_action_forms_are_drawn_as_before(agency, procedure, officer):
    dossier = DossierFactory(processing=True, agency=agency, procedure=procedure, officer=officer)
    for action in ACTIONS.values():
        for name, plain, django in _both(action.make_form(dossier)):
            assert plain == django, f"{action.slug}.{name}"


def test_a_widget_with_a_template_of_its_own_goes_through_it():
    class Swatch(forms.RadioSelect):
        option_template_name = "django/forms/widgets/attrs.html"  # not one drawn in Python

    assert Swatch.option_template_name not in DRAWN
    widget = Swatch(choices=CHOICES)
    plain = widget.render("colour", "a", {"id": "c"}, PlainRenderer())
    assert plain == widget.render("colour", "a", {"id": "c"}, DjangoTemplates())


def test_the_project_draws_its_forms_in_python(client, settings):
    assert settings.FORM_RENDERER == "motcua.form_renderer.PlainRenderer"
    page = client.get(reverse("dossiers:lookup"))
    assert '<input type="text" name="ma"' in page.content.decode()


# The template every form included once per field before field_group() drew it in Python.
FIELD_TEMPLATE = """{% load i18n %}<div class="field{% if field.errors %} has-error{% endif %}">
  <label for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %} <span class="req" aria-hidden="true">*</span>{% endif %}</label>
  {{ field }}
  {% if field.help_text %}<p class="help" id="{{ field.id_for_label }}-help">{{ field.help_text }}</p>{% endif %}
  {% for error in field.errors %}<p class="error" role="alert">{{ error }}</p>{% endfor %}
</div>
"""  # noqa: E501


@pytest.mark.parametrize(
    "form",
    [
        Everything(),
        Everything(BOUND),
        SignUpForm(),
        SignUpForm({"phone": "<abc>", "password1": "x"}),
    ],
    ids=["unbound", "bound", "sign-up", "sign-up-errors"],
)
def test_a_field_group_is_what_the_field_template_drew(form):
    template = engines["django"].from_string(FIELD_TEMPLATE)
    if form.is_bound:
        form.full_clean()  # errors shown
    for field in form:
        assert field.as_field_group() == template.render({"field": field}).strip(), field.name


def test_errors_and_help_are_shown_escaped():
    form = Everything({**BOUND, "text": "x" * 21})
    assert not form.is_valid()
    html = form["text"].as_field_group()
    assert '<div class="field has-error">' in html
    assert '<p class="help" id="id_text-help">gợi ý</p>' in html
    assert '<p class="error" role="alert">' in html
    assert '<span class="req" aria-hidden="true">*</span>' in html
