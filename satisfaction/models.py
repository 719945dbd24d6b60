"""One evaluation per returned dossier (shared/domain.md, "Satisfaction")."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossiers.models import Dossier

from .criteria import CRITERIA, EVALUATION_SCORE_FIELDS

__all__ = ["EVALUATION_SCORE_FIELDS", "Evaluation", "EvaluationChannel", "Satisfaction"]


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    NOT_SATISFIED = "not_satisfied", _("Không hài lòng")


class EvaluationChannel(models.TextChoices):
    ONLINE_LINK = "online_link", _("Liên kết trong thông báo")
    ACCOUNT = "account", _("Tài khoản công dân")
    DESK = "desk", _("Tại quầy (phiếu giấy, máy đánh giá)")


def _score_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class Evaluation(models.Model):
    """The citizen's rating of one returned dossier.

    The one-to-one key is the rule "one evaluation per dossier": the database refuses a second.
    The period of the figures is the day of the evaluation (`created_at`, local time).
    The table keeps the name it had when the model lived in `dossiers`.
    """

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="evaluation"
    )
    choice = models.CharField(_("mức độ hài lòng"), max_length=20, choices=Satisfaction.choices)
    score_time = _score_field(_("thời gian giải quyết so với hẹn"))
    score_visits = _score_field(_("số lần phải đi lại"))
    score_attitude = _score_field(_("thái độ của cán bộ"))
    score_convenience = _score_field(_("sự thuận tiện"))
    comment = models.TextField(_("ý kiến"), blank=True)
    channel = models.CharField(_("kênh đánh giá"), max_length=20, choices=EvaluationChannel.choices)
    created_at = models.DateTimeField(_("đánh giá lúc"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Cán bộ ghi tại quầy, hoặc công dân đánh giá từ tài khoản; trống khi qua liên kết."
        ),
    )
    follow_up = models.TextField(_("kết quả xử lý phản ánh"), blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    followed_up_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)

    class Meta:
        db_table = "dossiers_evaluation"
        verbose_name = _("đánh giá hài lòng")
        verbose_name_plural = _("đánh giá hài lòng")
        ordering = ["-created_at", "-pk"]
        permissions = [("follow_up_rating", _("Theo dõi, xử lý đánh giá không hài lòng"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{name}__isnull": True})
                | models.Q(**{f"{name}__gte": 0, f"{name}__lte": 2}),
                name=f"evaluation_{name}_0_2",
            )
            for name in EVALUATION_SCORE_FIELDS
        ] + [
            models.CheckConstraint(
                condition=models.Q(choice__in=Satisfaction.values),
                name="evaluation_choice_valid",
            ),
        ]
        indexes = [
            # The figures: evaluations of a period (joined to the dossier's agency subtree).
            models.Index(fields=["created_at"], name="evaluation_created"),
            # The leaders' follow-up list: unhappy ratings, newest first.
            models.Index(
                fields=["-created_at"],
                condition=models.Q(choice="not_satisfied"),
                name="evaluation_unhappy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.get_choice_display()}"

    @property
    def is_unhappy(self) -> bool:
        return self.choice == Satisfaction.NOT_SATISFIED

    @property
    def answers(self) -> list[tuple[str, str]]:
        """(question, plain answer) for each criterion the citizen scored."""
        given = []
        for criterion in CRITERIA:
            score = getattr(self, criterion.field)
            if score is not None:
                given.append((criterion.question, dict(criterion.answers)[score]))
        return given
