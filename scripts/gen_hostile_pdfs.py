"""Small reproductions of the hostile PDFs of issue 15 (the originals, from
other projects' test suites, are not ours to commit): indirect /Filter and
/DecodeParms, a stream without /Length, an operator inside a TJ array, a looping page tree,
text only in widget and annotation appearance streams, encryption whose
crypt filters leave the content in the clear (user password not empty),
and empty-user-password RC4-40 / AES-128 copies made with qpdf (randomly
salted: those two change on every run).

Run from the repository root: python3 scripts/gen_hostile_pdfs.py
"""
import os
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from minipdf import pdf_bytes  # noqa: E402

OUT = "tests/data/hostile"
HELV = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(data, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page(contents=b"4 0 R", extra=b""):
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents " + contents
        + b" /Resources << /Font << /F1 5 0 R >> >>" + extra + b" >>",
    ]


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def indirect_filter():
    data = zlib.compress(b"BT /F1 12 Tf 20 100 Td (Indirect filter) Tj ET")
    objs = page() + [
        stream(data, b" /Filter 6 0 R /DecodeParms 7 0 R"),
        HELV,
        b"/FlateDecode",
        b"null",
    ]
    write("indirect-filter.pdf", pdf_bytes(objs))
    # The same as an array of references.
    objs[3] = stream(data, b" /Filter [6 0 R]")
    write("indirect-filter-array.pdf", pdf_bytes(objs))


def tj_operator():
    content = b"BT /F1 12 Tf 20 100 Td [(Grandes) 0.0 Tc -250 (Clientes) 0 Tc] TJ ET"
    write("tj-operator.pdf", pdf_bytes(page() + [stream(content), HELV]))
    # No /Length at all: the data runs to `endstream`.
    unsized = b"<< >>\nstream\n" + content + b"\nendstream"
    write("no-length.pdf", pdf_bytes(page() + [unsized, HELV]))


def looping_tree():
    """A page tree whose node lists itself among its kids, and one whose
    catalog lost /Pages: the pages are still found."""
    content = stream(b"BT /F1 12 Tf 20 100 Td (Found anyway) Tj ET")
    objs = page() + [content, HELV]
    objs[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    write("looping-page-tree.pdf", pdf_bytes(objs))
    objs[0] = b"<< /Type /Catalog >>"
    objs[1] = b"<< /Type /Pages /Count 1 >>"
    write("no-page-root.pdf", pdf_bytes(objs))


def form(text, bbox=b"0 0 100 20"):
    body = b"/Tx BMC BT /F1 10 Tf 2 5 Td (" + text + b") Tj ET EMC"
    return stream(body, b" /Type /XObject /Subtype /Form /BBox [" + bbox
                  + b"] /Resources << /Font << /F1 5 0 R >> >>")


def widgets():
    objs = page(extra=b" /Annots [6 0 R 8 0 R 10 0 R 12 0 R]") + [
        stream(b"0 0 1 rg 10 10 5 5 re f"),
        HELV,
        # A text field, its appearance a form in its own space.
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [20 150 120 170] /AP << /N 7 0 R >> >>",
        form(b"Field value"),
        # A hidden annotation: not shown, not read.
        b"<< /Type /Annot /Subtype /FreeText /F 2 /Rect [20 120 120 140] /AP << /N 9 0 R >> >>",
        form(b"Hidden"),
        # A check box: only the state in /AS is drawn.
        b"<< /Type /Annot /Subtype /Widget /FT /Btn /AS /On /Rect [20 90 120 110]"
        b" /AP << /N << /On 11 0 R /Off 14 0 R >> >> >>",
        form(b"Checked"),
        # A free-text annotation whose form is scaled onto its rectangle.
        b"<< /Type /Annot /Subtype /FreeText /Rect [150 20 250 60] /AP << /N 13 0 R >> >>",
        form(b"Note", b"0 0 50 20"),
        form(b"Unchecked"),
    ]
    write("widget-text.pdf", pdf_bytes(objs))


def clear_crypt():
    """V5/R6 with /StmF and /StrF /Identity: only attachments would be
    encrypted, the pages are clear; the user password is not empty."""
    content = b"BT /F1 12 Tf 20 100 Td (Clear under encryption) Tj ET"
    junk = lambda n, c: b"<" + (c * n * 2) + b">"  # noqa: E731
    enc = (b"<< /Filter /Standard /V 5 /R 6 /Length 256 /P -1028 /EncryptMetadata false"
           b" /CF << /StdCF << /AuthEvent /EFOpen /CFM /AESV3 /Length 32 >> >>"
           b" /StmF /Identity /StrF /Identity /EFF /StdCF"
           b" /O " + junk(48, b"1") + b" /U " + junk(48, b"2") + b" /OE " + junk(32, b"3")
           + b" /UE " + junk(32, b"4") + b" /Perms " + junk(16, b"5") + b" >>")
    data = pdf_bytes(page() + [stream(content), HELV, enc])
    data = data.replace(b"/Root 1 0 R >>",
                        b"/Root 1 0 R /Encrypt 6 0 R /ID [<00112233445566778899AABBCCDDEEFF>"
                        b" <00112233445566778899AABBCCDDEEFF>] >>")
    write("clear-crypt-filter.pdf", data)


def empty_password():
    src = os.path.join(OUT, "tj-operator.pdf")
    for name, args in [("rc4-40-empty.pdf", ["40"]), ("aes128-empty.pdf", ["128", "--use-aes=y"])]:
        cmd = ["qpdf", "--allow-weak-crypto", "--encrypt", "", "owner", *args, "--", src,
               os.path.join(OUT, name)]
        subprocess.run(cmd, check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    indirect_filter()
    tj_operator()
    widgets()
    looping_tree()
    clear_crypt()
    empty_password()


if __name__ == "__main__":
    main()
