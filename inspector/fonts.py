"""A CJK font for PDF output: found on the system or the bundled one, registered once.

reportlab embeds TrueType outlines only, so CFF-based fonts (Debian's Noto CJK
.ttc, most .otf) are tried and skipped. The first usable system font is the
primary face; the bundled WenQuanYi Micro Hei (resources/fonts/) covers what the
primary lacks and is the primary on machines without any CJK font. Text is
checked glyph by glyph: a character neither font has raises a clear error
instead of printing an empty box.

Official documents (the notice, the on-site record, the proof of service) are set
in a 宋体 face as GB/T 9704 asks: the bundled AR PL SungtiL GB (`official_fonts`),
with the fonts above for what it lacks (it covers GB 2312) and for bold headings.
"""

import os
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from .errors import InspectorError
from .i18n import add_messages, t
from .packaged import data_dir

BUNDLED = data_dir("resources") / "fonts" / "wqy-microhei.ttc"
REGULAR, BOLD, FALLBACK = "InspectorCJK", "InspectorCJK-Bold", "InspectorCJK-Fallback"
SONG_FILE = data_dir("resources") / "fonts" / "gbsn00lp.ttf"
SONG = "InspectorSong"

add_messages({
    "font.none": ("找不到可嵌入PDF的中文字体（TrueType轮廓），内置字体 {path} 也缺失；"
                  "请安装文泉驿微米黑（fonts-wqy-microhei）或重新安装 Inspector",
                  "no CJK font with TrueType outlines found and the bundled font {path} is "
                  "missing: install WenQuanYi Micro Hei (fonts-wqy-microhei) or reinstall"),
    "font.missing_glyphs": ("字体中没有以下字符的字形，无法生成PDF：{chars}（字体 {font}）；"
                            "请修改这些文字或安装包含它们的字体（INSPECTOR_FONT）",
                            "no font has a glyph for {chars} (font {font}): change that text "
                            "or install a font that has them (INSPECTOR_FONT)"),
})

# regular face -> its bold face, where the system has one
BOLD_FACES = {"msyh.ttc": "msyhbd.ttc", "msyh.ttf": "msyhbd.ttf",
              "STHeiti Light.ttc": "STHeiti Medium.ttc"}


def _windows_fonts() -> list[Path]:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    local = Path(os.environ.get("LOCALAPPDATA", "~")) / "Microsoft" / "Windows" / "Fonts"
    names = ["msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "Deng.ttf", "simkai.ttf"]
    return [base / name for base in (folder, local.expanduser()) for name in names]


def _mac_fonts() -> list[Path]:
    return [Path(p) for p in (
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/System/Library/Fonts/STHeiti Medium.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "/System/Library/Fonts/Hiragino Sans GB.ttc",
        "/Library/Fonts/Songti.ttc",
    )]


def _linux_fonts() -> list[Path]:
    home = Path.home()
    roots = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             home / ".local/share/fonts", home / ".fonts"]
    names = ["truetype/wqy/wqy-microhei.ttc", "wqy-microhei/wqy-microhei.ttc",
             "truetype/wqy/wqy-zenhei.ttc", "wqy-zenhei/wqy-zenhei.ttc",
             "truetype/droid/DroidSansFallbackFull.ttf",
             "google-droid-sans-fonts/DroidSansFallbackFull.ttf",
             "truetype/arphic/uming.ttc", "truetype/arphic/ukai.ttc",
             "wqy-microhei.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf"]
    return [root / name for root in roots for name in names]


def candidates() -> list[Path]:
    """System font files to try, best first: INSPECTOR_FONT, then this platform's usual ones."""
    found = [Path(os.environ["INSPECTOR_FONT"])] if os.environ.get("INSPECTOR_FONT") else []
    if sys.platform == "win32":
        found += _windows_fonts()
    elif sys.platform == "darwin":
        found += _mac_fonts()
    else:
        found += _linux_fonts()
    return found


