"""A minimal PDF writer for the test-file generators: object bodies in,
a file with a correct xref table out. Shared by gen_test_pdfs.py,
gen_lattice_pdfs.py and make-bad-inputs.py."""


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
