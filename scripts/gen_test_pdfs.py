#!/usr/bin/env python3
"""Generate the small PDFs under tests/data/pdf/ that pin the font cases
and the page model (run from the repo root; output is committed).

Each file is written by hand, object by object, with a correct xref, so
every byte is known: the tests assert the exact text they must decode to.
"""
import os, zlib

from minipdf import pdf_bytes

OUT = "tests/data/pdf"


def pdf(objects, path):
    """objects: list of bytes bodies for objects 1..n (1 = Catalog)."""
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(pdf_bytes(objects))


def stream(data, extra=b"", compress=True):
    if compress:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page_doc(content, fonts, extra_objects=(), xobjects=b"", extra_res=b""):
    """Catalog 1, Pages 2, Page 3, content 4, then fonts/extra from 5."""
    res = (b"<< /Font << " + fonts + b" >>" + (b" /XObject << " + xobjects + b" >>" if xobjects else b"")
           + extra_res + b" >>")
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources " + res + b" >>",
        stream(content),
    ] + list(extra_objects)


def cid_font(encoding, ordering=b"GB1", to_unicode=None, base=b"STSong-Light"):
    """Type0 at object 5, CIDFont at 6, [ToUnicode at 7]."""
    tu = b" /ToUnicode 7 0 R" if to_unicode is not None else b""
    objs = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /" + base + b" /Encoding /" + encoding
        + b" /DescendantFonts [6 0 R]" + tu + b" >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /" + base
        + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (" + ordering + b") /Supplement 4 >>"
        + b" /DW 1000 /W [1 95 500] >>",
    ]
    if to_unicode is not None:
        objs.append(stream(to_unicode))
    return objs


def hexs(b):
    return b"<" + b.hex().encode() + b">"


def cids(*cs):
    return hexs(b"".join(c.to_bytes(2, "big") for c in cs))


