"""The applicant's details as given on one dossier (they may differ from the account's)."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User


@dataclass(frozen=True)
class ApplicantDetails:
    full_name: str
    phone: str
    citizen_id: str = ""
    address: str = ""
    email: str = ""
    result_delivery: str = ""  # fees.ResultDelivery; empty keeps the dossier's

    @classmethod
    def of(cls, user: User) -> ApplicantDetails:
        return cls(
            full_name=user.full_name,
            phone=user.phone,
            citizen_id=user.citizen_id or "",
            address=user.address,
            email=user.email,
        )

    @classmethod
    def from_form(cls, data: dict[str, str]) -> ApplicantDetails:
        """From a form's cleaned data (the desk's form has no email)."""
        return cls(
            full_name=data["full_name"],
            phone=data["phone"],
            citizen_id=data.get("citizen_id", ""),
            address=data.get("address", ""),
            email=data.get("email", ""),
            result_delivery=data.get("result_delivery", ""),
        )

    def account_fields(self) -> dict[str, str]:
        """What an account registered at the desk or by a helper starts with."""
        return {
            "phone": self.phone,
            "full_name": self.full_name,
            "citizen_id": self.citizen_id,
            "address": self.address,
        }

    def as_fields(self) -> dict[str, str]:
        """The dossier's applicant_* fields (and how the result is to be received, if said)."""
        fields = {
            "applicant_name": self.full_name,
            "applicant_phone": self.phone,
            "applicant_citizen_id": self.citizen_id,
            "applicant_address": self.address,
            "applicant_email": self.email,
        }
        if self.result_delivery:
            fields["result_delivery"] = self.result_delivery
        return fields
