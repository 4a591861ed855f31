"""Benchmarks, run by hand (never as timed tests): ratios measured in the same run.

    .venv/bin/python benchmarks/bench.py            # every benchmark
    .venv/bin/python benchmarks/bench.py rendu annexe seance pdf pdf-seance aide

Each benchmark prints its figures and whether the target is met; results and
the machine they were measured on are written down in benchmarks/README.md.
"""

from __future__ import annotations

import copy
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

RACINE = Path(__file__).resolve().parent.parent
EXEMPLE = RACINE / "examples" / "06-04-clauses-sociales.yaml"
MODELES = RACINE / "templates" / "rapport-deliberation"
PYTHON = sys.executable


def chrono(fonction: Callable[[], Any], repetitions: int = 5) -> float:
    """Median wall time of ``repetitions`` calls (after one warm-up call)."""
    fonction()
    temps = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        temps.append(time.perf_counter() - debut)
    return statistics.median(temps)


def docxtpl_nu(modele: Path, contexte: dict[str, Any]) -> bytes:
    """Bare docxtpl: the same template and context, autoescape on, saved to memory."""
    from docxtpl import DocxTemplate

    gabarit = DocxTemplate(str(modele))
    gabarit.render(contexte, autoescape=True)
    tampon = io.BytesIO()
    gabarit.save(tampon)
    return tampon.getvalue()


def verdict(nom: str, valeur: float, cible: float, plus_petit: bool = True, unite: str = "×") -> bool:
    ok = valeur <= cible if plus_petit else valeur >= cible
    signe = "≤" if plus_petit else "≥"
    print(f"  {nom} : {valeur:.2f}{unite} (cible {signe} {cible}{unite}) {'OK' if ok else 'NON ATTEINT'}")
    return ok


# --------------------------------------------------------------------------


def bench_rendu() -> bool:
    """The library's render of the reference example vs bare docxtpl (verification included)."""
    from deliberations import contexte, load, render

    point = load(EXEMPLE)
    ctx = contexte(point)
    sortie = Path(tempfile.mkdtemp())
    nu = chrono(lambda: [docxtpl_nu(MODELES / n, ctx) for n in ("rapport.docx", "deliberation.docx")], 10)
    lib = chrono(lambda: render(point, sortie, force=True), 10)
    print(f"rendu de l'exemple : docxtpl nu {nu * 1000:.0f} ms, bibliothèque {lib * 1000:.0f} ms "
          "(contrôles, contexte, rendu, vérification, écriture atomique)")
    shutil.rmtree(sortie)
    return verdict("rapport", lib / nu, 1.5)


def point_annexe(lignes: int) -> Any:
    from deliberations import load
    from deliberations.model import Point

    point = load(EXEMPLE)
    donnees = point.model_dump(mode="python", exclude_unset=True)
    tableau = donnees["annexes"][0]["tableaux"][0]
    tableau["lignes"] = [[f"Structure n° {k}", "15000", "15000", "30000"] for k in range(lignes)]
    montant = f"{15000 * lignes}"
    tableau["totaux"] = {"acompte": montant, "solde": montant, "total": f"{30000 * lignes}"}
    donnees["expose"][0]["paragraphes"][-1] = "Un total de ${annexe1.lignes} structures."
    from deliberations import valider

    return valider(donnees)


def bench_annexe() -> bool:
    """An annex of 5 000 rows: ≤ 1.5× bare docxtpl, peak memory ≤ 250 MiB, linear in rows."""
    from deliberations import contexte, render

    resultats = {}
    for lignes in (1250, 2500, 5000):
        point = point_annexe(lignes)
        ctx = contexte(point)
        sortie = Path(tempfile.mkdtemp())
        nu = chrono(lambda: [docxtpl_nu(MODELES / n, ctx) for n in ("rapport.docx", "deliberation.docx")], 3)
        lib = chrono(lambda: render(point, sortie, force=True), 3)
        resultats[lignes] = (nu, lib)
        shutil.rmtree(sortie)
        print(f"annexe de {lignes} lignes : docxtpl nu {nu:.2f} s, bibliothèque {lib:.2f} s (les deux documents)")
    nu, lib = resultats[5000]
    ok = verdict("rapport, 5 000 lignes", lib / nu, 1.5)
    # linear: time per row at 5 000 rows vs at 1 250 rows
    pente = (resultats[5000][1] / 5000) / (resultats[1250][1] / 1250)
    ok &= verdict("temps par ligne, 5 000 / 1 250 lignes", pente, 1.25)
    memoire = {}
    for quoi in ("nu", "bibliotheque"):
        memoire[quoi] = float(subprocess.run(
            [PYTHON, __file__, "_memoire", quoi], capture_output=True, text=True, check=True
        ).stdout.strip())
    print(f"mémoire de pointe, 5 000 lignes (processus neuf, chargement compris) : docxtpl nu {memoire['nu']:.0f} Mio, "
          f"bibliothèque {memoire['bibliotheque']:.0f} Mio")
    ok &= verdict("mémoire de pointe (processus neuf, 5 000 lignes)", memoire["bibliotheque"], 250, unite=" Mio")
    return ok