def main():
    os.makedirs(OUT, exist_ok=True)
    # GBK-EUC-H, no ToUnicode: mixed one-byte ASCII and two-byte GBK codes.
    text = "预算表A1中文".encode("gbk")
    content = b"BT /F1 12 Tf 20 150 Td " + hexs(text) + b" Tj ET"
    pdf(page_doc(content, b"/F1 5 0 R", cid_font(b"GBK-EUC-H")), "gbk-euc-h.pdf")

    # UniGB-UCS2-H, no ToUnicode (like the corpus's cid.pdf).
    content = b"BT /F1 12 Tf 20 150 Td " + hexs("预算表A".encode("utf-16-be")) + b" Tj ET"
    pdf(page_doc(content, b"/F1 5 0 R", cid_font(b"UniGB-UCS2-H")), "unigb-ucs2-h.pdf")

    # UniGB-UTF16-V (a surrogate pair, vertical) and GBK2K-H (a four-byte
    # GB18030 code), no ToUnicode.
    def type0(enc, desc):
        return (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /" + enc
                + b" /DescendantFonts [%d 0 R] >>" % desc)
    cidfont = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
               b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>")
    utf16 = "预\U00020000".encode("utf-16-be")
    gbk2k = "算\u3400".encode("gb18030")  # 㐀 (CJK Ext A) is a four-byte code
    assert len("\u3400".encode("gb18030")) == 4
    content = (b"BT /F1 12 Tf 20 180 Td " + hexs(utf16) + b" Tj ET "
               b"BT /F2 12 Tf 100 150 Td " + hexs(gbk2k) + b" Tj ET")
    pdf(page_doc(content, b"/F1 5 0 R /F2 7 0 R", [type0(b"UniGB-UTF16-V", 6), cidfont, type0(b"GBK2K-H", 8),
                                                    cidfont]), "utf16-gbk2k.pdf")

    # Identity-H, ordering GB1, no ToUnicode: codes are Adobe-GB1 CIDs.
    content = b"BT /F1 12 Tf 20 150 Td " + cids(4327, 3544, 1110, 34, 4559, 3795) + b" Tj ET"
    pdf(page_doc(content, b"/F1 5 0 R", cid_font(b"Identity-H")), "identity-h-gb1.pdf")

    # Identity-H with a bogus identity ToUnicode (maps every code to itself).
    bogus = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
             b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
             b"1 beginbfrange <0000> <FFFF> <0000> endbfrange\nendcmap end end\n")
    pdf(page_doc(content, b"/F1 5 0 R", cid_font(b"Identity-H", to_unicode=bogus)), "bogus-tounicode.pdf")

    # A good ToUnicode with bfrange arrays and a surrogate pair.
    good = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            b"2 beginbfchar <0001> <9884> <0002> <D840DC00> endbfchar\n"
            b"2 beginbfrange <0003> <0004> [<7B97> <8868>] <0010> <0012> <0041> endbfrange\n"
            b"endcmap end end\n")
    content = b"BT /F1 12 Tf 20 150 Td " + cids(1, 2, 3, 4, 0x10, 0x11, 0x12, 0x99) + b" Tj ET"
    pdf(page_doc(content, b"/F1 5 0 R", cid_font(b"Identity-H", ordering=b"Identity", to_unicode=good)),
        "tounicode.pdf")

    # Simple font with Differences using uniXXXX and AGL names; Type1 std-14.
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding"
            b" << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /uni9884 /uni7B97 /Euro] >> >>")
    # An inline image first: its binary data must be skipped, not parsed.
    content = (b"q 20 0 0 20 300 100 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xffEI\x00 EI Q "
               b"BT /F1 10 Tf 20 150 Td (ABCxy) Tj ET")
    pdf(page_doc(content, b"/F1 5 0 R", [font]), "differences.pdf")

    # Type 1 program with a built-in encoding (cleartext part only: enough
    # for the encoding, not for rendering), Differences on top of it.
    prog = (b"%!PS-AdobeFont-1.0: Tiny 001\n/FontName /Tiny def\n/Encoding 256 array\n"
            b"0 1 255 {1 index exch /.notdef put} for\ndup 65 /uni9884 put\ndup 66 /uni7B97 put\n"
            b"dup 67 /C put\nreadonly def\ncurrentfile eexec\n")
    objs = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Tiny /FirstChar 65 /LastChar 67"
        b" /Widths [1000 1000 600] /FontDescriptor 6 0 R"
        b" /Encoding << /Type /Encoding /Differences [67 /Euro] >> >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Tiny /Flags 4 /FontBBox [0 0 1000 1000]"
        b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile 7 0 R >>",
        stream(prog, b" /Length1 %d /Length2 0 /Length3 0" % len(prog)),
    ]
    pdf(page_doc(b"BT /F1 10 Tf 20 150 Td (ABC) Tj ET", b"/F1 5 0 R", objs), "type1-builtin.pdf")

    # Form XObjects: one with its own font resources and a Matrix, which
    # draws a nested form; plus a form that draws itself (cycle guard).
    helv = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    form1 = stream(b"BT /FX 10 Tf 0 0 Td (Inside) Tj ET /Nested Do",
                   b" /Type /XObject /Subtype /Form /BBox [0 0 200 100] /Matrix [1 0 0 1 100 50]"
                   b" /Resources << /Font << /FX 5 0 R >> /XObject << /Nested 7 0 R >> >>")
    nested = stream(b"BT /FX 10 Tf 0 20 Td (Nested) Tj ET",
                    b" /Type /XObject /Subtype /Form /BBox [0 0 200 100]"
                    b" /Resources << /Font << /FX 5 0 R >> >>")
    loop = stream(b"BT /F1 10 Tf 0 0 Td (Loop) Tj ET /Self Do",
                  b" /Type /XObject /Subtype /Form /BBox [0 0 200 100]"
                  b" /Resources << /Font << /F1 5 0 R >> /XObject << /Self 8 0 R >> >>")
    content = b"BT /F1 10 Tf 20 180 Td (Page) Tj ET /Fm1 Do q 1 0 0 1 0 100 cm /Loop Do Q"
    pdf(page_doc(content, b"/F1 5 0 R", [helv, form1, nested, loop], b"/Fm1 6 0 R /Loop 8 0 R"), "form-xobject.pdf")

    # Ruling lines: stroked grid, thin filled rules, a white line, a
    # clipping path, a curve, and lines under a scaling cm.
    content = (b"0.5 w 0 G 10 10 m 210 10 l 210 110 l S "          # 2 rules
               b"10 60 200 0.6 re f "                               # thin fill: 1 rule
               b"q 10 10 200 100 re W n Q "                         # clip path itself: none
               b"q 10 10 100 50 re W n 0 30 m 400 30 l S Q "        # clipped: 1 rule, x 10..110
               b"q 300 0 50 50 re W n 0 40 m 200 40 l S Q "         # clipped away: none
               b"1 1 1 RG 10 120 m 210 120 l S 0 G "                # white: none
               b"1 g 10 130 200 0.5 re f 0 g "                      # white fill: none
               b"10 140 m 50 180 90 180 130 140 c S "               # curve: none
               b"q 2 0 0 2 0 0 cm 150 10 m 150 60 l S Q "           # vertical, width 1
               b"20 20 30 30 re f "                                 # big fill: none
               b"/Spot CS 1 SC 10 150 m 210 150 l S "               # full spot ink: 1 rule
               b"/Spot CS 0 SC 10 160 m 210 160 l S "               # no ink: none
               b"BT /F1 10 Tf 20 185 Td (Lines) Tj ET")
    spot = (b" /ColorSpace << /Spot [/Separation /Rule /DeviceCMYK"
            b" << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 0 0 1] /N 1 >>] >>")
    pdf(page_doc(content, b"/F1 5 0 R", [helv], extra_res=spot), "lines.pdf")

    # A scan: one image, no text. And a blank page: neither.
    image = stream(bytes([0, 255, 255, 0]),
                   b" /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8")
    pdf(page_doc(b"q 380 0 0 180 10 10 cm /Im1 Do Q", b"/F1 5 0 R", [helv, image], b"/Im1 6 0 R"), "no-text.pdf")
    pdf(page_doc(b"0 0 1 rg 10 10 100 100 re f", b"/F1 5 0 R", [helv]), "blank.pdf")


