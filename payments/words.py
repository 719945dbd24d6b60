"""An amount of money in Vietnamese words, as a receipt writes it: 50000 -> "Năm mươi nghìn đồng".

Reading rules: groups of three digits with nghìn, triệu, tỷ (and "nghìn tỷ" beyond); inside a
group, "linh" for a zero ten before a unit (một trăm linh năm), "mười" for ten, "mốt" for a one
after a ten above ten (hai mươi mốt), "lăm" for a five after any ten (mười lăm, hai mươi lăm),
"tư" for a four after a ten above ten (hai mươi tư), and "không trăm" when a group inside the
number has no hundreds (một nghìn không trăm linh năm).
"""

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ")


def _tens_and_units(tens: int, units: int) -> list[str]:
    if tens == 0:
        return [_DIGITS[units]] if units else []
    words = ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1:
        words.append("một" if tens == 1 else "mốt")
    elif units == 4:
        words.append("bốn" if tens == 1 else "tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def _group(number: int, *, leading: bool) -> list[str]:
    """Three digits; a group that is not the leading one reads its zero hundreds."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0 and units and words:
        words.append("linh")
    return words + _tens_and_units(tens, units)


def _number_words(number: int) -> list[str]:
    if number == 0:
        return [_DIGITS[0]]
    if number >= 10**12:  # a thousand billion and more: read the billions, then the rest
        billions, rest = divmod(number, 10**9)
        return _number_words(billions) + ["tỷ"] + (_number_words(rest) if rest else [])
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    for scale in range(len(groups) - 1, -1, -1):
        group = groups[scale]
        if group == 0:
            continue
        words += _group(group, leading=not words)
        if _SCALES[scale]:
            words.append(_SCALES[scale])
    return words


def amount_in_words(amount: int) -> str:
    """`amount` đồng in words, capitalised: 1_250_000 -> "Một triệu hai trăm năm mươi nghìn đồng"
    (the first letter upper-case, as a receipt writes it)."""
    if amount < 0:
        raise ValueError("An amount of money is not negative.")
    text = " ".join([*_number_words(amount), "đồng"])
    return text[0].upper() + text[1:]
