"""Benchmark: the eight posters of the shared example against a bare ReportLab canvas.

Whole processes are timed, as a user meets them:

* crisis-desk: ``crisis-desk kit INCIDENT --org ORG --kind poster --kind poster-a3``
  (loading, checking, templates, fitting, drawing, writing 4 sites × A4/A3);
* baseline: this script with ``--baseline``: a bare ReportLab canvas that registers
  the same TrueType fonts and draws the same texts (pre-extracted to a JSON file) at
  the poster's type sizes, service rows, status marks, QR codes and watermark into
  eight PDF files, with simple line breaking and no fitting, templates, translation
  or checking;
* WeasyPrint: this script with ``--weasyprint``: the same texts through a Jinja2
  template into HTML and CSS (``@page`` A4 and A3, the same fonts), made into eight
  PDF files by WeasyPrint — the pipeline a web developer would reach for. WeasyPrint
  is no dependency of Crisis Desk: give a Python that has it with
  ``--weasyprint-python`` (or ``WEASYPRINT_PYTHON``); without one it is left out.

Prints the median of several runs of each, the pipelines taking turns, and the ratios
(targets: at most 1.5× the bare canvas, at least 3× faster than WeasyPrint), in wall
time and, for the canvas, in processor time too, which a busy machine disturbs less::

    python benchmarks/bench_posters.py [--runs 7] [--examples examples] \
        [--weasyprint-python /path/to/python]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


# -- the content, extracted once -------------------------------------------------------

def extract_content(org_file: Path, incident_file: Path) -> list[dict]:
    """Every poster's texts, as plain data the baseline can draw without Crisis Desk."""
    from crisis_desk.files.loading import load_incident, load_organisation
    from crisis_desk.pdf.poster import poster_texts

    org = load_organisation(org_file)
    incident = load_incident(incident_file, org.timezone)
    posters = []
    for site in org.sites:
        texts = poster_texts(org, incident, site.id, incident.languages)
        posters.append({
            "site": site.id,
            "languages": [{
                "organisation": lang.organisation, "site": lang.site,
                "headline": lang.headline, "what_to_do": " ".join(lang.actions[:-1]),
                "emergency": lang.emergency,
                "footer": [lang.hotline_heading, lang.hotline_hours, lang.update,
                           lang.next_update, lang.qr_caption]}
                for lang in texts.languages],
            "rows": [{"colour": row.status.colour,
                      "texts": [[t.name + " · " + t.status, t.note, t.alternative]
                                for t in row.texts]} for row in texts.rows],
            "hotline": texts.hotline,
            "url": texts.status_url,
        })
    return posters


# -- the baseline: a bare canvas ---------------------------------------------------------

