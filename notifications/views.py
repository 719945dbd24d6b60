"""The person's notification list, and the officers' page of notifications that failed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import outbox
from .models import Notification, NotificationQuerySet, Status

PAGE_SIZE = 20


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Newest first; the unread ones on the page are shown as new, then marked read."""
    page = Paginator(Notification.objects.inbox(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    unread = [row.pk for row in rows if row.read_at is None]
    if unread:
        outbox.mark_read(request.user, unread)
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "rows": rows, "new_ids": set(unread)},
    )


def _failed_for(user: object) -> NotificationQuerySet:
    """Officers see their agency's failed rows; administrators see all. Others: 404."""
    if not user.is_authenticated or not user.has_perm("notifications.view_failed"):
        raise Http404
    failed = Notification.objects.filter(status=Status.FAILED)
    if user.is_superuser:
        return failed
    if not user.agency_id:
        raise Http404
    return failed.filter(scope=f"agency:{user.agency_id}")


@login_required
def failed(request: HttpRequest) -> HttpResponse:
    rows = _failed_for(request.user).select_related("recipient").order_by("-created_at", "-pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/failed.html", {"page": page})


@login_required
@require_POST
def send_again(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(_failed_for(request.user), pk=pk)
    outbox.resend(row.pk)
    messages.success(
        request, _("Đã xếp lịch gửi lại thông báo %(ref)s.") % {"ref": row.reference or row.pk}
    )
    return redirect("notifications:failed")
