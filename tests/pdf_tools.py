"""Reading PDFs back as a person or a phone would: poppler, zbar and pypdf.

The tests that use these skip, naming the missing program, only where poppler
(pdftotext, pdffonts, pdftoppm) or zbar (zbarimg) is not installed; .ci/run
installs both.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

A4 = (595.28, 841.89)
A3 = (841.89, 1190.55)
_SPACES = re.compile(r"\s+")


def require(program: str, package: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed (Debian package {package})")
    return path


def normalise(text: str) -> str:
    """One space for any run of whitespace, no-break spaces included."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def pages_text(data: bytes) -> list[str]:
    """The text of each page, in drawing order, normalised (poppler's pdftotext -raw)."""
    program = require("pdftotext", "poppler-utils")
    result = subprocess.run([program, "-raw", "-enc", "UTF-8", "-", "-"], input=data,
                            capture_output=True, check=True)
    return [normalise(page) for page in result.stdout.decode("utf-8").split("\f")[:-1]]


def raw_lines(data: bytes) -> list[str]:
    """Every line poppler sees, as drawn (not normalised)."""
    program = require("pdftotext", "poppler-utils")
    result = subprocess.run([program, "-raw", "-enc", "UTF-8", "-", "-"], input=data,
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8").splitlines()


def pypdf_pages_text(data: bytes) -> list[str]:
    """The text of each page as pypdf reads it (it keeps rotated text, like the watermark,
    in one piece where poppler's raw mode spreads it out letter by letter)."""
    from pypdf import PdfReader

    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def text(data: bytes) -> str:
    return " ".join(pages_text(data))


def fonts(data: bytes) -> list[tuple[str, str]]:
    """(name, embedded 'yes'/'no') for every font, from poppler's pdffonts."""
    program = require("pdffonts", "poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        lines = subprocess.run([program, str(path)], capture_output=True, check=True,
                               text=True).stdout.splitlines()[2:]
    rows = []
    for line in lines:
        name, rest = line.split(maxsplit=1)
        embedded = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s", " " + rest + " ")
        rows.append((name, embedded.group(1) if embedded else "?"))
    return rows


def qr_codes(data: bytes, resolution: int = 150, page: int = 1) -> list[str]:
    """Every QR code a reader finds on ``page`` (the first by default), decoded (zbarimg
    --raw)."""
    pdftoppm = require("pdftoppm", "poppler-utils")
    zbarimg = require("zbarimg", "zbar-tools")
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "document.pdf"
        pdf.write_bytes(data)
        subprocess.run([pdftoppm, "-r", str(resolution), "-f", str(page), "-l", str(page), "-png",
                        str(pdf), str(Path(folder) / "page")], check=True)
        image = next(Path(folder).glob("page*.png"))
        result = subprocess.run([zbarimg, "--raw", "-q", str(image)], capture_output=True)
    # zbarimg exits 4 when it finds nothing; its stderr may carry unrelated noise.
    return [line for line in result.stdout.decode("utf-8").splitlines() if line]


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]


def metadata(data: bytes) -> dict[str, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    info = {key: str(value) for key, value in (reader.metadata or {}).items()}
    info["/Lang"] = str(reader.trailer["/Root"].get("/Lang", ""))
    return info


def same_size(actual: tuple[float, float], expected: tuple[float, float]) -> bool:
    return all(abs(a - e) < 0.5 for a, e in zip(actual, expected, strict=True))


def text_runs(data: bytes, page_numbers: range | None = None) -> list[tuple[str, str, float]]:
    """(text, font name without its subset prefix, size in points) of every text run."""
    from pypdf import PdfReader

    runs: list[tuple[str, str, float]] = []

    def visit(chunk, _cm, matrix, font, size) -> None:
        if chunk.strip() and font is not None:
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            runs.append((normalise(chunk), name, round(float(size) * float(matrix[3]), 2)))

    pages = PdfReader(io.BytesIO(data)).pages
    for number in page_numbers if page_numbers is not None else range(len(pages)):
        pages[number].extract_text(visitor_text=visit)
    return runs


def filled_shapes(data: bytes) -> dict[str, int]:
    """How many paths each page fills, by fill colour (#rrggbb): drawn shapes, not text."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    counts: dict[str, int] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        fill, saved = "#000000", []
        for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
            if operator == b"q":
                saved.append(fill)
            elif operator == b"Q" and saved:
                fill = saved.pop()
            elif operator == b"rg":
                fill = "#" + "".join(f"{round(float(v) * 255):02x}" for v in operands)
            elif operator in (b"f", b"f*", b"F", b"B", b"B*", b"b", b"b*"):
                counts[fill] = counts.get(fill, 0) + 1
    return counts
