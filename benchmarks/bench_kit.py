"""How long the whole kit takes: every kind, every site, every format, FR+NL.

Measures the real command as a whole process (what a user waits for) and, inside
one process, the rendering alone (what the desktop app pays once warm). Prints
medians of several runs. Target (issue 7): the whole kit under 1.5 s on 2 cores.

    python benchmarks/bench_kit.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
TARGET_SECONDS = 1.5


def example_files() -> tuple[Path, Path]:
    """The shared example if it is beside the repository, else the demo."""
    if (EXAMPLES / "organisation.toml").exists():
        return EXAMPLES / "organisation.toml", EXAMPLES / "incident-cyberattack.toml"
    demo = REPO / "crisis_desk" / "demo"
    return demo / "organisation.toml", demo / "incident.toml"


NETWORK_SITES, NETWORK_SERVICES = 16, 40
NETWORK_TARGET_SECONDS = 3.0
ICONS = ("emergency", "dialysis", "laboratory", "consultation", "surgery", "imaging",
         "maternity", "pharmacy", "phone", "visits")


def write_network(folder: Path) -> tuple[Path, Path]:
    """A 16-site, 40-service network in FR and NL, with the same statuses everywhere."""
    org = ['id = "network"', 'languages = ["fr", "nl"]', 'timezone = "Europe/Brussels"',
           'status_url = "https://status.example.org"', "[name]",
           'fr = "Réseau hospitalier"', 'nl = "Ziekenhuisnetwerk"', "[hotline]",
           'phone = "+32 2 555 00 00"']
    for number in range(1, NETWORK_SITES + 1):
        org += ["[[site]]", f'id = "site-{number}"',
                f'name = {{ fr = "Hôpital {number}", nl = "Ziekenhuis {number}" }}',
                f'town = {{ fr = "Ville {number}", nl = "Stad {number}" }}',
                f'address = "Rue de l\'Hôpital {number}, 1000 Bruxelles"']
    for number in range(1, NETWORK_SERVICES + 1):
        org += ["[[service]]", f'id = "service-{number}"',
                f'icon = "{ICONS[number % len(ICONS)]}"',
                f'name = {{ fr = "Service {number}", nl = "Dienst {number}" }}']
    incident = ['organisation = "network"', 'kind = "cyberattack"',
                "started = 2022-05-14T01:30:00+02:00", "issued = 2022-05-16T10:00:00+02:00",
                "update = 2", "next_update = 2022-05-17T12:00:00+02:00",
                'languages = ["fr", "nl"]', "[title]", 'fr = "Cyberattaque"',
                'nl = "Cyberaanval"', "[facts]", 'fr = "Nos systèmes sont à l\'arrêt."',
                'nl = "Onze systemen liggen stil."', "[patient_advice]",
                'fr = "Apportez vos médicaments."', 'nl = "Breng uw geneesmiddelen mee."']
    for number in range(1, 13):
        status = ("degraded", "suspended", "limited")[number % 3]
        incident += ["[[status]]", 'site = "*"', f'service = "service-{number}"',
                     f'status = "{status}"',
                     'note = { fr = "Avec retard.", nl = "Met vertraging." }']
    org_file, incident_file = folder / "organisation.toml", folder / "incident.toml"
    org_file.write_text("\n".join(org) + "\n", encoding="utf-8")
    incident_file.write_text("\n".join(incident) + "\n", encoding="utf-8")
    return org_file, incident_file


def time_process(org: Path, incident: Path, runs: int) -> tuple[float, int]:
    """Median seconds of `crisis-desk kit` as a fresh process, and the file count."""
    timings, count = [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "crisis_desk", "kit", str(incident),
                            "--org", str(org), "--out", out], check=True,
                           capture_output=True)
            timings.append(time.perf_counter() - start)
            count = len(list(Path(out).iterdir()))
    return statistics.median(timings), count


def time_in_process(org: Path, incident: Path, runs: int) -> tuple[float, float]:
    """(first, median of warm) seconds to render every document inside one process."""
    from crisis_desk.documents import plan, render_planned
    from crisis_desk.files.loading import load_incident, load_organisation

    loaded_org = load_organisation(org)
    loaded = load_incident(incident, loaded_org.timezone)
    timings = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        for doc in plan(loaded_org, loaded):
            render_planned(doc, loaded_org, loaded)
        timings.append(time.perf_counter() - start)
    return timings[0], statistics.median(timings[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    org, incident = example_files()
    process, count = time_process(org, incident, runs)
    first, warm = time_in_process(org, incident, runs)
    print(f"kit: {count} documents from {incident.name}")
    print(f"  whole process (median of {runs}): {process:.3f} s  "
          f"(target {TARGET_SECONDS} s: {'met' if process <= TARGET_SECONDS else 'MISSED'}, "
          f"ratio {process / TARGET_SECONDS:.2f})")
    print(f"  in process, first render:        {first:.3f} s")
    print(f"  in process, warm (median):       {warm:.3f} s  ({warm / count * 1000:.1f} ms "
          "per document)")
    with tempfile.TemporaryDirectory() as folder:
        big_org, big_incident = write_network(Path(folder))
        network, network_count = time_process(big_org, big_incident, runs)
    print(f"kit: {network_count} documents of a {NETWORK_SITES}-site, {NETWORK_SERVICES}-service "
          "network")
    print(f"  whole process (median of {runs}): {network:.3f} s  (target "
          f"{NETWORK_TARGET_SECONDS} s: "
          f"{'met' if network <= NETWORK_TARGET_SECONDS else 'MISSED'})")


if __name__ == "__main__":
    main()
