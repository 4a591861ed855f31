"""The register of acts (issue 15, items 1 and 2): SQLite, migrations, transactions, numbers given once.

Numbers follow a pattern per collectivité and type of act; they are given
when an act is recorded, in the same transaction, and never twice: tested
with concurrent writer processes and with a writer killed in the middle of
its transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from deliberations.erreurs import Erreur, ErreurRegistre
from deliberations.registre import Acte, Numerotation, Registre, formater, numero_actes
from deliberations.registre import base as module_base

SEANCE = dt.date(2023, 9, 14)


def acte(rang: int, objet: str = "", **autres) -> Acte:
    valeurs = dict(collectivite="Commune de Montreuil", seance=SEANCE, instance="conseil municipal", rang=rang,
                   objet=objet or f"Objet du point {rang}")
    valeurs.update(autres)
    return Acte(**valeurs)


# --------------------------------------------------------------------------
# Patterns: the table of cases


@pytest.mark.parametrize("motif, date, rang, sequence, attendu", [
    ("DEL{AAAA}_{000}", dt.date(2024, 4, 2), 7, 12, "DEL2024_012"),
    ("{AAAA}-{MM}-{000}", dt.date(2024, 4, 2), 7, 12, "2024-04-012"),
    ("{AA}{MM}{JJ}-{rang}", dt.date(2023, 9, 14), 4, 1, "230914-4"),
    ("D{AAAA}{0}", dt.date(2023, 9, 14), 1, 1234, "D20231234"),  # a sequence longer than its padding is kept
    ("CM_{AAAA}_{00}", dt.date(2023, 1, 5), 3, 3, "CM_2023_03"),
])
def test_motifs(motif, date, rang, sequence, attendu):
    assert formater(motif, date=date, rang=rang, sequence=sequence) == attendu


@pytest.mark.parametrize("motif, mots", [
    ("DEL{AAAA}_{nnn}", "{nnn}"),
    ("DEL{AAAA", "accolade"),
    ("", "vide"),
    ("{000}-{00}", "deux compteurs"),
])
def test_motifs_refuses(motif, mots):
    with pytest.raises(ErreurRegistre) as exc:
        Numerotation(motif=motif)
    assert mots in str(exc.value)


@pytest.mark.parametrize("numero, attendu", [
    ("2024-04-012", "2024_04_012"),
    ("DEL2024_012", "DEL2024_012"),
    ("dél. 2023/14", "DEL_2023_14"),
    ("06-04", "06_04"),
    ("-12-", "12"),
])
def test_numero_actes_derive(numero, attendu):
    assert numero_actes(numero) == attendu


@pytest.mark.parametrize("numero, mots", [
    ("2024-04-0123456789", "15 caractères"),
    ("---", "vide"),
])
def test_numero_actes_impossible(numero, mots):
    with pytest.raises(ErreurRegistre) as exc:
        numero_actes(numero)
    assert mots in str(exc.value)


# --------------------------------------------------------------------------
# Recording and numbering


def test_les_numeros_se_suivent_et_repartent_chaque_annee(tmp_path):
    numerotation = Numerotation(motif="DEL{AAAA}_{000}", remise="annuelle")
    with Registre.ouvrir(tmp_path / "registre.sqlite") as registre:
        premiers = [registre.enregistrer(acte(k), numerotation).numero for k in (1, 2, 3)]
        autre_annee = registre.enregistrer(acte(1, seance=dt.date(2024, 1, 18)), numerotation).numero
    assert premiers == ["DEL2023_001", "DEL2023_002", "DEL2023_003"]
    assert autre_annee == "DEL2024_001"


def test_sans_remise_le_compteur_continue(tmp_path):
    numerotation = Numerotation(motif="{000}", remise="jamais")
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        registre.enregistrer(acte(1), numerotation)
        suivant = registre.enregistrer(acte(1, seance=dt.date(2024, 1, 18)), numerotation)
    assert suivant.numero == "002"


def test_un_acte_deja_numerote_garde_son_numero(tmp_path):
    numerotation = Numerotation(motif="DEL{AAAA}_{000}")
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        premier = registre.enregistrer(acte(1), numerotation)
        encore = registre.enregistrer(acte(1), numerotation)  # the séance recorded again
        assert encore == premier
        assert registre.enregistrer(acte(2), numerotation).numero == "DEL2023_002"  # no number lost
        with pytest.raises(ErreurRegistre) as exc:
            registre.enregistrer(acte(1, numero="DEL2023_099"), numerotation)
        assert "déjà numéroté" in str(exc.value) and "DEL2023_001" in str(exc.value)
        with pytest.raises(ErreurRegistre) as exc:
            registre.enregistrer(acte(1, objet="Un autre objet"), numerotation)
        assert "autre objet" in str(exc.value)


def test_un_acte_peut_porter_son_propre_numero(tmp_path):
    numerotation = Numerotation(motif="DEL{AAAA}_{000}")
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        propre = registre.enregistrer(acte(1, numero="2023-09-001"), numerotation)
        assert (propre.numero, propre.numero_actes) == ("2023-09-001", "2023_09_001")
        assert registre.enregistrer(acte(2), numerotation).numero == "DEL2023_001"  # the counter untouched
        with pytest.raises(ErreurRegistre) as exc:
            registre.enregistrer(acte(3, numero="2023-09-001"), numerotation)
        assert "déjà donné" in str(exc.value)


def test_un_echec_laisse_le_registre_tel_quel(tmp_path):
    numerotation = Numerotation(motif="{AAAA}-{000}")
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        registre.enregistrer(acte(1, numero="2023-001"), numerotation)
        with pytest.raises(ErreurRegistre) as exc:  # the counter gives 2023-001: taken, the whole write is undone
            registre.enregistrer(acte(2), numerotation)
        assert "déjà donné" in str(exc.value)
        assert [a.numero for a in registre.actes()] == ["2023-001"]
        with sqlite3.connect(tmp_path / "r.sqlite") as cx:
            assert cx.execute("SELECT COUNT(*) FROM compteurs").fetchone()[0] == 0


def test_les_actes_se_relisent_par_date_et_par_objet(tmp_path):
    numerotation = Numerotation(motif="{AAAA}-{000}")
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        registre.enregistrer(acte(1, "Voirie : travaux"), numerotation)
        registre.enregistrer(acte(2, "Budget primitif"), numerotation)
        registre.enregistrer(acte(1, "Adhésion", seance=dt.date(2023, 10, 5)), numerotation)
        registre.enregistrer(acte(2, "Élection du maire", seance=dt.date(2023, 10, 5)), numerotation)
        par_date = [a.objet for a in registre.actes()]
        par_objet = [a.objet for a in registre.actes(tri="objet")]
        annee = registre.actes(du=dt.date(2023, 10, 1), au=dt.date(2023, 12, 31))
    assert par_date == ["Voirie : travaux", "Budget primitif", "Adhésion", "Élection du maire"]
    assert par_objet == ["Adhésion", "Budget primitif", "Élection du maire", "Voirie : travaux"]
    assert [a.numero for a in annee] == ["2023-003", "2023-004"]


def test_publication_et_transmission_notees(tmp_path):
    pdf = tmp_path / "DEL2023_001.pdf"
    pdf.write_bytes(b"%PDF-1.7 acte")
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        numero = registre.enregistrer(acte(1), Numerotation(motif="DEL{AAAA}_{000}")).numero
        registre.noter_publication("Commune de Montreuil", numero, pdf, dt.date(2023, 9, 20))
        registre.noter_transmission("Commune de Montreuil", numero, transmis_le=dt.date(2023, 9, 18),
                                    recu_le=dt.date(2023, 9, 18), identifiant="093-123456789-20230914-DEL2023_001-DE")
        enregistre = registre.trouver("Commune de Montreuil", numero)
    assert enregistre.publie_le == dt.date(2023, 9, 20)
    assert enregistre.publications == [(pdf.name, hashlib.sha256(b"%PDF-1.7 acte").hexdigest())]
    assert enregistre.identifiant_actes == "093-123456789-20230914-DEL2023_001-DE"


def test_une_transmission_avant_la_seance_est_refusee(tmp_path):
    with Registre.ouvrir(tmp_path / "r.sqlite") as registre:
        numero = registre.enregistrer(acte(1), Numerotation(motif="{000}")).numero
        with pytest.raises(ErreurRegistre) as exc:
            registre.noter_transmission("Commune de Montreuil", numero, transmis_le=dt.date(2023, 9, 1))
        assert "avant la séance" in str(exc.value)
        with pytest.raises(ErreurRegistre) as exc:
            registre.noter_transmission("Commune de Montreuil", numero, transmis_le=dt.date(2023, 9, 20),
                                        recu_le=dt.date(2023, 9, 19))
        assert "avant sa transmission" in str(exc.value)


# --------------------------------------------------------------------------
# The file: versions, migrations, damage


def test_un_registre_ancien_est_mis_a_jour_sans_rien_perdre(tmp_path):
    chemin = tmp_path / "ancien.sqlite"
    with sqlite3.connect(chemin) as cx:  # a version 1 register, as the first release wrote it
        cx.executescript(module_base.MIGRATIONS[0])
        cx.execute("PRAGMA user_version = 1")
        cx.execute("INSERT INTO actes (collectivite, type, numero, numero_actes, sequence, seance_date, instance, "
                   "rang, objet, nature, resultat, enregistre_le) VALUES ('Commune de Montreuil', 'deliberation', "
                   "'2023-001', '2023_001', 1, '2023-09-14', 'conseil municipal', 1, 'Objet', 'DE', 'adopté', "
                   "'2023-09-14T20:00:00')")
        cx.execute("INSERT INTO compteurs VALUES ('Commune de Montreuil', 'deliberation', '2023', 1)")
    cx.close()
    with Registre.ouvrir(chemin) as registre:
        assert registre.version == len(module_base.MIGRATIONS)
        assert [a.numero for a in registre.actes()] == ["2023-001"]
        assert registre.enregistrer(acte(2), Numerotation(motif="{AAAA}-{000}")).numero == "2023-002"


def test_un_registre_plus_recent_est_refuse(tmp_path):
    chemin = tmp_path / "futur.sqlite"
    with sqlite3.connect(chemin) as cx:
        cx.execute(f"PRAGMA user_version = {len(module_base.MIGRATIONS) + 1}")
    cx.close()
    with pytest.raises(ErreurRegistre) as exc:
        Registre.ouvrir(chemin).__enter__()
    assert "plus récente" in str(exc.value)


def test_un_fichier_qui_n_est_pas_un_registre(tmp_path):
    chemin = tmp_path / "faux.sqlite"
    chemin.write_text("ceci n'est pas une base\n" * 100, encoding="utf-8")
    with pytest.raises(ErreurRegistre) as exc:
        Registre.ouvrir(chemin).__enter__()
    assert "faux.sqlite" in str(exc.value) and "SQLite" in str(exc.value)
    assert isinstance(exc.value, Erreur)


# --------------------------------------------------------------------------
# Concurrent writers, and a writer killed in the middle of its transaction


def _ecrire(chemin: str, ecrivain: int, nombre: int) -> list[str]:
    numerotation = Numerotation(motif="{AAAA}-{000}")
    with Registre.ouvrir(Path(chemin)) as registre:
        return [registre.enregistrer(acte(ecrivain * 1000 + k), numerotation).numero for k in range(nombre)]


def test_des_ecrivains_simultanes_ne_donnent_jamais_deux_fois_un_numero(tmp_path):
    chemin = str(tmp_path / "partage.sqlite")
    with Registre.ouvrir(Path(chemin)):  # created once, then shared
        pass
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        resultats = pool.starmap(_ecrire, [(chemin, e, 15) for e in range(4)])
    numeros = [n for r in resultats for n in r]
    assert len(numeros) == 60
    assert sorted(numeros) == [f"2023-{k:03d}" for k in range(1, 61)]  # each once, none skipped


def test_un_ecrivain_tue_pendant_sa_transaction_ne_prend_aucun_numero(tmp_path):
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("pas de SIGKILL sur ce système")
    chemin = tmp_path / "r.sqlite"
    with Registre.ouvrir(chemin) as registre:
        registre.enregistrer(acte(1), Numerotation(motif="{000}"))
    script = textwrap.dedent(f"""
        import datetime as dt, os, signal
        from deliberations.registre import Acte, Numerotation, Registre
        from deliberations.registre import base
        vrai = base.Registre._inserer
        def inserer_puis_mourir(self, *args, **kwargs):
            resultat = vrai(self, *args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)  # after the insert, before the commit
        base.Registre._inserer = inserer_puis_mourir
        with Registre.ouvrir({str(chemin)!r}) as registre:
            registre.enregistrer(Acte(collectivite="Commune de Montreuil", seance=dt.date(2023, 9, 14),
                                      instance="conseil municipal", rang=2, objet="Objet du point 2"),
                                 Numerotation(motif="{{000}}"))
    """)
    fini = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert fini.returncode == -signal.SIGKILL, fini.stderr
    with sqlite3.connect(chemin) as cx:
        assert cx.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Registre.ouvrir(chemin) as registre:
        assert [a.numero for a in registre.actes()] == ["001"]
        assert registre.enregistrer(acte(2), Numerotation(motif="{000}")).numero == "002"  # not lost

