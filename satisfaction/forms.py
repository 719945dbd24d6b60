"""The rating form (link, account and desk share it) and the leader's follow-up form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .criteria import CRITERIA
from .follow_up import FOLLOW_UP_MAX_LENGTH
from .models import Satisfaction
from .rating import COMMENT_MAX_LENGTH

NO_OPINION = ""


class RatingForm(forms.Form):
    """Three big choices, four optional criteria (2 / 1 / 0, or no opinion), a comment."""

    choice = forms.ChoiceField(
        label=_("Bạn hài lòng thế nào với việc giải quyết hồ sơ này?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn một mức độ hài lòng.")},
    )
    comment = forms.CharField(
        label=_("Ý kiến của bạn (không bắt buộc)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion.field] = forms.TypedChoiceField(
                label=criterion.question,
                choices=[(str(score), label) for score, label in criterion.answers]
                + [(NO_OPINION, _("Không ý kiến"))],
                coerce=int,
                empty_value=None,
                required=False,
                initial=NO_OPINION,
                widget=forms.RadioSelect,
            )

    @property
    def criteria_fields(self) -> list[forms.BoundField]:
        return [self[criterion.field] for criterion in CRITERIA]

    def scores(self) -> dict[str, int | None]:
        return {criterion.field: self.cleaned_data.get(criterion.field) for criterion in CRITERIA}


class FollowUpForm(forms.Form):
    follow_up = forms.CharField(
        label=_("Đã xử lý thế nào"),
        max_length=FOLLOW_UP_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vui lòng ghi việc đã làm để xử lý phản ánh.")},
    )