def pic_memoire() -> float:
    """Peak resident memory of this process, in MiB.

    On Linux, VmHWM from /proc/self/status: ``ru_maxrss`` is no good for a
    child process, since Linux carries the parent's peak over into it across
    fork and exec (a child of this benchmark, which has just rendered
    5 000 rows itself, would report the benchmark's own peak).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as statut:
            for ligne in statut:
                if ligne.startswith("VmHWM:"):
                    return int(ligne.split()[1]) / 1024
    except OSError:
        pass
    maximum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maximum / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB elsewhere


def _memoire(quoi: str) -> None:
    """The 5 000-row annex in this (fresh) process: ``nu`` (bare docxtpl) or ``bibliotheque``; print the peak."""
    point = point_annexe(5000)
    if quoi == "nu":
        from deliberations import contexte

        ctx = contexte(point)
        for nom in ("rapport.docx", "deliberation.docx"):
            docxtpl_nu(MODELES / nom, ctx)
    else:
        from deliberations import render

        with tempfile.TemporaryDirectory() as sortie:
            render(point, sortie)
    print(pic_memoire())


def seance_de(points: int, dossier: Path) -> Path:
    """A séance of ``points`` copies of the reference example, numbered 1…N."""
    shutil.copytree(RACINE / "examples" / "collectivites", dossier / "collectivites")
    texte = EXEMPLE.read_text(encoding="utf-8").replace('numero: "06-04"\n', "")
    noms = []
    for k in range(points):
        nom = f"point-{k + 1:03d}.yaml"
        (dossier / nom).write_text(texte, encoding="utf-8")
        noms.append(nom)
    seance = dossier / "seance.yaml"
    seance.write_text("instance: commission permanente\ndate: 2023-09-14\n"
                      "collectivite: collectivites/seine-saint-denis.yaml\npoints:\n"
                      + "".join(f"  - {n}\n" for n in noms), encoding="utf-8")
    return seance


def bench_seance() -> bool:
    """A séance of 100 items: --jobs 2 at least 1.6× faster than --jobs 1."""
    with tempfile.TemporaryDirectory() as temporaire:
        seance = seance_de(100, Path(temporaire))
        temps: dict[int, float] = {}
        for jobs in (1, 2):
            mesures = []
            for essai in range(3):  # disk writes make single runs noisy: median of three
                sortie = Path(temporaire) / f"sortie-{jobs}-{essai}"
                debut = time.perf_counter()
                subprocess.run([PYTHON, "-m", "deliberations.cli", "seance", str(seance), "-o", str(sortie),
                                "--jobs", str(jobs)], check=True, capture_output=True)
                mesures.append(time.perf_counter() - debut)
            temps[jobs] = statistics.median(mesures)
            print(f"séance de 100 points, --jobs {jobs} : {temps[jobs]:.2f} s "
                  f"(médiane de {', '.join(f'{m:.2f}' for m in mesures)})")
    print(f"  cœurs : {os.cpu_count()}")
    return verdict("accélération --jobs 2 / --jobs 1", temps[1] / temps[2], 1.6, plus_petit=False)


def bench_pdf() -> bool:
    """PDF of 20 documents in one LibreOffice process vs 20 separate conversions."""
    from deliberations import render
    from deliberations.sortie.pdf import _soffice
    from deliberations.sortie.ecriture import convertir_pdf

    with tempfile.TemporaryDirectory() as temporaire:
        dossier = Path(temporaire)
        docx = []
        for k in range(10):
            from deliberations import load

            point = load(EXEMPLE)
            point.numero = f"06-{k:02d}"
            docx += render(point, dossier / "docx")
        assert len(docx) == 20
        debut = time.perf_counter()
        convertir_pdf(docx, dossier / "ensemble")
        ensemble = time.perf_counter() - debut
        debut = time.perf_counter()
        for k, fichier in enumerate(docx):
            profil = dossier / f"profil-{k}"
            subprocess.run([_soffice(), "--headless", "--norestore", f"-env:UserInstallation={profil.as_uri()}",
                            "--convert-to", "pdf", "--outdir", str(dossier / "separes"), str(fichier)],
                           check=True, capture_output=True)
        separes = time.perf_counter() - debut
    print(f"20 PDF : un seul LibreOffice {ensemble:.1f} s, 20 appels séparés {separes:.1f} s")
    return verdict("accélération", separes / ensemble, 3, plus_petit=False)


def calcul_des_enfants() -> float:
    """CPU seconds (user + system) of this process's children waited for so far."""
    enfants = resource.getrusage(resource.RUSAGE_CHILDREN)
    return enfants.ru_utime + enfants.ru_stime


