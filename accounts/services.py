from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import User
from .roles import Role
from .validators import normalize_phone


def find_or_register_citizen(
    *, phone: str, full_name: str, citizen_id: str = "", address: str = ""
) -> User:
    """The citizen with this phone or citizen ID, or a new account without a password.

    A citizen registered this way (at the desk, or by a digital-team helper) claims the
    account later by setting a password; nobody else ever holds it.
    """
    phone = normalize_phone(phone)
    by_phone = User.objects.filter(phone=phone).first()
    by_id = User.objects.filter(citizen_id=citizen_id).first() if citizen_id else None
    if by_phone and by_id and by_phone != by_id:
        raise ValidationError(
            _("Số điện thoại và số CCCD thuộc hai tài khoản khác nhau. Vui lòng kiểm tra lại.")
        )
    existing = by_phone or by_id
    if existing:
        return existing
    with transaction.atomic():
        user = User.objects.create_user(
            phone=phone,
            password=None,
            full_name=full_name,
            citizen_id=citizen_id or None,
            address=address,
        )
        user.groups.add(Group.objects.get(name=Role.CITIZEN))
    return user