def baseline(content_file: Path, out: Path) -> None:
    """Draw every poster of ``content_file`` with nothing but a ReportLab canvas."""
    from qrcode.main import QRCode
    from reportlab.lib.pagesizes import A3, A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    fonts = REPO / "crisis_desk" / "fonts"
    pdfmetrics.registerFont(TTFont("R", str(fonts / "DejaVuSansCondensed.ttf")))
    pdfmetrics.registerFont(TTFont("B", str(fonts / "DejaVuSansCondensed-Bold.ttf")))
    posters = json.loads(content_file.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)

    def lines(c, text, font, size, x, y, width):
        for line in simpleSplit(text, font, size, width):
            c.setFont(font, size)
            c.drawString(x, y - size, line)
            y -= size * 1.2
        return y

    for poster in posters:
        for name, page, scale in (("a4", A4, 1.0), ("a3", A3, 2 ** 0.5)):
            c = Canvas(str(out / f"{poster['site']}-{name}.pdf"), pagesize=page, invariant=1,
                       pageCompression=1, initialFontName="R")
            c.scale(scale, scale)
            languages = poster["languages"]
            c.setFillColor("#17324d")
            c.rect(0, 800, 595, 42, stroke=0, fill=1)
            c.setFillColor("#ffffff")
            for i, lang in enumerate(languages):
                lines(c, lang["organisation"], "R", 7.5, 24 + i * 280, 836, 260)
                lines(c, lang["site"], "B", 15, 24 + i * 280, 826, 260)
            c.setFillColor("#111111")
            y = 790
            for lang in languages:
                y = lines(c, lang["headline"], "B", 48, 24, y, 547) - 4
                y = lines(c, lang["what_to_do"], "B", 24, 24, y, 547) - 4
                y = lines(c, lang["emergency"], "B", 24, 24, y, 547) - 10
            for row in poster["rows"]:
                c.setFillColor(row["colour"])
                c.rect(24, y - 30, 4, 30, stroke=0, fill=1)
                c.circle(46, y - 12, 8, stroke=0, fill=1)
                c.rect(60, y - 18, 11, 11, stroke=0, fill=1)
                c.setFillColor("#111111")
                bottom = y
                for i, texts in enumerate(row["texts"]):
                    x, yy = 90 + i * 250, y
                    for text, size in zip(texts, (18, 12, 12), strict=True):
                        if text:
                            yy = lines(c, text, "B" if size == 18 else "R", size, x, yy, 235)
                    bottom = min(bottom, yy)
                y = bottom - 6
            for i, lang in enumerate(languages):
                for j, text in enumerate(lang["footer"]):
                    lines(c, text, "R", 11.5, 200 + i * 120, 90 - j * 14, 110)
            c.setFont("B", 26)
            c.drawString(40, 60, poster["hotline"])
            code = QRCode(border=0, box_size=1)
            code.add_data(poster["url"])
            code.make(fit=True)
            module = 102 / (len(code.get_matrix()) + 8)  # 36 mm with its quiet zone
            path = c.beginPath()
            for r, matrix_row in enumerate(code.get_matrix()):
                for col, dark in enumerate(matrix_row):
                    if dark:
                        path.rect(499 + (col + 4) * module, 100 - (r + 4) * module, module,
                                  module)
            c.drawPath(path, stroke=0, fill=1)
            c.saveState()
            c.setFillColor("#c0392b", alpha=0.2)
            c.translate(297, 421)
            c.rotate(54.7)
            c.setFont("B", 100)
            c.drawCentredString(0, 0, "PROJET / ONTWERP")
            c.restoreState()
            c.showPage()
            c.save()


# -- the web pipeline: Jinja2 and WeasyPrint ------------------------------------------------

POSTER_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
@font-face { font-family: P; src: url("{{ fonts }}/DejaVuSansCondensed.ttf"); }
@font-face { font-family: P; font-weight: bold;
             src: url("{{ fonts }}/DejaVuSansCondensed-Bold.ttf"); }
