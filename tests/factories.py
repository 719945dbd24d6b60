"""factory_boy factories shared by every test folder."""

import factory

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from procedures.models import Agency, Field, OnlineLevel, Procedure, RequiredDocument, TimeUnit

PASSWORD = "mat-khau-thu-nghiem-2026"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("identifier",)

    name = factory.Sequence(lambda n: f"UBND xã Thử Nghiệm {n}")
    identifier = factory.Sequence(lambda n: f"000.{n // 100:02d}.{n % 100:02d}.H33")
    level = Agency.Level.COMMUNE
    parent = None


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    field = factory.SubFactory(FieldFactory)
    online_level = OnlineLevel.FULL
    processing_amount = 3
    processing_unit = TimeUnit.WORKING_DAYS
    result_form = "Giấy chứng nhận"


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    procedure = factory.SubFactory(ProcedureFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ {n}")
    quantity = "01 bản chính"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; traits give the role: UserFactory(officer=True), UserFactory(citizen=True)."""

    class Meta:
        model = User

    phone = factory.Sequence(lambda n: f"09{n:08d}")
    citizen_id = factory.Sequence(lambda n: f"0010{n:08d}")
    full_name = "Nguyễn Văn An"
    role = None

    class Params:
        citizen = factory.Trait(role=Role.CITIZEN)
        officer = factory.Trait(role=Role.OFFICER, agency=factory.SubFactory(AgencyFactory))
        leader = factory.Trait(role=Role.LEADER, agency=factory.SubFactory(AgencyFactory))
        helper = factory.Trait(role=Role.DIGITAL_HELPER)

    @classmethod
    def _create(cls, model_class: type[User], *args: object, **kwargs: object) -> User:
        role = kwargs.pop("role", None)
        password = kwargs.pop("password", PASSWORD)
        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user
