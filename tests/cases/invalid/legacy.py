#!/usr/bin/env python3
"""Write Vietnamese text in the legacy 8-bit encodings that old Word files use.

Used once to make the byte samples `encoding-*.yaml` of the error catalogue (they are
committed; the tests do not run this script). Usage:

    python3 legacy.py tcvn3|vni|cp1258 < utf8.txt > legacy.txt

The tables follow TCVN 5712:1993 (VN3, "ABC" fonts .VnTime), VNI Windows (VNI-Times) and
Windows-1258 (base letter + combining tone mark), as Unikey's converter writes them.
"""
import sys
import unicodedata

TONES = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}  # sắc huyền hỏi ngã nặng


def split(ch):
    """(base ascii letter, modifier in '', '^', '(', '+', tone index or None, upper)."""
    if ch in "đĐ":
        return ("d", "-", None, ch == "Đ")
    d = unicodedata.normalize("NFD", ch)
    base, marks = d[0], d[1:]
    mod, tone = "", None
    for m in marks:
        if m == "\u0302":
            mod = "^"
        elif m == "\u0306":
            mod = "("
        elif m == "\u031b":
            mod = "+"
        elif m in TONES:
            tone = TONES[m]
        else:
            return None
    if not base.isascii() or not base.isalpha():
        return None
    return (base.lower(), mod, tone, base.isupper())


# TCVN3: lower-case toned letters; upper-case toned letters use the same codes (the "H" fonts).
TCVN3_BASE = {("a", "("): 0xA8, ("a", "^"): 0xA9, ("e", "^"): 0xAA, ("o", "^"): 0xAB,
              ("o", "+"): 0xAC, ("u", "+"): 0xAD, ("d", "-"): 0xAE}
TCVN3_BASE_UPPER = {("a", "("): 0xA1, ("a", "^"): 0xA2, ("e", "^"): 0xA3, ("o", "^"): 0xA4,
                    ("o", "+"): 0xA5, ("u", "+"): 0xA6, ("d", "-"): 0xA7}
# tone order in these rows: huyền, hỏi, ngã, sắc, nặng
TCVN3_TONED = {
    ("a", ""): [0xB5, 0xB6, 0xB7, 0xB8, 0xB9], ("a", "("): [0xBB, 0xBC, 0xBD, 0xBE, 0xC6],
    ("a", "^"): [0xC7, 0xC8, 0xC9, 0xCA, 0xCB], ("e", ""): [0xCC, 0xCE, 0xCF, 0xD0, 0xD1],
    ("e", "^"): [0xD2, 0xD3, 0xD4, 0xD5, 0xD6], ("i", ""): [0xD7, 0xD8, 0xDC, 0xDD, 0xDE],
    ("o", ""): [0xDF, 0xE1, 0xE2, 0xE3, 0xE4], ("o", "^"): [0xE5, 0xE6, 0xE7, 0xE8, 0xE9],
    ("o", "+"): [0xEA, 0xEB, 0xEC, 0xED, 0xEE], ("u", ""): [0xEF, 0xF1, 0xF2, 0xF3, 0xF4],
    ("u", "+"): [0xF5, 0xF6, 0xF7, 0xF8, 0xF9], ("y", ""): [0xFA, 0xFB, 0xFC, 0xFD, 0xFE],
}
ORDER = [3, 0, 1, 2, 4]  # our tone index (sắc huyền hỏi ngã nặng) -> position in the rows above


def tcvn3(ch):
    s = split(ch)
    if s is None:
        raise ValueError(ch)
    base, mod, tone, upper = s
    if tone is None:
        if mod == "":
            return ch.encode("ascii")
        table = TCVN3_BASE_UPPER if upper else TCVN3_BASE
        return bytes([table[(base, mod)]])
    return bytes([TCVN3_TONED[(base, mod)][ORDER[tone]]])


def vni(ch):
    s = split(ch)
    if s is None:
        raise ValueError(ch)
    base, mod, tone, upper = s
    up = (lambda b: b - 0x20) if upper else (lambda b: b)
    letter = base.upper() if upper else base
    if mod == "-":
        return bytes([up(0xF1)])
    if base == "i" and tone is not None:
        return bytes([up([0xED, 0xEC, 0xE6, 0xF3, 0xF2][tone])])
    plain = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]
    if mod == "":
        return letter.encode() + (b"" if tone is None else bytes([up(plain[tone])]))
    if mod == "^":
        marks = [0xE1, 0xE0, 0xE5, 0xE3, 0xE4]
        return letter.encode() + bytes([up(0xE2 if tone is None else marks[tone])])
    if mod == "(":
        marks = [0xE9, 0xE8, 0xFA, 0xFC, 0xEB]
        return letter.encode() + bytes([up(0xEA if tone is None else marks[tone])])
    horn = {"o": 0xF4, "u": 0xF6}[base]
    return bytes([up(horn)]) + (b"" if tone is None else bytes([up(plain[tone])]))


def cp1258(ch):
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        d = unicodedata.normalize("NFD", ch)
        tone = [m for m in d if m in TONES]
        rest = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES))
        return (rest + "".join(tone)).encode("cp1258")


def convert(text, enc):
    f = {"tcvn3": tcvn3, "vni": vni, "cp1258": cp1258}[enc]
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out += ch.encode()
        else:
            try:
                out += f(ch)
            except (ValueError, KeyError, UnicodeEncodeError):
                out += b"?"  # punctuation outside the 8-bit set (“ ” – …)
    return bytes(out)


if __name__ == "__main__":
    sys.stdout.buffer.write(convert(sys.stdin.read(), sys.argv[1]))
