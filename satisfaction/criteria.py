"""The official criteria a citizen can judge (each 2 / 1 / 0), in plain words."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Criterion:
    field: str
    question: str
    answers: tuple[tuple[int, str], ...]  # (score, plain label), best first


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "score_time",
        gettext_lazy("Thời gian trả kết quả so với ngày hẹn"),
        (
            (2, gettext_lazy("Đúng hoặc sớm hơn hẹn")),
            (1, gettext_lazy("Trễ hẹn, nhưng được báo và xin lỗi")),
            (0, gettext_lazy("Trễ hẹn, không được báo")),
        ),
    ),
    Criterion(
        "score_visits",
        gettext_lazy("Số lần bạn phải đi lại hoặc bổ sung giấy tờ"),
        (
            (2, gettext_lazy("Không lần nào hoặc 1 lần")),
            (1, gettext_lazy("2 lần")),
            (0, gettext_lazy("3 lần trở lên")),
        ),
    ),
    Criterion(
        "score_attitude",
        gettext_lazy("Thái độ của cán bộ"),
        (
            (2, gettext_lazy("Lịch sự, tận tình")),
            (1, gettext_lazy("Bình thường")),
            (0, gettext_lazy("Thiếu lịch sự, gây khó khăn")),
        ),
    ),
    Criterion(
        "score_convenience",
        gettext_lazy("Việc nộp hồ sơ và nhận kết quả"),
        (
            (2, gettext_lazy("Dễ dàng, thuận tiện")),
            (1, gettext_lazy("Tạm được")),
            (0, gettext_lazy("Khó khăn, mất thời gian")),
        ),
    ),
)

# The Evaluation's score columns, in the order of the criteria.
EVALUATION_SCORE_FIELDS: tuple[str, ...] = tuple(criterion.field for criterion in CRITERIA)
