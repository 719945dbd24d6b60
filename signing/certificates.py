"""A development certificate authority and an agency signing certificate, as a PKCS#12 file.

Production agencies sign with the certificate their provider issued (a PKCS#12 file and its
password in SIGNING_PKCS12_PATH / SIGNING_PKCS12_PASSWORD, the provider's root in
SIGNING_TRUST_ROOTS). For development and tests, `manage.py create_signing_certificate` makes a
CA of our own and an agency certificate under it, so the embedded default signs out of the box.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["DevelopmentCertificates", "create_development_certificates"]

_VALID_DAYS = 3 * 365


@dataclass(frozen=True)
class DevelopmentCertificates:
    pkcs12_path: Path  # the agency's key and certificate (with the CA's certificate)
    ca_path: Path  # the CA's certificate (PEM): the trust root verification uses


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    subject: x509.Name,
    issuer: x509.Name,
    key: rsa.RSAPrivateKey,
    signing_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=_VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca else None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        ).add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
            critical=False,
        )
    return builder.sign(signing_key, hashes.SHA256())


def create_development_certificates(
    folder: Path, *, agency_name: str, password: str
) -> DevelopmentCertificates:
    """Write `ca.pem` and `agency.p12` (protected by `password`) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name("MotCua Development CA", "MotCua (chỉ dùng thử nghiệm)")
    ca_cert = _certificate(ca_name, ca_name, ca_key, ca_key, ca=True)
    agency_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    agency_cert = _certificate(
        _name(agency_name, agency_name), ca_name, agency_key, ca_key, ca=False
    )
    bundle = pkcs12.serialize_key_and_certificates(
        name=agency_name.encode("utf-8"),
        key=agency_key,
        cert=agency_cert,
        cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    result = DevelopmentCertificates(folder / "agency.p12", folder / "ca.pem")
    result.pkcs12_path.write_bytes(bundle)
    result.ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    return result
