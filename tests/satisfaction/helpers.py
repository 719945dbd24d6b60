"""Small helpers for the satisfaction tests: moments, the link's path, what was stored."""

import datetime
import zoneinfo

from dossiers.models import Dossier
from satisfaction.links import rating_url
from satisfaction.models import Evaluation

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"

ALREADY = "Hồ sơ này đã được đánh giá"
TAMPERED = "Liên kết đánh giá không đúng"
EXPIRED = "Liên kết đánh giá đã hết hạn"
NOT_RETURNED = "chưa trả kết quả"


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=VN)


def link_path(dossier: Dossier) -> str:
    url = rating_url(dossier)
    assert url.startswith("https://motcua.example.vn/danh-gia/")
    return url.removeprefix("https://motcua.example.vn")


def evaluations(dossier: Dossier) -> list[Evaluation]:
    return list(Evaluation.objects.filter(dossier=dossier))
