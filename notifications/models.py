"""The outbox: one row per message, recipient and channel, written with the event that causes it.

A row is `pending` until a task has handed it to its channel (`sent`), or gave up after the last
retry (`failed`, shown to officers with a "send again" button). The unique key
(source, recipient, channel) makes a second notification for the same event impossible.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Thư điện tử")
    IN_APP = "in_app", _("Trên trang")


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def inbox(self, user: object) -> "NotificationQuerySet":
        """A person's in-app list, newest first."""
        return self.filter(recipient=user, channel=Channel.IN_APP).order_by("-created_at", "-pk")

    def unread(self, user: object) -> "NotificationQuerySet":
        return self.filter(recipient=user, channel=Channel.IN_APP, read_at=None)

    def due_for_sweep(self, before: datetime.datetime) -> "NotificationQuerySet":
        """Pending rows whose next attempt was due before `before` (lost, or never queued)."""
        return self.filter(status=Status.PENDING, next_attempt_at__lte=before)


class Notification(models.Model):
    source = models.CharField(
        _("nguồn"), max_length=100, help_text=_("Sự kiện gây ra thông báo, ví dụ dossier_event:42.")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("mẫu"), max_length=100)
    language = models.CharField(_("ngôn ngữ"), max_length=5, default="vi")
    # Who may see the row in the officers' "failed notifications" page, e.g. "agency:12".
    scope = models.CharField(max_length=50, blank=True, db_index=True)
    # A short label officers recognise (the dossier code); never an ID number.
    reference = models.CharField(_("tham chiếu"), max_length=100, blank=True)
    # The phone number or email address at the time of the event (empty for in-app).
    address = models.CharField(_("địa chỉ nhận"), max_length=254, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    html_body = models.TextField(blank=True)
    link = models.CharField(_("liên kết"), max_length=500, blank=True)

    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    # When a task should next try; the sweep re-queues pending rows a minute past it.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "recipient", "channel"], name="one_notification_per_channel"
            )
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_sweep"),
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
        ]
        permissions = [("view_failed", _("Xem và gửi lại thông báo lỗi"))]

    def __str__(self) -> str:
        return f"{self.source} → {self.recipient_id} ({self.channel}, {self.status})"

    @property
    def masked_address(self) -> str:
        """Enough of the address for an officer to recognise it: 09******78, a***@mail.vn."""
        value = self.address
        if "@" in value:
            name, _at, domain = value.partition("@")
            return f"{name[:1]}***@{domain}"
        if len(value) > 4:
            return value[:2] + "*" * (len(value) - 4) + value[-2:]
        return value
