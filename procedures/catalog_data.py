"""The starter catalog: fields and commune-level procedures (pure data).

`python manage.py load_catalog` loads it; see procedures/management/commands/load_catalog.py.
The keys that make a re-run update rather than duplicate: agency identifier, field name,
procedure (name, field), required document (name, procedure).

National codes (mã TTHC): a code is filled only where public material pairs that exact code
with that exact procedure; the comment above each says where. Otherwise it stays blank: an
administrator fills it from the Cổng Dịch vụ công quốc gia. Never guess one.

Fees: `fee_exempt` means exempt by law (miễn lệ phí), which is not the same as a procedure that
charges nothing. Where the amount is set by the city council (HĐND thành phố) the data says so in
`fee_note` and leaves `fee_vnd` at 0 until an administrator enters the local amount.
"""

from .declaration_forms import BIRTH_DECLARATION, COPY_EXTRACT_DECLARATION

# Agencies: agencies/seed.py (the agency tree sits below the catalog).

# --- Fields (lĩnh vực) --------------------------------------------------------------------------
HO_TICH = "Hộ tịch"
CHUNG_THUC = "Chứng thực"
BAO_TRO_XA_HOI = "Bảo trợ xã hội"
XAY_DUNG = "Hoạt động xây dựng"
HO_KINH_DOANH = "Thành lập và hoạt động của hộ kinh doanh"

FIELDS: list[dict] = [
    {"name": HO_TICH, "code": "", "order": 1},
    {"name": CHUNG_THUC, "code": "", "order": 2},
    {"name": BAO_TRO_XA_HOI, "code": "", "order": 3},
    {"name": XAY_DUNG, "code": "", "order": 4},
    {"name": HO_KINH_DOANH, "code": "", "order": 5},
]

# --- Shared wording -----------------------------------------------------------------------------
PARTIAL = "partial"  # một phần (mức độ 3)
FULL = "full"  # toàn trình (mức độ 4)
WORKING_DAYS = "working_days"
SAME_DAY = "same_day"

HO_TICH_LAW = (
    "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; "
    "Nghị định số 07/2025/NĐ-CP; Thông tư số 04/2020/TT-BTP"
)
CHUNG_THUC_LAW = (
    "Nghị định số 23/2015/NĐ-CP; Nghị định số 07/2025/NĐ-CP; Thông tư số 01/2020/TT-BTP; "
    "Thông tư số 226/2016/TT-BTC (phí chứng thực)"
)
BAO_TRO_LAW = "Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP"

HO_TICH_COUNCIL_FEE = (
    "Lệ phí đăng ký hộ tịch theo nghị quyết của HĐND thành phố (quản trị viên nhập mức thu); "
    "miễn cho người thuộc hộ nghèo, người khuyết tật, gia đình có công với cách mạng."
)

ID_DOCUMENT = "Giấy tờ tùy thân của người yêu cầu (thẻ căn cước, hộ chiếu hoặc tài khoản VNeID)"
PRESENT = "Xuất trình bản chính"
AUTHORISATION = "Văn bản ủy quyền (nếu nhờ người khác nộp hồ sơ)"


def _doc(name: str, quantity: str, mandatory: bool = True, online_form: dict | None = None) -> dict:
    return {
        "name": name,
        "quantity": quantity,
        "is_mandatory": mandatory,
        "online_form": online_form or {},
    }