@page { size: {{ paper }}; margin: {{ 24 * scale }}pt; }
body { font-family: P; font-size: {{ 12 * scale }}pt; color: #111; margin: 0; }
.band { background: #17324d; color: #fff; padding: 6pt; display: flex; gap: 12pt; }
.band b { font-size: {{ 22 * scale }}pt; }
h1 { font-size: {{ 48 * scale }}pt; margin: 0; }
.action { font-size: {{ 24 * scale }}pt; font-weight: bold; margin: 0; }
.row { display: flex; gap: 8pt; border-left: 4pt solid var(--c); margin: 4pt 0; }
.row .name { font-size: {{ 18 * scale }}pt; font-weight: bold; }
.mark { width: 14pt; height: 14pt; border-radius: 7pt; background: var(--c); }
.footer { display: flex; justify-content: space-between; font-size: {{ 11.5 * scale }}pt; }
.hotline { font-size: {{ 26 * scale }}pt; font-weight: bold; }
.qr { width: {{ 102 * scale }}pt; height: {{ 102 * scale }}pt; }
.draft { position: fixed; top: 40%; left: 5%; transform: rotate(-55deg);
         font-size: {{ 100 * scale }}pt; color: rgba(192, 57, 43, 0.2); }
</style></head><body>
<div class="band">{% for lang in poster.languages %}<div>{{ lang.organisation }}<br>
<b>{{ lang.site }}</b></div>{% endfor %}</div>
{% for lang in poster.languages %}<h1>{{ lang.headline }}</h1>
<p class="action">{{ lang.what_to_do }}</p><p class="action">{{ lang.emergency }}</p>
{% endfor %}
{% for row in poster.rows %}<div class="row" style="--c: {{ row.colour }}">
<div class="mark"></div>{% for texts in row.texts %}<div>
<div class="name">{{ texts[0] }}</div><div>{{ texts[1] }}</div><div>{{ texts[2] }}</div>
</div>{% endfor %}</div>{% endfor %}
<div class="footer"><div class="hotline">{{ poster.hotline }}</div>
<div>{% for lang in poster.languages %}{{ lang.footer|join("<br>"|safe) }}<br>{% endfor %}</div>
<img class="qr" src="data:image/svg+xml;base64,{{ qr }}"></div>
<div class="draft">PROJET / ONTWERP</div>
</body></html>"""


def weasyprint_pipeline(content_file: Path, out: Path) -> None:
    """Draw every poster of ``content_file`` through Jinja2 and WeasyPrint."""
    import base64
    import io

    import jinja2
    import qrcode
    import qrcode.image.svg
    from weasyprint import HTML

    fonts = (REPO / "crisis_desk" / "fonts").as_uri()
    template = jinja2.Environment(autoescape=True).from_string(POSTER_HTML)
    posters = json.loads(content_file.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    for poster in posters:
        svg = io.BytesIO()
        qrcode.make(poster["url"], image_factory=qrcode.image.svg.SvgPathImage).save(svg)
        qr = base64.b64encode(svg.getvalue()).decode()
        for name, paper, scale in (("a4", "A4", 1.0), ("a3", "A3", 1.4)):
            html = template.render(poster=poster, fonts=fonts, paper=paper, scale=scale, qr=qr)
            HTML(string=html).write_pdf(out / f"{poster['site']}-{name}.pdf")


# -- timing ------------------------------------------------------------------------------

def _environment() -> dict[str, str]:
    """The caller's environment, but letting Python keep its compiled modules, as an
    installed package does (a development shell may forbid writing them)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _median_seconds(commands: list[list[str]], runs: int
                    ) -> tuple[list[float], list[float]]:
    """The median wall time and the median processor time (user + system) of each
    command. The commands take turns, run after run, so that a slower spell of a shared
    machine falls on all of them, not on one; processor time is what a busy machine
    disturbs least."""
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, wall, cpu in zip(commands, walls, cpus, strict=True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_environment())
            wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return ([statistics.median(w) for w in walls], [statistics.median(c) for c in cpus])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--weasyprint-python", default=os.environ.get("WEASYPRINT_PYTHON"),
                        help="a Python with WeasyPrint (and qrcode) installed")
    parser.add_argument("--baseline", nargs=2, metavar=("CONTENT", "OUT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--weasyprint", nargs=2, metavar=("CONTENT", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.baseline:
        baseline(Path(args.baseline[0]), Path(args.baseline[1]))
        return 0
    if args.weasyprint:
        weasyprint_pipeline(Path(args.weasyprint[0]), Path(args.weasyprint[1]))
        return 0
    org_file = args.examples / "organisation.toml"
    incident_file = args.examples / "incident-cyberattack.toml"
    executable = Path(sys.executable).with_name("crisis-desk")
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content.json"
        content.write_text(json.dumps(extract_content(org_file, incident_file)),
                           encoding="utf-8")
        ours = [str(executable), "kit", str(incident_file), "--org", str(org_file), "--out",
                str(Path(folder) / "kit"), "--kind", "poster", "--kind", "poster-a3"]
        bare = [sys.executable, __file__, "--baseline", str(content),
                str(Path(folder) / "bare")]
        web = [args.weasyprint_python, __file__, "--weasyprint", str(content),
               str(Path(folder) / "web")] if args.weasyprint_python else None
        for warm_up in (ours, bare, *([web] if web else [])):  # disk and bytecode caches
            subprocess.run(warm_up, check=True, stdout=subprocess.DEVNULL, env=_environment())
        walls, cpus = _median_seconds([ours, bare, *([web] if web else [])], args.runs)
        ours_time, bare_time, *web_times = walls
        web_time = web_times[0] if web_times else None
        files = sorted((Path(folder) / "kit").glob("*.pdf"))
    print(f"posters: {len(files)} PDF files (4 sites x A4/A3), median of {args.runs} runs")
    print(f"crisis-desk kit --kind poster --kind poster-a3 : {ours_time * 1000:7.0f} ms")
    print(f"bare ReportLab canvas, same content            : {bare_time * 1000:7.0f} ms")
    print(f"ratio to the bare canvas                       : {ours_time / bare_time:7.2f}x "
          "(target <= 1.5x)")
    print(f"the same in processor time (user + system)     : {cpus[0] * 1000:7.0f} ms vs "
          f"{cpus[1] * 1000:.0f} ms: {cpus[0] / cpus[1]:.2f}x")
    if web_time is not None:
        print(f"Jinja2 + WeasyPrint, same content              : {web_time * 1000:7.0f} ms")
        print(f"WeasyPrint / crisis-desk                       : {web_time / ours_time:7.2f}x "
              "(target >= 3x)")
    else:
        print("Jinja2 + WeasyPrint: left out (give --weasyprint-python)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
