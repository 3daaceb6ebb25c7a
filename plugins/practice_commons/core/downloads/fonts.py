"""The fonts of the Word files, declared so every office suite lays them out alike.

Arial ships with Windows and macOS and is offered by Google Docs; LibreOffice and
Linux desktops substitute Liberation Sans (or Arimo), whose glyphs have Arial's
widths, so lines, cells and pages break at the same places. Calibri and Cambria,
python-docx's defaults, are missing from macOS without Office and fall back to
wider fonts elsewhere, which broke narrow table headers mid-word.

The widths below are Arial's advance widths (the same numbers as Helvetica's
published metrics and Liberation Sans's), in thousandths of an em, for printable
ASCII; column widths are computed from them, so they follow the text a table holds
and not a guess in characters.
"""

from __future__ import annotations

import unicodedata

SANS = "Arial"
MONO = "Courier New"

# Advance widths for " " (0x20) to "~" (0x7E), regular and bold.
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584)
_WIDE = {"\u2014": 1000, "\u2026": 1000, "\u2610": 1000}  # em dash, ellipsis, ballot box
_OTHER = 722  # any other character: as wide as a capital, so estimates err on the wide side


def char_width(ch: str, bold: bool = False) -> int:
    """The advance width of one character in thousandths of an em."""
    if ch in _WIDE:
        return _WIDE[ch]
    base = unicodedata.normalize("NFD", ch)[:1] or ch  # "é" is as wide as "e"
    code = ord(base)
    if 0x20 <= code <= 0x7E:
        return (_BOLD if bold else _REGULAR)[code - 0x20]
    return _OTHER


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of ``text`` on one line, in points."""
    return sum(char_width(ch, bold) for ch in text) * size_pt / 1000


def words(text: str) -> list[str]:
    """The pieces a line may break between: at spaces, and after a hyphen."""
    out: list[str] = []
    for word in text.split():
        parts = word.split("-")
        out += [p + "-" for p in parts[:-1]] + [parts[-1]]
    return [w for w in out if w]


def longest_word(text: str, size_pt: float, bold: bool = False) -> float:
    """The width in points of the widest piece of ``text`` that cannot be broken."""
    return max((text_width(w, size_pt, bold) for w in words(text)), default=0.0)


# fontTable.xml: each font the file uses, with what Word needs to pick a
# look-alike when it is missing (PANOSE class, family, pitch, Unicode ranges) and the
# metric-compatible font that LibreOffice substitutes as its alternate name.
_FONTS = (
    (SANS, "Liberation Sans", "020B0604020202020204", "00", "swiss", "variable",
     ("E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000")),
    (MONO, "Liberation Mono", "02070309020205020404", "00", "modern", "fixed",
     ("E0002EFF", "C0007843", "00000009", "00000000", "000001FF", "00000000")),
    # The bullets of python-docx's list styles are Symbol characters.
    ("Symbol", "OpenSymbol", "05050102010706020507", "02", "roman", "variable",
     ("00000000", "10000000", "00000000", "00000000", "80000000", "00000000")),
)
_SIG = ("usb0", "usb1", "usb2", "usb3", "csb0", "csb1")


def font_table() -> bytes:
    """The whole ``word/fontTable.xml`` part."""
    entries = []
    for name, alt, panose, charset, family, pitch, sig in _FONTS:
        sig_attrs = " ".join(f'w:{k}="{v}"' for k, v in zip(_SIG, sig))
        entries.append(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/>'
            f'<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>'
            f"<w:sig {sig_attrs}/></w:font>")
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + "".join(entries) + "</w:fonts>").encode("utf-8")