def load_face(name: str, path: Path) -> TTFont | None:
    """The font at `path` (first face of a collection), or None when reportlab cannot
    embed it (CFF outlines, damaged file, unreadable)."""
    try:
        return TTFont(name, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        return None


@dataclass(frozen=True)
class Fonts:
    """Registered font names: `fallback` is None when the primary is the bundled font."""

    regular: str
    bold: str
    fallback: str | None
    path: str
    more: tuple[str, ...] = ()  # further fallbacks, in order

    def has(self, name: str, char: str) -> bool:
        return ord(char) in pdfmetrics.getFont(name).face.charToGlyph

    def faces(self) -> list[str]:
        """The registered faces to draw with, best first."""
        return [name for name in (self.regular, self.fallback, *self.more) if name]

    def font_for(self, char: str) -> str | None:
        """The first registered font with a glyph for `char`, or None."""
        for name in self.faces():
            if self.has(name, char):
                return name
        return None


def _needs_glyph(char: str) -> bool:
    # control and format characters (line breaks, zero-width joiners) are not drawn
    return unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp")


@cache
def cjk_fonts() -> Fonts:
    """Find, load and register the fonts once per process."""
    primary = None
    for path in candidates():
        if path.is_file() and path.resolve() != BUNDLED:
            primary = load_face(REGULAR, path)
            if primary:
                break
    bundled = None
    if BUNDLED.is_file() and not (primary and _same_file(Path(primary.face.filename), BUNDLED)):
        bundled = load_face(FALLBACK if primary else REGULAR, BUNDLED)
    if not primary and not bundled:
        raise InspectorError(t("font.none", path=str(BUNDLED)))
    regular = primary or bundled
    pdfmetrics.registerFont(regular)
    if primary and bundled:
        pdfmetrics.registerFont(bundled)
    # without a bold face, "bold" is the regular one: embedding the same font twice
    # under two names would only make every PDF bigger
    bold = _bold_for(Path(regular.face.filename))
    if bold:
        pdfmetrics.registerFont(bold)
    bold_name = BOLD if bold else REGULAR
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=bold_name, italic=REGULAR,
                                  boldItalic=bold_name)
    return Fonts(REGULAR, bold_name, FALLBACK if primary and bundled else None,
                 str(regular.face.filename))


@cache
def official_fonts() -> Fonts:
    """The 宋体 body face of official documents over cjk_fonts(), which draw what it
    lacks and the bold headings; cjk_fonts() alone when the 宋体 file is missing."""
    base = cjk_fonts()
    song = load_face(SONG, SONG_FILE) if SONG_FILE.is_file() else None
    if song is None:
        return base
    pdfmetrics.registerFont(song)
    pdfmetrics.registerFontFamily(SONG, normal=SONG, bold=base.bold, italic=SONG,
                                  boldItalic=base.bold)
    return Fonts(SONG, base.bold, base.regular, str(SONG_FILE),
                 (base.fallback,) if base.fallback else ())


def _same_file(a: Path, b: Path) -> bool:
    """The system's copy of the bundled font adds no glyphs: don't load it twice."""
    return a.name == b.name and a.stat().st_size == b.stat().st_size


def _bold_for(regular: Path) -> TTFont | None:
    name = BOLD_FACES.get(regular.name)
    path = regular.with_name(name) if name else None
    return load_face(BOLD, path) if path and path.is_file() else None


def missing_glyphs(text: str, fonts: Fonts | None = None) -> list[str]:
    """Characters of `text` that no registered font can draw (each listed once)."""
    fonts = fonts or cjk_fonts()
    return [c for c in dict.fromkeys(text) if _needs_glyph(c) and fonts.font_for(c) is None]


def check_text(text: str, fonts: Fonts | None = None) -> None:
    """Raise InspectorError naming the characters no font can draw."""
    missing = missing_glyphs(text, fonts)
    if missing:
        shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in missing[:8])
        font = (fonts or cjk_fonts()).path
        raise InspectorError(t("font.missing_glyphs", chars=shown, font=font))


def markup(text: str, fonts: Fonts | None = None) -> str:
    """`text` as reportlab paragraph markup: escaped, line breaks kept, and runs of
    characters the primary font lacks set in the fallback font."""
    fonts = fonts or cjk_fonts()
    check_text(text, fonts)
    out, run, run_font = [], [], fonts.regular
    for char in text.replace("\r\n", "\n"):
        font = fonts.font_for(char) if _needs_glyph(char) else run_font
        if font != run_font:
            out.append(_run(run, run_font, fonts))
            run, run_font = [], font
        run.append(char)
    out.append(_run(run, run_font, fonts))
    return "".join(out)


def _run(chars: list[str], font: str, fonts: Fonts) -> str:
    text = escape("".join(chars)).replace("\n", "<br/>")
    if not text or font == fonts.regular:
        return text
    return f'<font face="{font}">{text}</font>'


def canvas_font(text: str, fonts: Fonts | None = None) -> str:
    """One font that draws all of `text`, for canvas.drawString (no per-run fallback)."""
    fonts = fonts or cjk_fonts()
    check_text(text, fonts)
    for name in fonts.faces():
        if all(fonts.has(name, c) for c in text if _needs_glyph(c)):
            return name
    raise InspectorError(t("font.missing_glyphs", chars=text, font=fonts.path))
