"""The officer's actions on one dossier, one entry each: its form, its service call, its words,
and the transition that says when it is offered.

Adding an action means one entry here, one service in `services.py` (or `deadlines.py`), one
transition in `workflow.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django_fsm import has_transition_perm

from django import forms
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from . import deadlines, services
from .access import can_work_on
from .forms import (
    AcceptForm,
    ApologyForm,
    ExtendSupplementForm,
    RecordResultForm,
    RejectForm,
    RequestDocumentsForm,
    ReturnResultForm,
    StopForm,
    VersionedForm,
)
from .models import Dossier

Perform = Callable[[Dossier, User, VersionedForm], object]


@dataclass(frozen=True)
class OfficerAction:
    slug: str  # in the URL: /can-bo/ho-so/<pk>/<slug>/
    transition: str  # the workflow transition: offered when this officer may fire it now
    form: type[VersionedForm]
    perform: Perform  # the service call, from the valid form
    title: Promise  # the heading of its form
    button: Promise
    done: Promise  # the message once it worked
    danger: bool = False

    def offered_to(self, user: User, dossier: Dossier) -> bool:
        return can_work_on(user, dossier) and has_transition_perm(
            getattr(dossier, self.transition), user
        )

    def make_form(self, dossier: Dossier, data: object = None, files: object = None) -> forms.Form:
        if data is None:
            return self.form(initial={"version": dossier.version}, dossier=dossier)
        return self.form(data, files, dossier=dossier)


def _accept(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    return services.accept(dossier.pk, officer=officer, expected_version=form.seen_version)


def _request_documents(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    data = form.cleaned_data
    return services.request_documents(
        dossier.pk,
        officer=officer,
        missing=data["missing"],
        other_missing=data["other_missing"],
        note=data["note"],
        deadline=data["deadline"],
        expected_version=form.seen_version,
    )


def _reject(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    reasons = form.cleaned_data["reasons"]
    return services.reject(
        dossier.pk, officer=officer, reasons=reasons, expected_version=form.seen_version
    )


def _apologise(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    return services.issue_apology(
        dossier.pk,
        officer=officer,
        new_due_at=form.new_due_at(),
        reason=form.cleaned_data["reason"],
        expected_version=form.seen_version,
    )


def _stop(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    return deadlines.stop_processing(
        dossier.pk,
        officer=officer,
        reason=form.cleaned_data["reason"],
        reasons=form.cleaned_data["reasons"],
        expected_version=form.seen_version,
    )


def _extend_supplement(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    return deadlines.extend_supplement_deadline(
        dossier.pk,
        officer=officer,
        deadline=form.cleaned_data["deadline"],
        reason=form.cleaned_data["reason"],
        expected_version=form.seen_version,
    )


def _record_result(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    data = form.cleaned_data
    return services.record_result(
        dossier.pk,
        officer=officer,
        result_file=data["result_file"],
        note=data["note"],
        return_now=data["return_now"],
        expected_version=form.seen_version,
    )


def _return_result(dossier: Dossier, officer: User, form: VersionedForm) -> object:
    return services.return_result(dossier.pk, officer=officer, expected_version=form.seen_version)


ACTIONS: dict[str, OfficerAction] = {
    action.slug: action
    for action in (
        OfficerAction(
            "accept",
            "accept",
            AcceptForm,
            _accept,
            title=_("Tiếp nhận hồ sơ"),
            button=_("Tiếp nhận"),
            done=_("Đã tiếp nhận hồ sơ. Giấy tiếp nhận và hẹn trả đã sẵn sàng."),
        ),
        OfficerAction(
            "request_documents",
            "request_documents",
            RequestDocumentsForm,
            _request_documents,
            title=_("Yêu cầu bổ sung giấy tờ"),
            button=_("Gửi yêu cầu bổ sung"),
            done=_("Đã gửi yêu cầu bổ sung giấy tờ."),
        ),
        OfficerAction(
            "reject",
            "reject",
            RejectForm,
            _reject,
            title=_("Từ chối tiếp nhận"),
            button=_("Từ chối"),
            done=_("Đã từ chối tiếp nhận hồ sơ."),
            danger=True,
        ),
        OfficerAction(
            "apology",
            "apologise",
            ApologyForm,
            _apologise,
            title=_("Xin lỗi và hẹn lại ngày trả"),
            button=_("Gửi phiếu xin lỗi"),
            done=_("Đã gửi phiếu xin lỗi và hẹn lại ngày trả."),
        ),
        OfficerAction(
            "record_result",
            "record_result",
            RecordResultForm,
            _record_result,
            title=_("Ghi nhận kết quả"),
            button=_("Ghi nhận kết quả"),
            done=_("Đã ghi nhận kết quả."),
        ),
        OfficerAction(
            "return_result",
            "return_result",
            ReturnResultForm,
            _return_result,
            title=_("Trả kết quả"),
            button=_("Đã trao kết quả"),
            done=_("Đã trả kết quả cho công dân."),
        ),
        OfficerAction(
            "extend_supplement",
            "extend_supplement",
            ExtendSupplementForm,
            _extend_supplement,
            title=_("Gia hạn bổ sung giấy tờ"),
            button=_("Gia hạn"),
            done=_("Đã gia hạn bổ sung và báo cho công dân."),
        ),
        OfficerAction(
            "stop",
            "stop",
            StopForm,
            _stop,
            title=_("Dừng xử lý hồ sơ"),
            button=_("Dừng xử lý"),
            done=_("Đã dừng xử lý hồ sơ. Thông báo dừng xử lý đã sẵn sàng."),
            danger=True,
        ),
    )
}


# An offer's form on the officer's page (templates/dossiers/officer/detail.html prints them).
FORM_HTML = (
    '<form method="post" action="{}" enctype="multipart/form-data" class="card action action-{}">'
    '\n    <input type="hidden" name="csrfmiddlewaretoken" value="{}">\n    <h3>{}</h3>\n'
    "    {}{}{}\n"
    '    <button type="submit" class="button{}">{}</button>\n  </form>\n'
)


@dataclass(frozen=True)
class Offer:
    action: OfficerAction
    form: forms.Form

    def html(self, dossier_pk: int, csrf_token: str) -> SafeString:
        """The action's form, drawn once in Python (the page shows four or five of them): its
        errors, its fields (motcua.form_renderer) and its button, every value escaped."""
        form = self.form
        errors = ((error,) for error in form.non_field_errors())
        fields = ((field.as_field_group(),) for field in form.visible_fields())
        return format_html(
            FORM_HTML,
            reverse("dossiers:officer_action", args=[dossier_pk, self.action.slug]),
            self.action.slug,
            csrf_token,
            self.action.title,
            format_html_join("", '<p class="error" role="alert">{}</p>', errors),
            format_html_join("", "{}", fields),
            format_html_join("", "{}", ((field,) for field in form.hidden_fields())),
            " button-danger" if self.action.danger else "",
            self.action.button,
        )


def offer_forms(found: list[Offer], dossier_pk: int, csrf_token: str) -> SafeString:
    return mark_safe("".join(offer.html(dossier_pk, csrf_token) for offer in found))


def offers(
    dossier: Dossier, user: User, bound: tuple[str, forms.Form] | None = None
) -> list[Offer]:
    """One form per action open now to this officer (none for leaders); `bound` keeps the form
    the officer just posted, with its errors."""
    found = []
    for action in ACTIONS.values():
        if bound is not None and bound[0] == action.slug:
            found.append(Offer(action, bound[1]))
        elif action.offered_to(user, dossier):
            found.append(Offer(action, action.make_form(dossier)))
    return found
