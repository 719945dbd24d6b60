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
    def is_officer(self) -> bool:
        return self.has_role(Role.OFFICER)

    @property
    def is_leader(self) -> bool:
        return self.has_role(Role.LEADER)

    @property
    def is_digital_helper(self) -> bool:
        return self.has_role(Role.DIGITAL_HELPER)
