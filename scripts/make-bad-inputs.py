#!/usr/bin/env python3
"""Writes the bad-input set used by tests/batch_bad.rs into tests/data/bad/.

Each file must end `failed` or `no_table` with a one-line reason, never a panic.
Needs only the Python standard library, plus `qpdf` for the encrypted PDF
(apt-get install qpdf). Run from the repository root; the outputs are committed.
"""
import os
import random
import subprocess
import zlib

from minipdf import pdf_bytes

OUT = "tests/data/bad"


def pdf(objects, root=1):
    return pdf_bytes(objects, root)


def stream(data, extra=b""):
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf():
    content = b"BT /F1 12 Tf 72 720 Td (Hello budget) Tj ET"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def scanned_pdf():
    """One page showing only an image: no text layer, as a scan."""
    w, h = 64, 64
    rnd = random.Random(7)
    pixels = bytes(rnd.randrange(256) for _ in range(w * h))
    img = zlib.compress(pixels)
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        stream(b"q 500 0 0 700 56 46 cm /Im1 Do Q"),
        stream(img, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Filter /FlateDecode " % (w, h)),
    ])


def cyclic_pdf():
    """A page tree whose Pages node lists itself as a kid."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ])


def main():
    os.makedirs(OUT, exist_ok=True)
    good = text_pdf()
    rnd = random.Random(1)
    files = {
        "zero-bytes.pdf": b"",
        "random-bytes.pdf": bytes(rnd.randrange(256) for _ in range(4096)),
        "truncated.pdf": good[: len(good) // 2],
        "scanned.pdf": scanned_pdf(),
        "cyclic-page-tree.pdf": cyclic_pdf(),
        "no-table.html": "<!DOCTYPE html><html><head><meta charset=utf-8><title>通知</title></head>"
                         "<body><p>本页没有绩效目标表。</p><table><tr><td>科目</td><td>金额</td></tr></table>"
                         "</body></html>\n".encode(),
        "gbk-prose.txt": "部门预算说明：本文件是GBK编码的说明文字，没有绩效目标表。\n".encode("gb18030"),
        "text-only.pdf": good,
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    plain = os.path.join(OUT, "text-only.pdf")
    subprocess.run(["qpdf", "--encrypt", "secret-user", "secret-owner", "256", "--", plain,
                    os.path.join(OUT, "encrypted-password.pdf")], check=True)


if __name__ == "__main__":
    main()
