"""The register of acts: one SQLite file, a versioned schema, every write a transaction.

Each adopted act of each séance is recorded once, with its number given in
the same transaction as the counter moves: two processes writing at once
wait for each other (``BEGIN IMMEDIATE``), and uniqueness constraints make a
number given twice impossible even so. A process killed in the middle of a
write leaves the register as it was (SQLite's journal), the number unused.

The schema is versioned (``PRAGMA user_version``); :data:`MIGRATIONS` are
applied in order, in one transaction, to bring an older file up to date in
place. A file of a newer version is refused rather than misread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import sqlite3
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator, Literal, Sequence

from deliberations.erreurs import ErreurRegistre, RegistreIntrouvable
from deliberations.sortie.ecriture import preparer_dossier
from deliberations.registre.numerotation import Numerotation, a_un_compteur, numero_actes, sequence_de

#: the schema, version by version: MIGRATIONS[k] brings a register from version k to version k + 1
MIGRATIONS = [
    # 1: acts and counters
    """
    CREATE TABLE compteurs (
        collectivite TEXT NOT NULL, type TEXT NOT NULL, periode TEXT NOT NULL, dernier INTEGER NOT NULL,
        PRIMARY KEY (collectivite, type, periode));
    CREATE TABLE actes (
        id INTEGER PRIMARY KEY,
        collectivite TEXT NOT NULL, type TEXT NOT NULL,
        numero TEXT NOT NULL, numero_actes TEXT NOT NULL, sequence INTEGER,
        seance_date TEXT NOT NULL, instance TEXT NOT NULL, rang INTEGER NOT NULL,
        objet TEXT NOT NULL, nature TEXT NOT NULL, matiere TEXT, resultat TEXT NOT NULL,
        source TEXT, enregistre_le TEXT NOT NULL,
        UNIQUE (collectivite, numero), UNIQUE (collectivite, numero_actes),
        UNIQUE (collectivite, type, seance_date, instance, rang));
    CREATE INDEX actes_par_date ON actes (collectivite, seance_date, rang);
    """,
    # 2: votes, transmission to the préfecture, published files
    """
    ALTER TABLE actes ADD COLUMN membres INTEGER;
    ALTER TABLE actes ADD COLUMN votants INTEGER;
    ALTER TABLE actes ADD COLUMN pour INTEGER;
    ALTER TABLE actes ADD COLUMN contre INTEGER;
    ALTER TABLE actes ADD COLUMN abstentions INTEGER;
    ALTER TABLE actes ADD COLUMN transmis_le TEXT;
    ALTER TABLE actes ADD COLUMN recu_le TEXT;
    ALTER TABLE actes ADD COLUMN identifiant_actes TEXT;
    ALTER TABLE actes ADD COLUMN publie_le TEXT;
    CREATE TABLE publications (
        acte INTEGER NOT NULL REFERENCES actes (id) ON DELETE CASCADE,
        fichier TEXT NOT NULL, sha256 TEXT NOT NULL,
        PRIMARY KEY (acte, fichier));
    """,
]

Resultat = Literal["adopté", "rejeté"]


@dataclass(frozen=True)
class Acte:
    """An act to record: its séance, its place in the ordre du jour, what it decides; its own number if it has one."""

    collectivite: str
    seance: dt.date
    instance: str
    rang: int
    objet: str
    type: str = "deliberation"
    nature: str = "DE"
    matiere: str | None = None
    resultat: Resultat = "adopté"
    numero: str | None = None
    #: its own ACTES number (``actes.numero``), when it is not derived from its number
    numero_actes: str | None = None
    source: str = ""
    membres: int | None = None
    votants: int | None = None
    pour: int | None = None
    contre: int | None = None
    abstentions: int | None = None


@dataclass(frozen=True)
class ActeEnregistre:
    """An act as the register holds it."""

    collectivite: str
    type: str
    numero: str
    numero_actes: str
    seance: dt.date
    instance: str
    rang: int
    objet: str
    nature: str
    matiere: str | None
    resultat: str
    source: str
    membres: int | None = None
    votants: int | None = None
    pour: int | None = None
    contre: int | None = None
    abstentions: int | None = None
    transmis_le: dt.date | None = None
    recu_le: dt.date | None = None
    identifiant_actes: str | None = None
    publie_le: dt.date | None = None
    publications: list[tuple[str, str]] = field(default_factory=list)
    #: recorded by the call that returned it (False: it was already in the register)
    nouveau: bool = field(default=False, compare=False)


def _cle_francaise(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c)).casefold()


def _date(texte: str | None) -> dt.date | None:
    return dt.date.fromisoformat(texte) if texte else None


class Registre:
    """An open register (see :meth:`ouvrir`)."""

    def __init__(self, chemin: Path, connexion: sqlite3.Connection) -> None:
        self.chemin, self._cx = chemin, connexion

    # ------------------------------------------------------------------
    # Opening, versions

    @classmethod
    @contextlib.contextmanager
    def ouvrir(cls, chemin: str | Path, *, creer: bool = True) -> Iterator["Registre"]:
        """Open (or create) the register at ``chemin``, upgraded to the current version; closed afterwards.

        With ``creer=False`` a missing file is an error instead of a new, empty register.
        """
        chemin = Path(chemin)
        if chemin.is_dir():
            raise RegistreIntrouvable.de("est un dossier, pas un registre (un fichier .sqlite)", chemin)
        if not creer and not chemin.is_file():
            raise RegistreIntrouvable.de("registre introuvable (enregistrez d'abord une séance : deliberations registre "
                                    "enregistrer SEANCE.yaml --registre FICHIER)", chemin)
        if creer:
            preparer_dossier(chemin.parent)
        try:
            connexion = sqlite3.connect(chemin, timeout=60, isolation_level=None)
        except sqlite3.Error:
            raise ErreurRegistre.de("le registre ne s'ouvre pas (dossier introuvable ou permission refusée)",
                                    chemin) from None
        registre = cls(chemin, connexion)
        try:
            registre._preparer()
            yield registre
        finally:
            registre.fermer()

    def fermer(self) -> None:
        self._cx.close()

    @property
    def version(self) -> int:
        return int(self._cx.execute("PRAGMA user_version").fetchone()[0])

    def _preparer(self) -> None:
        try:
            self._cx.execute("PRAGMA foreign_keys = ON")
            with self._transaction():
                version = self.version
                if version > len(MIGRATIONS):
                    raise ErreurRegistre.de(
                        f"registre d'une version plus récente ({version}) que celle que connaît cette version de "
                        f"deliberations ({len(MIGRATIONS)}) : mettez deliberations à jour", self.chemin)
                for script in MIGRATIONS[version:]:
                    for instruction in (i for i in script.split(";") if i.strip()):
                        self._cx.execute(instruction)
                if version < len(MIGRATIONS):
                    self._cx.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        except sqlite3.DatabaseError as exc:
            raison = ("ce n'est pas une base SQLite, ou elle est abîmée" if "not a database" in str(exc)
                      or "malformed" in str(exc) else "base SQLite illisible, verrouillée ou en lecture seule")
            raise ErreurRegistre.de(f"ce fichier n'est pas un registre utilisable ({raison})", self.chemin) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: taken at once (other writers wait), undone whole on any failure."""
        self._cx.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._cx.execute("ROLLBACK")
            raise
        self._cx.execute("COMMIT")

    # ------------------------------------------------------------------
    # Recording

    def enregistrer(self, acte: Acte, numerotation: Numerotation) -> ActeEnregistre:
        """Record an act and give it its number (the item's own, or the next of the counter); return it.

        Recording the same act again (same séance, instance and rang, same
        objet) gives back the number it has; another number, or another objet
        at its place, is refused.
        """
        return self.enregistrer_tous([(acte, numerotation)])[0]

    def enregistrer_tous(self, actes: Sequence[tuple[Acte, Numerotation]], *,
                         suivre_les_numeros: bool = False) -> list[ActeEnregistre]:
        """Record several acts in one transaction: all of them, or none if one is refused.

        ``suivre_les_numeros`` (rebuilding a register from acts that carry
        their numbers): an act's own number that its pattern could have given
        moves the counter up to it, so that the next act gets the next number.
        """
        with self._transaction():
            return [self._enregistrer(acte, numerotation, suivre_les_numeros) for acte, numerotation in actes]

    def _enregistrer(self, acte: Acte, numerotation: Numerotation, suivre: bool) -> ActeEnregistre:
        deja = self._cx.execute(
            "SELECT numero, objet FROM actes WHERE collectivite = ? AND type = ? AND seance_date = ? "
            "AND instance = ? AND rang = ?",
            (acte.collectivite, acte.type, acte.seance.isoformat(), acte.instance, acte.rang)).fetchone()
        if deja is not None:
            numero, objet = deja
            if acte.numero is not None and acte.numero != numero:
                raise ErreurRegistre.de(
                    f"le point {acte.rang} de la séance du {acte.seance:%d/%m/%Y} est déjà numéroté {numero} ; "
                    f"il ne peut pas recevoir le numéro {acte.numero}", self.chemin)
            if objet != acte.objet:
                raise ErreurRegistre.de(
                    f"le point {acte.rang} de la séance du {acte.seance:%d/%m/%Y} est déjà enregistré, "
                    f"numéro {numero}, pour un autre objet : « {objet} »", self.chemin)
            trouve = self.trouver(acte.collectivite, numero)
            assert trouve is not None
            return trouve
        if acte.numero is not None:
            numero, actes, sequence = acte.numero, acte.numero_actes or self._numero_actes(acte.numero), None
            suivi = sequence_de(numerotation.motif, acte.numero, date=acte.seance, rang=acte.rang) if suivre else None
            if suivi is not None:
                self._suivre(acte, numerotation, suivi)
                sequence = suivi
        else:
            sequence = self._avancer(acte, numerotation) if a_un_compteur(numerotation.motif) else None
            numero, actes = numerotation.numeros(date=acte.seance, rang=acte.rang, sequence=sequence or 0)
            actes = acte.numero_actes or actes
        self._inserer(acte, numero, actes, sequence)
        trouve = self.trouver(acte.collectivite, numero)
        assert trouve is not None
        return replace(trouve, nouveau=True)

    def _numero_actes(self, numero: str) -> str:
        try:
            return numero_actes(numero)
        except ErreurRegistre as exc:
            raise ErreurRegistre.de(exc.findings[0].message, self.chemin) from None

    def _avancer(self, acte: Acte, numerotation: Numerotation) -> int:
        periode = numerotation.periode(acte.seance)
        ligne = self._cx.execute("SELECT dernier FROM compteurs WHERE collectivite = ? AND type = ? AND periode = ?",
                                 (acte.collectivite, acte.type, periode)).fetchone()
        suivant = (ligne[0] if ligne else 0) + 1
        self._cx.execute("INSERT INTO compteurs VALUES (?, ?, ?, ?) ON CONFLICT (collectivite, type, periode) "
                         "DO UPDATE SET dernier = excluded.dernier", (acte.collectivite, acte.type, periode, suivant))
        return suivant

    def _suivre(self, acte: Acte, numerotation: Numerotation, sequence: int) -> None:
        """The counter moved up to ``sequence`` (never down)."""
        self._cx.execute("INSERT INTO compteurs VALUES (?, ?, ?, ?) ON CONFLICT (collectivite, type, periode) "
                         "DO UPDATE SET dernier = MAX(dernier, excluded.dernier)",
                         (acte.collectivite, acte.type, numerotation.periode(acte.seance), sequence))

    def _inserer(self, acte: Acte, numero: str, actes: str, sequence: int | None) -> None:
        try:
            self._cx.execute(
                "INSERT INTO actes (collectivite, type, numero, numero_actes, sequence, seance_date, instance, rang, "
                "objet, nature, matiere, resultat, source, enregistre_le, membres, votants, pour, contre, abstentions) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (acte.collectivite, acte.type, numero, actes, sequence, acte.seance.isoformat(), acte.instance,
                 acte.rang, acte.objet, acte.nature, acte.matiere, acte.resultat, acte.source,
                 dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), acte.membres, acte.votants,
                 acte.pour, acte.contre, acte.abstentions))
        except sqlite3.IntegrityError:
            raise ErreurRegistre.de(
                f"le numéro {numero} (ACTES {actes}) est déjà donné à un autre acte de {acte.collectivite} ; "
                "rien n'a été enregistré", self.chemin) from None

    # ------------------------------------------------------------------
    # Dates and files as they become known

    def _acte(self, collectivite: str, numero: str) -> tuple[int, dt.date]:
        ligne = self._cx.execute("SELECT id, seance_date FROM actes WHERE collectivite = ? AND numero = ?",
                                 (collectivite, numero)).fetchone()
        if ligne is None:
            raise ErreurRegistre.de(f"aucun acte numéro {numero} de {collectivite} dans le registre", self.chemin)
        return ligne[0], dt.date.fromisoformat(ligne[1])

    def noter_publication(self, collectivite: str, numero: str, fichier: str | Path, publie_le: dt.date) -> None:
        """Record that ``fichier`` (its SHA-256) was put online on ``publie_le``."""
        fichier = Path(fichier)
        empreinte = hashlib.sha256(fichier.read_bytes()).hexdigest()
        with self._transaction():
            ident, seance = self._acte(collectivite, numero)
            self._avant_la_seance(publie_le, seance, "publication", numero)
            self._cx.execute("UPDATE actes SET publie_le = ? WHERE id = ?", (publie_le.isoformat(), ident))
            self._cx.execute("INSERT INTO publications VALUES (?, ?, ?) ON CONFLICT (acte, fichier) "
                             "DO UPDATE SET sha256 = excluded.sha256", (ident, fichier.name, empreinte))

    def noter_transmission(self, collectivite: str, numero: str, *, transmis_le: dt.date,
                           recu_le: dt.date | None = None, identifiant: str | None = None) -> None:
        """Record the act's transmission to the préfecture, its reception and the identifier given back."""
        with self._transaction():
            ident, seance = self._acte(collectivite, numero)
            self._avant_la_seance(transmis_le, seance, "transmission", numero)
            if recu_le is not None and recu_le < transmis_le:
                raise ErreurRegistre.de(
                    f"acte {numero} : reçu en préfecture le {recu_le:%d/%m/%Y}, avant sa transmission "
                    f"le {transmis_le:%d/%m/%Y}", self.chemin)
            self._cx.execute("UPDATE actes SET transmis_le = ?, recu_le = ?, identifiant_actes = ? WHERE id = ?",
                             (transmis_le.isoformat(), recu_le.isoformat() if recu_le else None, identifiant, ident))

    def _avant_la_seance(self, date: dt.date, seance: dt.date, quoi: str, numero: str) -> None:
        if date < seance:
            raise ErreurRegistre.de(f"acte {numero} : date de {quoi} ({date:%d/%m/%Y}) avant la séance du "
                                    f"{seance:%d/%m/%Y}", self.chemin)

    # ------------------------------------------------------------------
    # Reading

    def actes(self, *, collectivite: str | None = None, du: dt.date | None = None, au: dt.date | None = None,
              tri: Literal["date", "objet"] = "date") -> list[ActeEnregistre]:
        """The recorded acts (of a collectivité, of a period), by date and rang, or by objet."""
        conditions, parametres = [], []
        for condition, valeur in (("collectivite = ?", collectivite), ("seance_date >= ?", du and du.isoformat()),
                                  ("seance_date <= ?", au and au.isoformat())):
            if valeur is not None:
                conditions.append(condition)
                parametres.append(valeur)
        ou = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        lignes = self._cx.execute(f"SELECT * FROM actes{ou} ORDER BY seance_date, instance, rang", parametres)
        noms = [c[0] for c in lignes.description]
        actes = [self._lire(dict(zip(noms, ligne))) for ligne in lignes.fetchall()]
        if tri == "objet":  # French order: accents and case do not count (« Élection » among the E)
            actes.sort(key=lambda a: (_cle_francaise(a.objet), a.seance, a.rang))
        return actes

    def collectivites(self) -> list[str]:
        """The collectivités that have acts in the register."""
        return [n for (n,) in self._cx.execute("SELECT DISTINCT collectivite FROM actes ORDER BY collectivite")]

    def collectivite(self, nom: str | None = None) -> str:
        """``nom`` if the register has acts of it; without a name, its only collectivité."""
        connues = self.collectivites()
        if nom is not None and nom in connues:
            return nom
        if nom is None and len(connues) == 1:
            return connues[0]
        if not connues:
            raise ErreurRegistre.de("le registre ne contient encore aucun acte", self.chemin)
        liste = ", ".join(f"« {n} »" for n in connues)
        if nom is None:
            raise ErreurRegistre.de(f"le registre tient les actes de plusieurs collectivités ({liste}) : nommez "
                                    "celle que vous voulez (--collectivite)", self.chemin)
        raise ErreurRegistre.de(f"aucun acte de « {nom} » dans le registre ; il tient ceux de {liste}", self.chemin)

    def trouver(self, collectivite: str, numero: str) -> ActeEnregistre | None:
        curseur = self._cx.execute("SELECT * FROM actes WHERE collectivite = ? AND numero = ?", (collectivite, numero))
        ligne = curseur.fetchone()
        if ligne is None:
            return None
        return self._lire(dict(zip([c[0] for c in curseur.description], ligne)))

    def _lire(self, ligne: dict[str, Any]) -> ActeEnregistre:
        publications = [(f, s) for f, s in self._cx.execute(
            "SELECT fichier, sha256 FROM publications WHERE acte = ? ORDER BY fichier", (ligne["id"],))]
        return ActeEnregistre(
            collectivite=ligne["collectivite"], type=ligne["type"], numero=ligne["numero"],
            numero_actes=ligne["numero_actes"], seance=dt.date.fromisoformat(ligne["seance_date"]),
            instance=ligne["instance"], rang=ligne["rang"], objet=ligne["objet"], nature=ligne["nature"],
            matiere=ligne["matiere"], resultat=ligne["resultat"], source=ligne["source"] or "",
            membres=ligne["membres"], votants=ligne["votants"], pour=ligne["pour"], contre=ligne["contre"],
            abstentions=ligne["abstentions"], transmis_le=_date(ligne["transmis_le"]), recu_le=_date(ligne["recu_le"]),
            identifiant_actes=ligne["identifiant_actes"], publie_le=_date(ligne["publie_le"]),
            publications=publications)
