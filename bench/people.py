"""The place and the people of a generated dataset: communes under the province, citizens,
and two officers and a leader per commune (a leader for the province too)."""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from agencies.models import Agency

IDENTIFIER = "001.{a:02d}.{b:02d}.H33"  # 13 characters, QCVN 102:2016-like, never the catalog's
CITIZEN_PHONE = "0399{:06d}"
STAFF_PHONE = "0388{:06d}"


def _words(text: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(sep) if word.strip())


_FAMILY = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
_MIDDLE = _words("Văn Thị Hữu Minh Ngọc Thanh Quốc Đức Thu Kim Gia Bảo")
_GIVEN = _words(
    "An Bình Cường Dung Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh Long Mai Minh Nam Nga "
    "Ngọc Phong Phúc Quang Sơn Tâm Thảo Thắng Trang Tuấn Vy Yến Đạt Duy Giang Hân Khoa Lộc"
)
_PLACES = _words(
    "Tân Phú|Thạnh An|Long Hòa|Phước Thới|Thới Lai|Vĩnh Thạnh|Cờ Đỏ|Trung An|Thạnh Phú|Nhơn Ái|"
    "Mỹ Khánh|Giai Xuân|Tân Thới|Trường Lạc|Đông Thuận|Xuân Thắng|Định Môn|Thạnh Lộc|Hòa Bình|"
    "An Khánh|Phú Hữu|Tân Lộc|Thuận Hưng|Long Tuyền|Bình Thủy|Ô Môn|Trà Nóc|Hưng Phú|Cái Răng|"
    "Ba Láng|Phong Điền|Mỹ Hòa|Trường Xuân|Đông Hiệp|Thới Hưng|Vĩnh Trinh|Trung Hưng|Thạnh Quới",
    "|",
)

Citizen = tuple[int, str, str]  # (id, full name, phone)


def province() -> Agency:
    """The top agency, created when the catalog has none."""
    top = Agency.objects.filter(parent=None).order_by("pk").first()
    if top is None:
        top = Agency.objects.create(
            name="UBND tỉnh Mẫu", identifier="001.00.00.H33", level=Agency.Level.PROVINCE
        )
    return top


def communes(top: Agency, count: int) -> list[Agency]:
    """`count` communes under `top`, found again by their identifiers on a second run."""
    made = []
    for i in range(1, count + 1):
        identifier = IDENTIFIER.format(a=i // 100, b=i % 100)
        place = _PLACES[(i - 1) % len(_PLACES)]
        suffix = f" {(i - 1) // len(_PLACES) + 1}" if i > len(_PLACES) else ""
        agency, _created = Agency.objects.get_or_create(
            identifier=identifier,
            defaults={
                "name": f"UBND xã {place}{suffix}",
                "level": Agency.Level.COMMUNE,
                "parent": top,
            },
        )
        made.append(agency)
    return made


def _name(rng: random.Random) -> str:
    family = rng.choice(_FAMILY)
    middle = rng.choice(_MIDDLE)
    return f"{family} {middle} {rng.choice(_GIVEN)}"


def people(
    rng: random.Random, top: Agency, places: list[Agency], citizens: int
) -> tuple[list[Citizen], dict[int, list[int]]]:
    """Citizens (id, name, phone) and the officers of each commune (ids); leaders too."""
    password = make_password(None)
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=Role.values)}
    staff = _staff(rng, [top, *places], password)
    made = _citizens(rng, citizens, password)
    through = User.groups.through
    links = [through(user_id=user.pk, group_id=groups[role]) for user, role in staff]
    links += [through(user_id=pk, group_id=groups[Role.CITIZEN]) for pk, _n, _p in made]
    through.objects.bulk_create(links, batch_size=5000)
    officers: dict[int, list[int]] = {}
    for user, role in staff:
        if role == Role.OFFICER:
            officers.setdefault(user.agency_id, []).append(user.pk)
    return made, officers


def _staff(rng: random.Random, agencies: list[Agency], password: str) -> list[tuple[User, str]]:
    """A leader per agency and two officers per commune, saved: (user, role)."""
    now = timezone.now()
    first = User.objects.filter(phone__startswith=STAFF_PHONE[:4]).count()
    staff: list[User] = []
    roles: list[str] = []
    for agency in agencies:
        posts = [(Role.LEADER, True)]
        if agency.level == Agency.Level.COMMUNE:
            posts += [(Role.OFFICER, False), (Role.OFFICER, False)]
        for role, with_email in posts:
            n = first + len(staff)
            staff.append(
                User(
                    phone=STAFF_PHONE.format(n),
                    full_name=_name(rng),
                    email=f"lanhdao{n}@example.gov.vn" if with_email else "",
                    agency=agency,
                    password=password,
                    date_joined=now,
                )
            )
            roles.append(role)
    User.objects.bulk_create(staff, batch_size=2000)
    role_of = dict(zip([user.phone for user in staff], roles, strict=True))
    saved = User.objects.filter(
        phone__gte=STAFF_PHONE.format(first), phone__lt=STAFF_PHONE.format(first + len(staff))
    ).order_by("phone")
    return [(user, role_of[user.phone]) for user in saved]


def _citizens(rng: random.Random, count: int, password: str) -> list[Citizen]:
    now = timezone.now()
    first = User.objects.filter(phone__startswith=CITIZEN_PHONE[:4]).count()
    User.objects.bulk_create(
        [
            User(
                phone=CITIZEN_PHONE.format(first + i),
                full_name=_name(rng),
                password=password,
                date_joined=now,
            )
            for i in range(count)
        ],
        batch_size=5000,
    )
    return list(
        User.objects.filter(
            phone__gte=CITIZEN_PHONE.format(first),
            phone__lt=CITIZEN_PHONE.format(first + count),
        ).values_list("pk", "full_name", "phone")
    )
