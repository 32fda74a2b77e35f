"""An embedded Chinese font for the certificate PDF.

A PDF that names a CID font without embedding it (reportlab's STSong-Light)
relies on the reader having an Adobe-GB1 font; many do not (phones, Linux
viewers, some Windows set-ups) and then show every Chinese character blank.
So the PDF carries its own glyphs.

The font is Noto Serif SC (SIL OFL), shipped as package data by the
``pylopdf-fonts-zh-cn`` wheel the charts already use. It is an OpenType font
with CFF (PostScript) outlines, which reportlab cannot embed; for each
document fontTools keeps only the characters that document uses and converts
those outlines to TrueType quadratics (cu2qu). reportlab then embeds that
small font as a subset (``FontFile2``). About half a second per document,
and any character the font has (rare characters in names too) is covered.
"""
import functools
import hashlib
import io
import threading
from contextlib import contextmanager

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# Text every certificate may carry whatever its data: digits, Latin letters
# (serials, URLs) and common punctuation.
BASE_CHARACTERS = "".join(chr(c) for c in range(0x20, 0x7F)) + "（）：，。、；“”《》〔〕—·…"
_register_lock = threading.Lock()
_registered = {}  # PostScript name -> [reportlab font, documents using it]


def font_path():
    import pylopdf_fonts_zh_cn

    return pylopdf_fonts_zh_cn.serif_path()


def truetype_subset(text):
    """(PostScript name, TrueType font bytes) holding the glyphs of
    ``text``'s characters. The name is unique to the set of characters.
    The same certificate is often opened again: the font for a set of
    characters is kept (a few dozen kB each, the last 16 sets)."""
    return _truetype_subset("".join(sorted(set(text + BASE_CHARACTERS))))


@functools.lru_cache(maxsize=16)
def _truetype_subset(characters, path=None):
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as FontToolsFont
    from fontTools.ttLib import newTable

    font = FontToolsFont(str(path or font_path()), lazy=True)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.desubroutinize = True
    options.layout_features = []
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # Cubic CFF curves to quadratics within 1 font unit; TrueType winds the other way.
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = newTable("maxp")
    maxp.tableVersion, maxp.numGlyphs = 0x00010000, len(order)
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"
    # reportlab keeps one font per PostScript name: each subset needs its own.
    ps_name = f"NotoSerifSC-{hashlib.sha256(characters.encode()).hexdigest()[:12]}"
    names = font["name"]
    names.removeNames(nameID=6)
    names.setName(ps_name, 6, 3, 1, 0x409)
    names.setName(ps_name, 6, 1, 0, 0)
    out = io.BytesIO()
    font.save(out)
    return ps_name, out.getvalue()


@contextmanager
def embedded_font(text):
    """A reportlab font name, registered while a document is built, whose
    glyphs cover ``text``. Renders on several threads with the same
    characters share one registration; the last one out removes it, so
    fonts do not pile up in reportlab's (process-wide) registry."""
    ps_name, data = truetype_subset(text)
    with _register_lock:
        entry = _registered.get(ps_name)
        if entry is None:
            entry = _registered[ps_name] = [TTFont(ps_name, io.BytesIO(data)), 0]
            pdfmetrics.registerFont(entry[0])
        entry[1] += 1
    try:
        yield ps_name
    finally:
        with _register_lock:
            entry[1] -= 1
            if entry[1] == 0:
                del _registered[ps_name]
                # reportlab has no unregister; its registries are plain dicts.
                pdfmetrics._fonts.pop(ps_name, None)
                pdfmetrics._dynFaceNames.pop(ps_name, None)
