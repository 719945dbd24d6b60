from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .validators import is_citizen_id, normalize_phone, validate_citizen_id, validate_phone


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, phone: str, password: str | None, **fields: object) -> "User":
        user = self.model(phone=normalize_phone(phone), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, phone: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(phone, password, **fields)

    def create_superuser(self, phone: str, password: str | None = None, **fields: object) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self._create(phone, password, **fields)

    def get_by_identifier(self, identifier: str) -> "User":
        """The user whose phone number or 12-digit citizen ID is `identifier`."""
        identifier = (identifier or "").strip()
        if is_citizen_id(identifier):
            return self.get(citizen_id=identifier)
        return self.get(phone=normalize_phone(identifier))


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: citizens, officers, leaders, digital-team helpers, administrators.

    People sign in with their phone number or their 12-digit citizen ID (CCCD).
    """

    phone = models.CharField(
        _("số điện thoại"), max_length=15, unique=True, validators=[validate_phone]
    )
    citizen_id = models.CharField(
        _("số CCCD"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_citizen_id],
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("Cơ quan của cán bộ, lãnh đạo; để trống với công dân."),
    )
    preferred_language = models.CharField(
        _("ngôn ngữ"), max_length=5, choices=[("vi", "Tiếng Việt"), ("en", "English")], default="vi"
    )
    # Channels for notifications about this person's dossiers (notifications.preferences).
    notify_sms = models.BooleanField(_("nhận tin nhắn SMS"), default=True)
    notify_email = models.BooleanField(_("nhận thư điện tử"), default=False)
    notify_in_app = models.BooleanField(_("nhận thông báo trên trang"), default=True)
    # A phone is the person's identity: it counts as theirs only after they typed the code sent
    # to it (accounts.verification). Accounts made before verification existed start unproven.
    phone_verified_at = models.DateTimeField(_("xác minh số điện thoại lúc"), null=True, blank=True)
    # Password-reset links go by email only to an address proven by a link sent to it.
    email_verified_at = models.DateTimeField(_("xác minh email lúc"), null=True, blank=True)
    is_staff = models.BooleanField(_("vào trang quản trị"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    date_joined = models.DateTimeField(_("ngày tạo"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "phone"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        permissions = [("register_citizen", _("Đăng ký tài khoản hộ công dân"))]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.phone})"

    def clean(self) -> None:
        super().clean()
        self.phone = normalize_phone(self.phone)
        if self.citizen_id == "":
            self.citizen_id = None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.phone

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role names (group names) this user holds; one query, then cached."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles

    @property
    def phone_verified(self) -> bool:
        """The holder proved the phone with a code: dossiers others make for it reach them."""
        return self.phone_verified_at is not None

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None and bool(self.email)

    @property
    def is_claimed(self) -> bool:
        """Someone proved the phone and set a password; unclaimed records wait for their owner."""
        return self.phone_verified and self.has_usable_password()

    @property
    def is_staff_member(self) -> bool:
        """Works with other people's data (officer, leader, helper, administrator): shorter
        sessions on shared commune computers."""
        return (
            self.is_staff
            or self.is_superuser
            or self.agency_id is not None
            or bool(self.roles - {str(Role.CITIZEN)})
        )

    @property
    def is_officer(self) -> bool:
        return self.has_role(Role.OFFICER)

    @property
    def is_leader(self) -> bool:
        return self.has_role(Role.LEADER)

    @property
    def is_digital_helper(self) -> bool:
        return self.has_role(Role.DIGITAL_HELPER)


class CodePurpose(models.TextChoices):
    SIGN_UP = "sign_up", _("Đăng ký tài khoản")
    RESET = "reset", _("Đặt lại mật khẩu")
    CLAIM = "claim", _("Kích hoạt tài khoản")
    VERIFY = "verify", _("Xác minh số điện thoại")
    CONSENT = "consent", _("Đồng ý cho người hỗ trợ nộp hộ")


class PhoneCode(models.Model):
    """One one-time code sent by SMS (accounts.verification): only its salted HMAC is kept.

    `target` is what the code was asked for (the phone, or the CCCD typed on the reset page)
    and counts the codes asked per phone; `user` is who holds that phone. A code asked for a
    phone nobody holds is recorded with no user and no hash: nothing is sent, nothing matches,
    and it counts like any other, so the answers and the limits never tell whether an account
    exists.
    """

    user = models.ForeignKey(
        User, verbose_name=_("người nhận"), on_delete=models.CASCADE, null=True, blank=True
    )
    target = models.CharField(_("số được yêu cầu"), max_length=20)
    purpose = models.CharField(_("mục đích"), max_length=10, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    attempts = models.PositiveSmallIntegerField(_("số lần nhập"), default=0)
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("đóng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác minh")
        verbose_name_plural = _("mã xác minh")
        indexes = [models.Index(fields=["target", "created_at"], name="phone_code_target")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.target} ({self.created_at:%Y-%m-%d %H:%M})"
