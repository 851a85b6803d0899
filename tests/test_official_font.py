"""Official documents in a 宋体 face (GB/T 9704): the notice, the on-site record and its
proof of service embed the bundled AR PL SungtiL GB; a self-check report keeps the
CJK sans face; what the 宋体 face lacks comes from the fallback, checked glyph by glyph."""

from inspector import fonts, inspections
from inspector.reports import render_inspection_report, render_rectification_notice

from .helpers.pdftools import fonts as pdf_fonts
from .test_bundle import fill

SONG_NAME = "BousungEG-Light-GB"  # AR PL SungtiL GB's PostScript name, as pdffonts shows it


def embedded(pdf: bytes, tmp_path) -> list[str]:
    rows = pdf_fonts(pdf, tmp_path)
    assert all(row["emb"] == "yes" for row in rows), rows
    return [row["name"].split("+")[-1] for row in rows]


def test_the_song_face_ships_with_truetype_outlines():
    assert fonts.SONG_FILE.is_file(), "the 宋体 face must ship with Inspector"
    assert (fonts.SONG_FILE.parent / "ARPHICPL.TXT").is_file(), "its licence travels with it"
    assert fonts.load_face("SongCheck", fonts.SONG_FILE) is not None


def test_official_documents_embed_the_song_face(store, tmp_path, checklist_dir):
    started = fill(store)
    notice = embedded(render_rectification_notice(store, started), tmp_path)
    record = embedded(render_inspection_report(store, started), tmp_path)
    assert SONG_NAME in notice and SONG_NAME in record


def test_a_self_check_report_keeps_the_sans_face(store, subject, mini, tmp_path):
    started = inspections.start(store, subject=subject["id"], checklist=mini,
                                kind="self_check", inspectors=["沈福根"])
    assert SONG_NAME not in embedded(render_inspection_report(store, started), tmp_path)


def test_what_the_song_face_lacks_comes_from_the_fallback():
    official = fonts.official_fonts()
    assert official.regular == fonts.SONG
    assert official.font_for("整") == fonts.SONG  # GB 2312
    assert official.font_for("鎔") == fonts.cjk_fonts().regular  # not in GB 2312
    assert fonts.markup("熔鎔", official) == \
        f'熔<font face="{fonts.cjk_fonts().regular}">鎔</font>'
    assert fonts.missing_glyphs("\U0001F600", official) == ["\U0001F600"]
