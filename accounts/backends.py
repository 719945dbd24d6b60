from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User


class PhoneOrCitizenIdBackend(ModelBackend):
    """Sign in with a phone number (any common spelling) or a 12-digit citizen ID."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ) -> User | None:
        if username is None or password is None:
            return None
        try:
            user = User.objects.get_by_identifier(username)
        except User.DoesNotExist:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