if __name__ == "__main__":
    main()


def encrypted():
    """Encrypted copies via qpdf: empty user password (must open) and a
    real user password (must give a clear error). Keys are random, so these
    files change on every run."""
    import subprocess
    src = os.path.join(OUT, "identity-h-gb1.pdf")
    for name, user, bits in [("encrypted-empty-user.pdf", "", "128"), ("encrypted-aes256-empty.pdf", "", "256"),
                             ("encrypted-password.pdf", "secret", "256")]:
        subprocess.run(["qpdf", "--allow-weak-crypto", "--encrypt", user, "owner", bits, "--", src, os.path.join(OUT, name)], check=True)


def tiny_truetype():
    """A 4-glyph TrueType font (empty outlines) whose cmap maps glyph ids
    1-3 to 预算表; built with fontTools so no system font is needed."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    import io
    names = [".notdef", "g1", "g2", "g3"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({0x9884: "g1", 0x7B97: "g2", 0x8868: "g3"})
    glyph = TTGlyphPen(None).glyph()
    fb.setupGlyf({n: glyph for n in names})
    fb.setupHorizontalMetrics({n: (1000, 0) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.font.recalcTimestamp = False
    fb.font["head"].created = fb.font["head"].modified = 0
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def truetype_cmap_fallback():
    """Identity-H, CIDFontType2, ordering Identity, no ToUnicode: only the
    embedded font's own cmap can tell the text."""
    ttf = tiny_truetype()
    objs = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Tiny /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Tiny /CIDToGIDMap /Identity"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Tiny /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0"
        b" /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>",
        stream(ttf, b" /Length1 %d" % len(ttf)),
    ]
    content = b"BT /F1 12 Tf 20 150 Td " + cids(1, 2, 3) + b" Tj ET"
    pdf(page_doc(content, b"/F1 5 0 R", objs), "truetype-cmap.pdf")


def damaged_xref():
    """Broken cross-reference data: lopdf must rebuild it from the objects."""
    import re
    good = open(os.path.join(OUT, "identity-h-gb1.pdf"), "rb").read()
    i = good.rindex(b"startxref\n")
    variants = {
        "damaged-startxref.pdf": good[:i] + b"startxref\n99999\n%%EOF\n",
        "damaged-xref-offsets.pdf": re.sub(rb"(\d{10}) 00000 n",
                                           lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), good),
        "damaged-no-xref.pdf": good[:good.index(b"xref\n")],
    }
    for name, data in variants.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    damaged_xref()
    truetype_cmap_fallback()
    encrypted()
