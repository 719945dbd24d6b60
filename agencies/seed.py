"""The starter agency tree of the catalog (pure data): `load_catalog` loads it."""

# --- Agencies ---------------------------------------------------------------------------------
# Since 1 July 2025 Hậu Giang (with Sóc Trăng) is part of Thành phố Cần Thơ, and the district level
# is gone. Xã Thạnh Xuân, Xã Tân Hòa, Xã Trường Long Tây and Xã Châu Thành are communes of the new
# city (formerly of Châu Thành A and Châu Thành districts, Hậu Giang).
#
# ILLUSTRATIVE identifiers: the electronic identifiers below have the QCVN 102:2016 shape
# (000.00.12.H33, at most 13 characters) but were NOT confirmed against the city's real
# assignments. Replace them with the codes the city publishes before going live: they are printed
# in every dossier code.
PROVINCE_IDENTIFIER = "000.00.00.H33"
THANH_XUAN_IDENTIFIER = "000.00.12.H33"

AGENCIES: list[dict] = [
    {
        "identifier": PROVINCE_IDENTIFIER,
        "name": "UBND thành phố Cần Thơ",
        "level": "province",
        "parent": None,
    },
    {
        "identifier": THANH_XUAN_IDENTIFIER,
        "name": "UBND xã Thạnh Xuân",
        "level": "commune",
        "parent": PROVINCE_IDENTIFIER,
    },
    {
        "identifier": "000.00.11.H33",
        "name": "UBND xã Tân Hòa",
        "level": "commune",
        "parent": PROVINCE_IDENTIFIER,
    },
    {
        "identifier": "000.00.13.H33",
        "name": "UBND xã Trường Long Tây",
        "level": "commune",
        "parent": PROVINCE_IDENTIFIER,
    },
    {
        "identifier": "000.00.14.H33",
        "name": "UBND xã Châu Thành",
        "level": "commune",
        "parent": PROVINCE_IDENTIFIER,
    },
]