# --- Procedures ---------------------------------------------------------------------------------
# Where a code was confirmed: "portal link" = public code that opens the Cổng Dịch vụ công quốc
# gia page by the code (maThuTuc=... / ma_tt=...) and labels it with the procedure's name;
# "guide" = a published step-by-step guide for submitting on the portal that names the code.
PROCEDURES: list[dict] = [
    # ---------------------------------------------------------------------------- Hộ tịch
    {
        # 1.001193: portal link "Thủ tục đăng ký khai sinh" (maThuTuc=1.001193); guide "Tìm thủ
        # tục đăng ký khai sinh (mã 1.001193)".
        "national_code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": HO_TICH,
        "online_level": FULL,
        "processing_amount": 1,
        "processing_unit": SAME_DAY,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": True,
        "fee_note": (
            "Miễn lệ phí khi đăng ký đúng hạn (Điều 11 Luật Hộ tịch); đăng ký quá hạn nộp lệ phí "
            "theo mức của HĐND thành phố. Bản sao trích lục nếu yêu cầu: 8.000 đồng/bản."
        ),
        "result_form": "Giấy khai sinh (bản chính); bản sao trích lục khai sinh nếu có yêu cầu",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc(
                "Tờ khai đăng ký khai sinh (theo mẫu)",
                "01 bản chính",
                online_form=BIRTH_DECLARATION,
            ),
            _doc(
                "Giấy chứng sinh; nếu không có: văn bản của người làm chứng xác nhận việc sinh "
                "hoặc giấy cam đoan về việc sinh",
                "01 bản chính",
            ),
            _doc(ID_DOCUMENT, PRESENT),
            _doc(AUTHORISATION, "01 bản chính", mandatory=False),
        ],
    },
    {
        # 1.000894: portal link "Thủ tục đăng ký kết hôn" (maThuTuc=1.000894 and ma_tt=1.000894);
        # guide "Thủ tục đăng ký kết hôn (mã 1.000894)".
        "national_code": "1.000894",
        "name": "Đăng ký kết hôn",
        "field": HO_TICH,
        "online_level": PARTIAL,
        # Within the day; up to 05 working days when the facts must be verified.
        "processing_amount": 1,
        "processing_unit": SAME_DAY,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": True,
        "fee_note": (
            "Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú trong nước (Điều 11 Luật "
            "Hộ tịch). Trường hợp cần xác minh: không quá 05 ngày làm việc."
        ),
        "result_form": "Giấy chứng nhận kết hôn (02 bản chính, mỗi bên 01 bản)",
        "legal_basis": (
            "Luật Hôn nhân và gia đình số 52/2014/QH13; " + HO_TICH_LAW + "; Nghị định số "
            "120/2025/NĐ-CP"
        ),
        "documents": [
            _doc("Tờ khai đăng ký kết hôn (theo mẫu; hai bên có thể khai chung)", "01 bản chính"),
            _doc("Giấy tờ tùy thân của hai bên nam, nữ", PRESENT),
            _doc(
                "Giấy xác nhận tình trạng hôn nhân (khi thông tin chưa có trong Cơ sở dữ liệu hộ "
                "tịch điện tử)",
                "01 bản chính",
                mandatory=False,
            ),
            _doc(
                "Trích lục ghi chú ly hôn (nếu đã ly hôn ở nước ngoài)",
                "01 bản sao",
                mandatory=False,
            ),
        ],
    },
    {
        # 1.000656: portal link "Thủ tục đăng ký khai tử" (maThuTuc=1.000656 and ma_tt=1.000656);
        # guide "Thủ tục đăng ký khai tử (mã 1.000656)".
        "national_code": "1.000656",
        "name": "Đăng ký khai tử",
        "field": HO_TICH,
        "online_level": FULL,
        "processing_amount": 1,
        "processing_unit": SAME_DAY,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": True,
        "fee_note": (
            "Miễn lệ phí khi đăng ký đúng hạn (Điều 11 Luật Hộ tịch); quá hạn nộp lệ phí theo "
            "mức của HĐND thành phố. Trường hợp cần xác minh: không quá 03 ngày làm việc."
        ),
        "result_form": "Trích lục khai tử (bản chính)",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai đăng ký khai tử (theo mẫu)", "01 bản chính"),
            _doc("Giấy báo tử hoặc giấy tờ thay thế giấy báo tử", "01 bản chính"),
            _doc(ID_DOCUMENT, PRESENT),
            _doc(AUTHORISATION, "01 bản chính", mandatory=False),
        ],
    },
    {
        # 1.004873: portal link "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"
        # (maThuTuc=1.004873 and ma_tt=1.004873).
        "national_code": "1.004873",
        "name": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "field": HO_TICH,
        "online_level": FULL,
        "processing_amount": 3,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": HO_TICH_COUNCIL_FEE,
        "result_form": "Giấy xác nhận tình trạng hôn nhân (bản chính)",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)", "01 bản chính"),
            _doc(
                "Giấy tờ chứng minh đã ly hôn hoặc người kia đã chết (nếu trước đây đã kết hôn)",
                "01 bản sao",
                mandatory=False,
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 1.001022: guide "Thủ tục đăng ký nhận cha, mẹ, con (mã 1.001022)", and a catalog
        # index that keys the same procedure by this code.
        "national_code": "1.001022",
        "name": "Đăng ký nhận cha, mẹ, con",
        "field": HO_TICH,
        "online_level": PARTIAL,
        "processing_amount": 3,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": HO_TICH_COUNCIL_FEE + " Cần xác minh: không quá 05 ngày làm việc.",
        "result_form": "Trích lục đăng ký nhận cha, mẹ, con (bản chính)",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)", "01 bản chính"),
            _doc(
                "Chứng cứ chứng minh quan hệ cha, mẹ, con (văn bản giám định ADN hoặc văn bản "
                "của cơ quan y tế, cơ quan có thẩm quyền)",
                "01 bản chính hoặc bản sao",
            ),
            _doc("Giấy tờ tùy thân của bên nhận và bên được nhận", PRESENT),
        ],
    },
    {
        # 1.000689: portal link "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con"
        # (maThuTuc=1.000689).
        "national_code": "1.000689",
        "name": "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con",
        "field": HO_TICH,
        "online_level": PARTIAL,
        "processing_amount": 3,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": (
            "Miễn lệ phí khai sinh đúng hạn; lệ phí nhận cha, mẹ, con theo mức của HĐND thành "
            "phố (quản trị viên nhập mức thu)."
        ),
        "result_form": "Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con (bản chính)",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai đăng ký khai sinh (theo mẫu)", "01 bản chính"),
            _doc("Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)", "01 bản chính"),
            _doc("Giấy chứng sinh hoặc giấy tờ thay thế", "01 bản chính"),
            _doc(
                "Chứng cứ chứng minh quan hệ cha, mẹ, con (văn bản giám định ADN hoặc văn bản "
                "của cơ quan y tế)",
                "01 bản chính hoặc bản sao",
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 1.004884: portal link "Thủ tục đăng ký lại khai sinh" (maThuTuc=1.004884 and
        # ma_tt=1.004884); guide "(mã 1.004884)".
        "national_code": "1.004884",
        "name": "Đăng ký lại khai sinh",
        "field": HO_TICH,
        "online_level": PARTIAL,
        "processing_amount": 5,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": HO_TICH_COUNCIL_FEE,
        "result_form": "Giấy khai sinh (bản chính)",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai đăng ký lại khai sinh (theo mẫu)", "01 bản chính"),
            _doc(
                "Bản sao Giấy khai sinh cũ hoặc giấy tờ, tài liệu có thông tin về họ tên, ngày "
                "sinh, quê quán, cha mẹ (học bạ, văn bằng, hồ sơ cán bộ...)",
                "01 bản sao",
            ),
            _doc(
                "Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không lưu giữ được bản chính",
                "01 bản chính",
                mandatory=False,
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 1.004746: portal link "Thủ tục đăng ký lại kết hôn" (maThuTuc=1.004746 and
        # ma_tt=1.004746).
        "national_code": "1.004746",
        "name": "Đăng ký lại kết hôn",
        "field": HO_TICH,
        "online_level": PARTIAL,
        "processing_amount": 5,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": HO_TICH_COUNCIL_FEE,
        "result_form": "Giấy chứng nhận kết hôn (bản chính)",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai đăng ký lại kết hôn (theo mẫu)", "01 bản chính"),
            _doc(
                "Bản sao Giấy chứng nhận kết hôn được cấp trước đây; nếu không có: giấy tờ, tài "
                "liệu có thông tin về việc kết hôn",
                "01 bản sao",
                mandatory=False,
            ),
            _doc("Giấy tờ tùy thân của hai bên vợ, chồng", PRESENT),
        ],
    },
    {
        # Code left blank: public sources disagree on which code this procedure carries.
        "national_code": "",
        "name": "Đăng ký giám hộ",
        "field": HO_TICH,
        "online_level": PARTIAL,
        "processing_amount": 3,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": True,
        "fee_note": "Miễn lệ phí đăng ký giám hộ (Điều 11 Luật Hộ tịch).",
        "result_form": "Trích lục đăng ký giám hộ (bản chính)",
        "legal_basis": "Bộ luật Dân sự số 91/2015/QH13; " + HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai đăng ký giám hộ (theo mẫu)", "01 bản chính"),
            _doc(
                "Văn bản cử người giám hộ (trường hợp giám hộ cử)",
                "01 bản chính",
                mandatory=False,
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 1.004859: portal link "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại
        # dân tộc" (maThuTuc=1.004859 and ma_tt=1.004859).
        "national_code": "1.004859",
        "name": "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
        "field": HO_TICH,
        "online_level": PARTIAL,
        "processing_amount": 3,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": HO_TICH_COUNCIL_FEE + " Bổ sung thông tin hộ tịch: giải quyết ngay trong ngày.",
        "result_form": "Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch (bản chính)",
        "legal_basis": HO_TICH_LAW,
        "documents": [
            _doc("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "01 bản chính"),
            _doc(
                "Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung (giấy khai sinh, văn bằng, quyết "
                "định của cơ quan có thẩm quyền...)",
                "01 bản sao",
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 2.000635: portal link "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"
        # (maThuTuc=2.000635 and ma_tt=2.000635).
        "national_code": "2.000635",
        "name": "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
        "field": HO_TICH,
        "online_level": FULL,
        "processing_amount": 1,
        "processing_unit": SAME_DAY,
        "same_day_cutoff": None,
        "fee_vnd": 8000,
        "fee_exempt": False,
        "fee_note": "8.000 đồng/bản sao (Thông tư số 281/2016/TT-BTC).",
        "result_form": "Bản sao Trích lục hộ tịch hoặc bản sao Giấy khai sinh",
        "legal_basis": HO_TICH_LAW + "; Thông tư số 281/2016/TT-BTC",
        "documents": [
            _doc(
                "Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)",
                "01 bản chính",
                online_form=COPY_EXTRACT_DECLARATION,
            ),
            _doc(ID_DOCUMENT, PRESENT),
            _doc(AUTHORISATION, "01 bản chính", mandatory=False),
        ],
    },
    # ---------------------------------------------------------------------------- Chứng thực
    {
        # 2.000815: portal link with this full name (maThuTuc=2.000815 and ma_tt=2.000815), and a
        # title-correction table for the national catalog that pairs 2.000815 with this name.
        "national_code": "2.000815",
        "name": (
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền "
            "của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có "
            "thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài "
            "cấp hoặc chứng nhận"
        ),
        "field": CHUNG_THUC,
        "online_level": PARTIAL,
        # Within the day; the next working day when received after 15:00 (the default cut-off).
        "processing_amount": 1,
        "processing_unit": SAME_DAY,
        "same_day_cutoff": None,
        "fee_vnd": 2000,
        "fee_exempt": False,
        "fee_note": (
            "2.000 đồng/trang cho trang thứ nhất và thứ hai; từ trang thứ ba: 1.000 đồng/trang; "
            "tối đa 200.000 đồng/bản."
        ),
        "result_form": "Bản sao được chứng thực từ bản chính",
        "legal_basis": CHUNG_THUC_LAW,
        "documents": [
            _doc("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", PRESENT),
            _doc("Bản sao cần chứng thực (bản chụp từ bản chính)", "Theo số bản cần chứng thực"),
        ],
    },
    {
        # 2.000884: portal link with this name (maThuTuc=2.000884 and ma_tt=2.000884), and the
        # same title-correction table.
        "national_code": "2.000884",
        "name": (
            "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực "
            "điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ "
            "được)"
        ),
        "field": CHUNG_THUC,
        "online_level": PARTIAL,
        "processing_amount": 1,
        "processing_unit": SAME_DAY,
        "same_day_cutoff": None,
        "fee_vnd": 10000,
        "fee_exempt": False,
        "fee_note": "10.000 đồng/trường hợp (một hoặc nhiều chữ ký trong một giấy tờ, văn bản).",
        "result_form": "Giấy tờ, văn bản được chứng thực chữ ký",
        "legal_basis": CHUNG_THUC_LAW,
        "documents": [
            _doc(
                "Giấy tờ, văn bản cần chứng thực chữ ký (người yêu cầu ký trước mặt người thực "
                "hiện chứng thực)",
                "01 bản chính",
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 2.001035: portal link with this name (maThuTuc=2.001035), and the same title table.
        "national_code": "2.001035",
        "name": "Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở",
        "field": CHUNG_THUC,
        "online_level": PARTIAL,
        "processing_amount": 2,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 50000,
        "fee_exempt": False,
        "fee_note": "50.000 đồng/hợp đồng, giao dịch.",
        "result_form": "Hợp đồng, giao dịch được chứng thực",
        "legal_basis": CHUNG_THUC_LAW,
        "documents": [
            _doc("Dự thảo hợp đồng, giao dịch", "01 bản chính"),
            _doc("Giấy tờ tùy thân của người yêu cầu chứng thực", "01 bản sao"),
            _doc(
                "Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản hoặc giấy tờ thay thế (với "
                "tài sản phải đăng ký quyền sở hữu, quyền sử dụng)",
                "01 bản sao",
            ),
        ],
    },
    {
        # 2.001019: portal link "Chứng thực di chúc" (maThuTuc=2.001019), and a catalog table
        # taken from a city's TTHC publication decision pairing 2.001019 with "Chứng thực di chúc".
        "national_code": "2.001019",
        "name": "Chứng thực di chúc",
        "field": CHUNG_THUC,
        "online_level": PARTIAL,
        "processing_amount": 2,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 50000,
        "fee_exempt": False,
        "fee_note": "50.000 đồng/di chúc.",
        "result_form": "Di chúc được chứng thực",
        "legal_basis": "Bộ luật Dân sự số 91/2015/QH13; " + CHUNG_THUC_LAW,
        "documents": [
            _doc("Dự thảo di chúc", "01 bản chính"),
            _doc("Giấy tờ tùy thân của người lập di chúc", "01 bản sao"),
            _doc(
                "Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản hoặc giấy tờ thay thế (nếu "
                "di chúc định đoạt tài sản phải đăng ký)",
                "01 bản sao",
                mandatory=False,
            ),
        ],
    },
    {
        # 2.000908: portal link "Thủ tục cấp bản sao từ sổ gốc" (maThuTuc=2.000908), and the
        # same publication table pairing 2.000908 with "Cấp bản sao từ sổ gốc".
        "national_code": "2.000908",
        "name": "Cấp bản sao từ sổ gốc",
        "field": CHUNG_THUC,
        "online_level": PARTIAL,
        "processing_amount": 1,
        "processing_unit": SAME_DAY,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": "Không thu phí (theo trang thủ tục trên Cổng dịch vụ công cấp tỉnh).",
        "result_form": "Bản sao được cấp từ sổ gốc",
        "legal_basis": CHUNG_THUC_LAW,
        "documents": [
            _doc(ID_DOCUMENT, PRESENT),
            _doc(
                "Giấy tờ chứng minh quan hệ với người được cấp bản chính (nếu người yêu cầu là "
                "cha, mẹ, vợ, chồng, con, anh, chị, em ruột hoặc người thừa kế)",
                "01 bản sao",
                mandatory=False,
            ),
        ],
    },
    # ---------------------------------------------------------------------------- Bảo trợ xã hội
    # Processing times in this field are indicative: check them against the city's decision
    # publishing the commune's procedures after the 2025 reform before relying on due dates.
    {
        # 1.001776: portal link with this full name (maThuTuc=1.001776, Bộ Y tế portal).
        "national_code": "1.001776",
        "name": (
            "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm "
            "sóc, nuôi dưỡng hàng tháng"
        ),
        "field": BAO_TRO_XA_HOI,
        "online_level": PARTIAL,
        "processing_amount": 16,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": "Không thu phí, lệ phí.",
        "result_form": (
            "Quyết định hưởng, điều chỉnh hoặc thôi hưởng trợ cấp xã hội hàng tháng của Chủ "
            "tịch UBND xã"
        ),
        "legal_basis": BAO_TRO_LAW,
        "documents": [
            _doc(
                "Tờ khai đề nghị trợ giúp xã hội (theo mẫu ban hành kèm Nghị định 20/2021/NĐ-CP)",
                "01 bản chính",
            ),
            _doc(
                "Giấy tờ chứng minh thuộc diện hưởng (Giấy xác nhận khuyết tật, giấy tờ về hộ "
                "nghèo, quyết định của cơ quan có thẩm quyền...)",
                "01 bản sao",
                mandatory=False,
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 1.001699: portal link with this full name (maThuTuc=1.001699).
        "national_code": "1.001699",
        "name": "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        "field": BAO_TRO_XA_HOI,
        "online_level": PARTIAL,
        "processing_amount": 25,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": "Không thu phí, lệ phí.",
        "result_form": "Giấy xác nhận khuyết tật",
        "legal_basis": (
            "Luật Người khuyết tật số 51/2010/QH12; Nghị định số 28/2012/NĐ-CP; "
            "Thông tư số 01/2019/TT-BLĐTBXH"
        ),
        "documents": [
            _doc(
                "Đơn đề nghị xác định, xác định lại mức độ khuyết tật và cấp, cấp đổi, cấp lại "
                "Giấy xác nhận khuyết tật (Mẫu số 01, Thông tư 01/2019/TT-BLĐTBXH)",
                "01 bản chính",
            ),
            _doc(
                "Giấy tờ liên quan đến khuyết tật (bệnh án, giấy khám, điều trị, phẫu thuật...)",
                "01 bản sao",
                mandatory=False,
            ),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    {
        # 1.001731: portal link "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội"
        # (maThuTuc=1.001731), in two independent registries.
        "national_code": "1.001731",
        "name": "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "field": BAO_TRO_XA_HOI,
        "online_level": PARTIAL,
        "processing_amount": 3,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": "Không thu phí, lệ phí.",
        "result_form": "Quyết định hỗ trợ chi phí mai táng",
        "legal_basis": BAO_TRO_LAW,
        "documents": [
            _doc(
                "Tờ khai đề nghị hỗ trợ chi phí mai táng (theo mẫu ban hành kèm Nghị định "
                "20/2021/NĐ-CP)",
                "01 bản chính",
            ),
            _doc("Giấy báo tử hoặc trích lục khai tử", "01 bản sao"),
            _doc(ID_DOCUMENT, PRESENT),
        ],
    },
    # ---------------------------------------------------------------------------- Xây dựng
    {
        # 1.013225: portal link with this name (maThuTuc=1.013225), and a table of a province's
        # TTHC publication decision pairing 1.013225 with this name.
        "national_code": "1.013225",
        "name": "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "field": XAY_DUNG,
        "online_level": PARTIAL,
        "processing_amount": 15,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": (
            "Lệ phí cấp giấy phép xây dựng theo nghị quyết của HĐND thành phố (quản trị viên "
            "nhập mức thu)."
        ),
        "result_form": "Giấy phép xây dựng kèm bản vẽ thiết kế có đóng dấu",
        "legal_basis": (
            "Luật Xây dựng số 50/2014/QH13 (sửa đổi bởi Luật số 62/2020/QH14); "
            "Nghị định số 175/2024/NĐ-CP"
        ),
        "documents": [
            _doc("Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)", "01 bản chính"),
            _doc("Giấy tờ chứng minh quyền sử dụng đất", "01 bản sao"),
            _doc("Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)", "02 bộ"),
            _doc(
                "Bản cam kết bảo đảm an toàn cho công trình liền kề (khi có công trình liền kề)",
                "01 bản chính",
                mandatory=False,
            ),
        ],
    },
    # ---------------------------------------------------------------------------- Hộ kinh doanh
    {
        # 1.001612: portal list item "Đăng ký thành lập hộ kinh doanh" keyed 1.001612, and a
        # registry entry "Đăng ký thành lập hộ kinh doanh" noting "Mã TTHC quốc gia 1.001612".
        "national_code": "1.001612",
        "name": "Đăng ký thành lập hộ kinh doanh",
        "field": HO_KINH_DOANH,
        "online_level": PARTIAL,
        "processing_amount": 3,
        "processing_unit": WORKING_DAYS,
        "same_day_cutoff": None,
        "fee_vnd": 0,
        "fee_exempt": False,
        "fee_note": (
            "Lệ phí đăng ký hộ kinh doanh theo nghị quyết của HĐND thành phố (quản trị viên nhập "
            "mức thu)."
        ),
        "result_form": "Giấy chứng nhận đăng ký hộ kinh doanh",
        "legal_basis": "Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP",
        "documents": [
            _doc("Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)", "01 bản chính"),
            _doc("Giấy tờ pháp lý của cá nhân là chủ hộ kinh doanh", "01 bản sao"),
            _doc(
                "Biên bản họp thành viên hộ gia đình (khi các thành viên cùng thành lập)",
                "01 bản sao",
                mandatory=False,
            ),
        ],
    },
]
