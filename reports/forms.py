"""The leader's choices: which agency of their subtree and which month; the plan."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .figures import Period
from .models import PlanTarget


class AgencyChoiceField(forms.ModelChoiceField):
    """Agencies indented by their depth in the tree."""

    def label_from_instance(self, obj: Agency) -> str:
        depth = max(obj.path.count("/") - 2, 0)
        return "\u2003" * depth + obj.name


def _subtree(agency: Agency) -> QuerySet[Agency]:
    return Agency.objects.subtree(agency).order_by("path")


class ReportChoiceForm(forms.Form):
    agency = AgencyChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none())
    month = forms.CharField(
        label=_("Tháng"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        max_length=7,
    )

    def __init__(self, *args: object, root: Agency, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _subtree(root)

    def clean_month(self) -> Period:
        try:
            period = Period.parse_month(self.cleaned_data["month"])
        except ValueError as error:
            raise forms.ValidationError(
                _("Chọn tháng theo dạng năm-tháng, ví dụ 2026-10.")
            ) from error
        today = timezone.localdate()
        if period.start > today:
            raise forms.ValidationError(_("Tháng này chưa bắt đầu."))
        return period


class PlanTargetForm(forms.Form):
    """Set (or replace) the target of an agency for a year, or for one month of it."""

    agency = AgencyChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Áp dụng cho"),
        choices=[("", _("Cả năm"))] + [(m, _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    online_target = forms.IntegerField(
        label=_("Chỉ tiêu hồ sơ trực tuyến"), min_value=1, max_value=10_000_000
    )

    def __init__(self, *args: object, root: Agency, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _subtree(root)
        self.fields["year"].initial = timezone.localdate().year

    def save(self) -> PlanTarget:
        data = self.cleaned_data
        target, _created = PlanTarget.objects.update_or_create(
            agency=data["agency"],
            year=data["year"],
            month=data["month"],
            defaults={"online_target": data["online_target"]},
        )
        return target
