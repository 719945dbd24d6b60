"""The declaration (tờ khai) filled online on a draft: the form described by the required
document, validated, kept as data and printed as the file of that document."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from procedures.online_forms import as_data, form_class

from .. import drafts
from ..errors import ActionNotAllowed
from ..models import Declaration, Dossier
from .citizen import citizen_dossier, reload_when_changed


def _initial(dossier: Dossier, saved: Declaration | None) -> dict[str, str]:
    """What was declared before, else the applicant's details the draft already has."""
    if saved is not None:
        return dict(saved.data)
    initial = {
        "requester_name": dossier.applicant_name,
        "requester_residence": dossier.applicant_address,
    }
    if dossier.applicant_citizen_id:
        initial["requester_id"] = _("Căn cước số %(n)s") % {"n": dossier.applicant_citizen_id}
    return initial


@login_required
@reload_when_changed
def fill(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    dossier = citizen_dossier(request, pk, draft=True)
    document = dossier.procedure.required_documents.filter(pk=document_pk).first()
    if document is None or not document.fillable_online:
        raise Http404
    saved = Declaration.objects.filter(dossier=dossier, required_document=document).first()
    Form = form_class(document.online_form)
    form = Form(request.POST or None, initial=_initial(dossier, saved))
    if request.method == "POST" and form.is_valid():
        try:
            drafts.fill_declaration(
                dossier.pk,
                user=request.user,
                document=document,
                data=as_data(document.online_form, form.cleaned_data),
                expected_version=dossier.version,
            )
        except ActionNotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu tờ khai và in thành tệp PDF trong hồ sơ."))
            return redirect("dossiers:documents", pk=dossier.pk)
    groups = [
        (section.get("title", ""), [form[f["name"]] for f in section.get("fields", [])])
        for section in document.online_form.get("sections", [])
    ]
    return render(
        request,
        "dossiers/citizen/declaration.html",
        {"dossier": dossier, "document": document, "form": form, "groups": groups, "step": 2},
        status=400 if form.is_bound and form.errors else 200,
    )
