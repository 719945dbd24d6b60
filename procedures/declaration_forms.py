"""The declarations of the starter catalog that citizens fill online (pure data; the format is
procedures.online_forms). Fields follow the official forms of Circular 04/2020/TT-BTP."""

ETHNICITY_HELP = "Ví dụ: Kinh"
SEX = ["Nam", "Nữ"]


def _text(name: str, label: str, *, required: bool = True, max_length: int = 150, **extra) -> dict:
    return {
        "name": name,
        "label": label,
        "type": "text",
        "required": required,
        "max_length": max_length,
        **extra,
    }


def _person(prefix: str, *, required: bool) -> list[dict]:
    """A parent as the birth declaration asks: name, year of birth, ethnicity, nationality,
    residence, personal identification number."""
    return [
        _text(f"{prefix}_name", "Họ, chữ đệm, tên", required=required, max_length=100),
        {
            "name": f"{prefix}_birth_year",
            "label": "Năm sinh",
            "type": "integer",
            "required": required,
            "min": 1900,
            "max": 2100,
        },
        _text(f"{prefix}_ethnicity", "Dân tộc", required=required, max_length=50),
        _text(f"{prefix}_nationality", "Quốc tịch", required=required, max_length=50),
        _text(f"{prefix}_residence", "Nơi cư trú", required=required, max_length=255),
        _text(f"{prefix}_id_number", "Số định danh cá nhân", required=False, max_length=12),
    ]


def _requester() -> list[dict]:
    return [
        _text("requester_name", "Họ, chữ đệm, tên người yêu cầu", max_length=100),
        _text("requester_residence", "Nơi cư trú", max_length=255),
        _text(
            "requester_id",
            "Giấy tờ tùy thân (loại, số)",
            max_length=100,
            help="Ví dụ: Căn cước số 001099000111",
        ),
    ]


BIRTH_DECLARATION = {
    "title": "Tờ khai đăng ký khai sinh",
    "reference": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP",
    "sections": [
        {
            "title": "Người yêu cầu",
            "fields": [
                *_requester(),
                _text(
                    "requester_relation",
                    "Quan hệ với người được khai sinh",
                    max_length=50,
                    help="Ví dụ: cha, mẹ, ông, bà",
                ),
            ],
        },
        {
            "title": "Người được khai sinh",
            "fields": [
                _text("child_name", "Họ, chữ đệm, tên", max_length=100),
                {
                    "name": "child_birth_date",
                    "label": "Ngày, tháng, năm sinh",
                    "type": "date",
                    "required": True,
                    "not_future": True,
                },
                {
                    "name": "child_sex",
                    "label": "Giới tính",
                    "type": "choice",
                    "required": True,
                    "choices": SEX,
                },
                _text("child_ethnicity", "Dân tộc", max_length=50, help=ETHNICITY_HELP),
                _text("child_nationality", "Quốc tịch", max_length=50, help="Ví dụ: Việt Nam"),
                _text(
                    "child_birth_place", "Nơi sinh", max_length=255, help="Tên cơ sở y tế, xã, tỉnh"
                ),
                _text("child_home_town", "Quê quán", max_length=255),
            ],
        },
        {"title": "Mẹ", "fields": _person("mother", required=True)},
        {"title": "Cha", "fields": _person("father", required=False)},
    ],
}

COPY_EXTRACT_DECLARATION = {
    "title": "Tờ khai cấp bản sao trích lục hộ tịch",
    "reference": "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP",
    "sections": [
        {
            "title": "Người yêu cầu",
            "fields": [
                *_requester(),
                _text(
                    "requester_relation",
                    "Quan hệ với người được cấp bản sao trích lục",
                    max_length=50,
                    help="Ví dụ: bản thân, cha, mẹ, con",
                ),
            ],
        },
        {
            "title": "Đề nghị cấp bản sao",
            "fields": [
                {
                    "name": "record_kind",
                    "label": "Loại giấy tờ hộ tịch",
                    "type": "choice",
                    "required": True,
                    "choices": [
                        "Giấy khai sinh",
                        "Trích lục kết hôn",
                        "Trích lục khai tử",
                        "Trích lục hộ tịch khác",
                    ],
                },
                _text("subject_name", "Họ, chữ đệm, tên người được cấp bản sao", max_length=100),
                {
                    "name": "subject_birth_date",
                    "label": "Ngày, tháng, năm sinh",
                    "type": "date",
                    "required": True,
                    "not_future": True,
                },
                _text("registered_at", "Nơi đã đăng ký hộ tịch", max_length=255),
                _text(
                    "register_number",
                    "Số, quyển số đăng ký (nếu biết)",
                    required=False,
                    max_length=50,
                ),
                {
                    "name": "copies",
                    "label": "Số lượng bản sao",
                    "type": "integer",
                    "required": True,
                    "min": 1,
                    "max": 20,
                },
                {
                    "name": "purpose",
                    "label": "Mục đích sử dụng",
                    "type": "textarea",
                    "required": False,
                    "max_length": 300,
                },
            ],
        },
    ],
}
