"""A minimal PDF writer for the test-file generators: object bodies in,
a file with a correct xref table out (`pdf_bytes`), and the STSong page
document most generators draw on (`show`, `cid_pdf`)."""


def pdf_bytes(objects, root=1):
    """objects: bytes bodies of objects 1..n; `root` is the Catalog's number."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    return bytes(out)


def show(text, x, y, size):
    """A text-showing operator in the STSong-Light UCS-2 font of `cid_pdf`."""
    hexed = "".join("%04X" % ord(c) for c in text)
    return "BT /F1 %g Tf 1 0 0 1 %.2f %.2f Tm <%s> Tj ET\n" % (size, x, y, hexed)


def cid_pdf(pages, width, height):
    """A PDF of one page per content string, text in STSong-Light (not
    embedded, UniGB-UCS2-H, no ToUnicode) as finance-system exports print it."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))).encode())
    objs.append(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        b" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
        b" /DW 1000 /W [1 95 500] >> ] >>"
    )
    for i, content in enumerate(pages):
        data = ("0.5 w\n" + content).encode()
        objs.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R"
                " /Resources << /Font << /F1 3 0 R >> >> >>" % (width, height, 5 + 2 * i)
            ).encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    return pdf_bytes(objs)


def wrap(text, room, size):
    """`text` cut into lines no wider than `room` points at font `size`,
    a CJK glyph `size` wide and an ASCII one half that."""
    lines, cur, w = [], "", 0.0
    for ch in text:
        cw = size / 2 if ord(ch) < 128 else size
        if w + cw > room and cur:
            lines.append(cur)
            cur, w = "", 0.0
        cur += ch
        w += cw
    if cur:
        lines.append(cur)
    return lines
