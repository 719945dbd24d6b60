"""`python manage.py create_demo_accounts`: one demo account per role, for trying MotCua out.

Each new account gets a random password (the `secrets` module), printed once in a table and
never stored anywhere else. An account that already exists (same phone number) is left exactly
as it is and its password is not printed again. The officer and the leader belong to UBND xã
Thạnh Xuân, so the catalog must be loaded first (`python manage.py load_catalog`).
"""

import secrets
import string
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency
from agencies.seed import THANH_XUAN_IDENTIFIER

# No look-alike characters (0/O, 1/l/I): the password is read off a screen and typed by hand.
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
PASSWORD_LENGTH = 16


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    phone: str
    full_name: str
    in_commune: bool = False  # works for UBND xã Thạnh Xuân
    citizen_id: str | None = None


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(Role.CITIZEN, "0900000001", "Nguyễn Thị Mai", citizen_id="092195000101"),
    DemoAccount(Role.OFFICER, "0900000002", "Trần Văn Hùng", in_commune=True),
    DemoAccount(Role.LEADER, "0900000003", "Lê Minh Tuấn", in_commune=True),
    DemoAccount(Role.DIGITAL_HELPER, "0900000004", "Phạm Thị Lan"),
    DemoAccount(Role.ADMINISTRATOR, "0900000005", "Võ Quốc Bảo"),
)


def generate_password(user: User | None = None) -> str:
    """A random password with lower and upper case letters and digits that passes the
    project's password validators."""
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if not (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            continue
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


class Command(BaseCommand):
    help = (
        "Tạo một tài khoản thử nghiệm cho mỗi vai trò (công dân, cán bộ, lãnh đạo, tổ công nghệ "
        "số, quản trị) và in mật khẩu ngẫu nhiên một lần duy nhất. Tài khoản đã có được giữ nguyên."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        commune = Agency.objects.filter(identifier=THANH_XUAN_IDENTIFIER).first()
        if commune is None:
            raise CommandError(
                "Chưa có danh mục cơ quan (UBND xã Thạnh Xuân, mã "
                f"{THANH_XUAN_IDENTIFIER}). Hãy chạy `python manage.py load_catalog` trước."
            )
        groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        missing = [role for role in Role.values if role not in groups]
        if missing:
            raise CommandError(
                f"Thiếu nhóm vai trò {', '.join(missing)}. Hãy chạy `python manage.py migrate`."
            )

        rows: list[tuple[str, ...]] = []
        created = 0
        with transaction.atomic():
            for account in DEMO_ACCOUNTS:
                user = User.objects.select_related("agency").filter(phone=account.phone).first()
                if user is None:
                    agency = commune if account.in_commune else None
                    user, password = self._create(account, agency, groups[account.role])
                    created += 1
                else:
                    password = "(đã có, giữ nguyên; không in lại mật khẩu)"
                rows.append(
                    (
                        str(account.role.label),
                        user.full_name,
                        user.phone,
                        user.agency.name if user.agency else "-",
                        password,
                    )
                )

        self._print_table(rows)
        if created:
            self.stdout.write(
                self.style.WARNING(
                    f"Đã tạo {created} tài khoản. Mật khẩu chỉ hiện MỘT LẦN: hãy lưu lại ngay."
                )
            )
        else:
            self.stdout.write("Mọi tài khoản thử nghiệm đã có: không tạo thêm, không in mật khẩu.")

    def _create(
        self, account: DemoAccount, agency: Agency | None, group: Group
    ) -> tuple[User, str]:
        password = generate_password()
        # Demo phones count as proven, so dossiers an officer makes for them show at once.
        fields: dict[str, Any] = {
            "full_name": account.full_name,
            "agency": agency,
            "phone_verified_at": timezone.now(),
        }
        if account.citizen_id and not User.objects.filter(citizen_id=account.citizen_id).exists():
            fields["citizen_id"] = account.citizen_id
        try:
            if account.role == Role.ADMINISTRATOR:
                user = User.objects.create_superuser(account.phone, password, **fields)
            else:
                user = User.objects.create_user(account.phone, password, **fields)
        except ValidationError as error:
            raise CommandError(f"Không tạo được tài khoản {account.phone}: {error}") from error
        user.groups.add(group)
        return user, password

    def _print_table(self, rows: list[tuple[str, ...]]) -> None:
        header = ("Vai trò", "Họ và tên", "Số điện thoại", "Cơ quan", "Mật khẩu")
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write(rule)
        self.stdout.write(line(header))
        self.stdout.write(rule)
        for row in rows:
            self.stdout.write(line(row))
        self.stdout.write(rule)