def bench_pdf_seance() -> bool:
    """A 100-item séance with PDF: 2 LibreOffice processes vs one converting the same files; the whole séance.

    Besides wall times, the CPU seconds of each step (its child processes'),
    which other work on the machine disturbs much less.
    """
    from deliberations.sortie.pdf import libreoffice

    jobs = 2
    with tempfile.TemporaryDirectory() as temporaire:
        dossier = Path(temporaire)
        seance = seance_de(100, dossier)
        docx_dossier = dossier / "docx"
        subprocess.run([PYTHON, "-m", "deliberations.cli", "seance", str(seance), "-o", str(docx_dossier),
                        "--jobs", str(jobs)], check=True, capture_output=True)
        docx = sorted(docx_dossier.glob("*.docx"))
        temps, calcul = {}, {}
        for nom, n in (("un seul LibreOffice", 1), (f"{jobs} LibreOffice", jobs)):
            sortie = dossier / f"pdf-{n}"
            sortie.mkdir()
            debut, cpu = time.perf_counter(), calcul_des_enfants()
            libreoffice(docx, sortie, jobs=n)
            temps[n], calcul[n] = time.perf_counter() - debut, calcul_des_enfants() - cpu
            print(f"{len(docx)} PDF/A, {nom} : {temps[n]:.1f} s ({calcul[n]:.1f} s de calcul)")
        debut, cpu = time.perf_counter(), calcul_des_enfants()
        subprocess.run([PYTHON, "-m", "deliberations.cli", "seance", str(seance), "-o", str(dossier / "tout"),
                        "--pdf", "--jobs", str(jobs)], check=True, capture_output=True)
        tout, calcul_tout = time.perf_counter() - debut, calcul_des_enfants() - cpu
        print(f"séance de 100 points avec PDF, --jobs {jobs} (processus complet) : {tout:.1f} s "
              f"({calcul_tout:.1f} s de calcul, soit {calcul_tout / calcul[jobs]:.2f} × celui de la conversion "
              "parallèle seule)")
    print(f"  cœurs : {os.cpu_count()}")
    ok = verdict(f"accélération de la conversion, {jobs} processus / 1", temps[1] / temps[jobs], 1.7, plus_petit=False)
    return ok & verdict("séance complète / conversion parallèle seule", tout / temps[jobs], 1.2)


def bench_aide() -> bool:
    """`deliberations --help` in at most 0.3 s."""
    commande = [str(Path(PYTHON).parent / "deliberations"), "--help"]
    temps = chrono(lambda: subprocess.run(commande, check=True, capture_output=True), 10)
    return verdict("deliberations --help", temps, 0.3, unite=" s")


BENCHMARKS = {"rendu": bench_rendu, "annexe": bench_annexe, "seance": bench_seance, "pdf": bench_pdf,
              "pdf-seance": bench_pdf_seance,
              "aide": bench_aide}


def main(argv: list[str]) -> int:
    if argv[:1] == ["_memoire"]:
        _memoire(argv[1] if len(argv) > 1 else "bibliotheque")
        return 0
    noms = argv or list(BENCHMARKS)
    print(f"machine : {os.cpu_count()} cœurs, Python {sys.version.split()[0]}")
    resultats = {nom: BENCHMARKS[nom]() for nom in noms}
    print("\n" + ", ".join(f"{n} {'OK' if ok else 'NON'}" for n, ok in resultats.items()))
    return 0 if all(resultats.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
