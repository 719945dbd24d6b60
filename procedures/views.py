"""The public catalog: what a procedure asks for, before a citizen signs in."""

import os

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from .cache import catalog
from .models import Field, Procedure, RequiredDocument

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


def procedure_list(request: HttpRequest) -> HttpResponse:
    """The catalog and its search, rendered once per query until the catalog is edited."""
    parts = ("list", get_language(), request.GET.urlencode())
    field_name, content = catalog.get_or_set(parts, lambda: _render_list(request))
    return render(request, "procedures/list.html", {"field_name": field_name, "content": content})


def _render_list(request: HttpRequest) -> tuple[str, str]:
    """The chosen field's name ("" for all) and the page's content, as HTML."""
    q = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    fields = list(Field.objects.filter(procedures__is_active=True).distinct())
    field_param = request.GET.get("field", "")
    field = next((f for f in fields if str(f.pk) == field_param), None)

    procedures = (
        Procedure.objects.active()
        .select_related("field")
        .defer("legal_basis", "search_text")
        .search(q)
        # Folded names sort Đ beside D (a binary sort puts it after Z), same on every database.
        .order_by("field__order", "field__name", "search_text", "pk")
    )
    if field:
        procedures = procedures.filter(field=field)
    page = Paginator(procedures, PAGE_SIZE).get_page(request.GET.get("page"))
    content = render_to_string(
        "procedures/_list.html",
        {"q": q, "fields": fields, "field": field, "page_obj": page, "filtered": bool(q or field)},
        request,
    )
    return (field.name if field else ""), content


def procedure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    documents = RequiredDocument.objects.order_by("order", "pk")
    procedure = get_object_or_404(
        Procedure.objects.active()
        .select_related("field")
        .prefetch_related(Prefetch("required_documents", queryset=documents)),
        pk=pk,
    )
    return render(
        request,
        "procedures/detail.html",
        {"procedure": procedure, "submit_url": reverse("dossiers:submit", args=[procedure.pk])},
    )


def blank_form(request: HttpRequest, pk: int) -> FileResponse:
    """Download the blank form (mẫu đơn, tờ khai) of one required document."""
    document = get_object_or_404(
        RequiredDocument.objects.filter(procedure__is_active=True).exclude(blank_form=""), pk=pk
    )
    try:
        handle = document.blank_form.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=os.path.basename(document.blank_form.name)
    )
