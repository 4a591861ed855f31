"""Read input files into plain data, remembering where every value came from.

YAML is read without YAML 1.1's type guessing: every scalar is a string (or
``None`` for an empty value), so ``0604`` stays ``"0604"``, ``15000.50``
never becomes a float, ``no`` never becomes ``False``. Typing is the model's
job. Duplicate keys, alias bombs, oversized and non-UTF-8 files are refused
with a French message naming the file and line.

Raw control characters, noncharacters, NEL, U+2028 and U+2029 are hidden
from PyYAML (:mod:`.masque`) and given back in each value exactly as typed:
the model then refuses what a text may not hold, naming the field, and line
numbers stay those of an editor (``\n`` counted only). A forbidden
character outside any value (in a comment, between a key and its value) is
refused at its line. Every key and value is put in NFC (an accent typed as
``e`` + U+0301 is ``é``). An explicit tag that would change or drop the
value (``!Direction Europe``, ``!!binary``) is refused (:mod:`.etiquettes`).
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from deliberations.entree import composition, masque
from deliberations.entree.etiquettes import Chargeur, refusee
from deliberations.erreurs import ErreurEntree, FichierIllisible, Finding, Lieu, erreur
from deliberations.model.caracteres import message_interdit, premier_interdit
from deliberations.model.scalaires import cite

#: Largest input file accepted (YAML, CSV or XLSX), in bytes.
TAILLE_MAX = 5 * 1024 * 1024


#: Most values one YAML file may expand to (aliases included).
NOEUDS_MAX = 200_000


#: Deepest nesting accepted (a list in a list in a key…).
PROFONDEUR_MAX = 100


Chemin = tuple[str | int, ...]


@dataclass
class Positions:
    """Maps a field path to where it was written (file and line)."""

    lieux: dict[Chemin, Lieu] = field(default_factory=dict)

    def ajouter(self, chemin: Chemin, lieu: Lieu) -> None:
        self.lieux[chemin] = lieu

    def greffer(self, prefixe: Chemin, autre: Positions) -> None:
        """Insert another file's positions below ``prefixe``."""
        for chemin, lieu in autre.lieux.items():
            self.lieux[prefixe + chemin] = lieu

    def sous(self, prefixe: Chemin) -> Positions:
        """The positions below ``prefixe``, re-rooted there (what ``greffer`` undoes)."""
        resultat = Positions()
        for chemin, lieu in self.lieux.items():
            if chemin[: len(prefixe)] == prefixe:
                resultat.lieux[chemin[len(prefixe):]] = lieu
        return resultat

    def lieu(self, chemin: Chemin, fichier_defaut: str = "") -> Lieu:
        """The place of ``chemin``, or of its nearest known parent."""
        parties = list(chemin)
        while True:
            trouve = self.lieux.get(tuple(parties))
            if trouve is not None:
                champ = champ_lisible(chemin)
                if trouve.champ and len(parties) == len(chemin):
                    champ = f"{champ} ({trouve.champ})"  # e.g. the sheet and column of a spreadsheet cell
                return Lieu(trouve.fichier, trouve.ligne, champ, colonne=trouve.colonne)
            if not parties:
                return Lieu(fichier_defaut, None, champ_lisible(chemin))
            parties.pop()


def champ_lisible(chemin: Chemin) -> str:
    """Human field path, list positions counted from 1.

    >>> champ_lisible(("annexes", 0, "tableaux", 1, "lignes", 2, "acompte"))
    'annexes[1].tableaux[2].lignes[3].acompte'
    """
    texte = ""
    for partie in chemin:
        if isinstance(partie, int):
            texte += f"[{partie + 1}]"
        else:
            texte += ("." if texte else "") + str(partie)
    return texte


def lire_octets(chemin: Path) -> bytes:
    """Read a file, refusing what is not a readable regular file or too large."""
    if not chemin.exists():
        raise FichierIllisible([erreur(Lieu(str(chemin)), "fichier introuvable")])
    if chemin.is_dir():
        raise FichierIllisible([erreur(Lieu(str(chemin)), "c'est un dossier, pas un fichier")])
    try:
        taille = chemin.stat().st_size
        if taille > TAILLE_MAX:
            raise ErreurEntree(
                [erreur(Lieu(str(chemin)),
                        f"fichier trop volumineux ({taille // 1024} Kio, maximum {TAILLE_MAX // 1024} Kio)")]
            )
        return chemin.read_bytes()
    except OSError as exc:
        raise FichierIllisible([erreur(Lieu(str(chemin)), f"lecture impossible : {exc.strerror or exc}")]) from None


def _encodage_probable(octets: bytes) -> str:
    if octets.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if octets[:200].count(b"\x00") > len(octets[:200]) // 4:
        return "UTF-16"
    # Bytes 0x80-0x9F are printable in Windows-1252 but controls in Latin-1.
    if any(0x80 <= b <= 0x9F for b in octets):
        return "Windows-1252"
    return "ISO-8859-1 (Latin-1)"


def decoder(octets: bytes, nom: str) -> str:
    """Decode UTF-8 (a byte-order mark is accepted); say what else it seems to be."""
    if octets.startswith(codecs.BOM_UTF8):
        octets = octets[len(codecs.BOM_UTF8):]
    try:
        return octets.decode("utf-8")
    except UnicodeDecodeError as exc:
        ligne = octets[: exc.start].count(b"\n") + 1
        raise ErreurEntree(
            [erreur(Lieu(nom, ligne),
                    f"le fichier n'est pas en UTF-8 (il semble être en {_encodage_probable(octets)}) : "
                    "enregistrez-le en UTF-8")]
        ) from None


_PROBLEMES_YAML: tuple[tuple[str | tuple[str, ...], str], ...] = (
    ("mapping values are not allowed here", "« : » inattendu (indentation incorrecte ? ou texte contenant « : » à mettre entre guillemets)"),
    ("could not find expected ':'", "« : » attendu après une clé (indentation incorrecte ?)"),
    ("expected ',' or '}'", "accolade « { » non fermée (ou virgule manquante entre deux valeurs)"),
    ("expected ',' or ']'", "crochet « [ » non fermé (ou virgule manquante entre deux valeurs)"),
    ("did not find expected key", "clé attendue (indentation incorrecte ?)"),
    ("did not find expected '-' indicator", "« - » attendu (indentation incorrecte ?)"),
    ("expected the node content", "valeur attendue"),
    ("found undefined alias", "alias « * » inconnu (mettez le texte entre guillemets)"),
    ("found duplicate anchor", "ancre « & » en double"),
    ("expected alphabetic or numeric character", "nom d'ancre « & » ou d'alias « * » incorrect (mettez le texte entre guillemets)"),
    ("mapping keys are not allowed", "« ? » inattendu (mettez le texte entre guillemets)"),
    ("found unexpected end of stream", "fin de fichier inattendue"),
)


def _message_yaml(exc: yaml.YAMLError) -> str:
    """PyYAML's English problem, in French (never the English text itself)."""
    probleme = getattr(exc, "problem", None) or ""
    contexte = getattr(exc, "context", None) or ""
    trouve = re.search(r"but (?:found|got) '([^']*)'", probleme)
    vu = trouve.group(1) if trouve else ""
    if probleme.startswith("found character") and "\\t" in probleme:
        return "tabulation interdite pour indenter (utilisez des espaces)"
    if probleme.startswith("found character"):
        caractere = re.search(r"character '(.*)' that", probleme)
        signe = caractere.group(1) if caractere else "?"
        return f"« {signe} » ne peut pas commencer une valeur (mettez le texte entre guillemets)"
    if "quoted scalar" in contexte and probleme.startswith("found unexpected end of stream"):
        return "guillemet ouvert ici et jamais fermé"
    if probleme.startswith(("found unknown escape character", "expected escape sequence")):
        return ("séquence « \\ » inconnue entre guillemets doubles (doublez la barre oblique, "
                "ou mettez le texte entre guillemets simples)")
    if probleme.startswith("expected <block end>"):
        if vu == "-":
            return "élément de liste « - » mal indenté"
        if vu == "<scalar>":
            return "texte inattendu (indentation incorrecte ou guillemet mal fermé ?)"
        return "indentation incorrecte"
    if contexte.startswith("expected a single document") or probleme.startswith("expected a single document"):
        return "un seul document par fichier (retirez la ligne « --- »)"
    if probleme.startswith("found unexpected document separator") or probleme.startswith("expected '<document start>'"):
        return "séparateur de document « --- » ou « ... » inattendu"
    if "block scalar" in contexte or probleme.startswith("expected chomping") or "indentation indicator" in probleme:
        return "après « > » ou « | », le texte commence à la ligne suivante (seuls « - », « + » ou un chiffre sont permis)"
    if "tag" in contexte or "tag" in probleme or "URI" in probleme:
        return "étiquette « ! » non acceptée (mettez le texte entre guillemets)"
    if "directive" in contexte or "directive" in probleme or "YAML document" in probleme:
        return "directive « % » non acceptée (mettez le texte entre guillemets)"
    for prefixe, message in _PROBLEMES_YAML:
        if probleme.startswith(prefixe):
            return message
    return "syntaxe incorrecte (vérifiez l'indentation, les guillemets et les « : »)"


def _ligne_yaml(exc: yaml.MarkedYAMLError, texte: str) -> int | None:
    """The line to name: where the fault most likely is, not where PyYAML gave up."""
    probleme = exc.problem or ""
    contexte = exc.context or ""
    debut = exc.context_mark.line + 1 if exc.context_mark else None
    if debut and (
        contexte.startswith(("while scanning a simple key", "while parsing a flow"))
        or ("quoted scalar" in contexte and probleme.startswith("found unexpected end of stream"))
    ):
        return debut
    fin = exc.problem_mark.line + 1 if exc.problem_mark else None
    return fin or debut


def _guillemet_ouvert(texte: str, ligne: int) -> int | None:
    """The line of a quoted text spanning several lines and ending on ``ligne``."""
    try:
        for jeton in yaml.scan(texte, Loader=Chargeur):
            if jeton.start_mark.line + 1 > ligne:
                break
            if (isinstance(jeton, yaml.ScalarToken) and jeton.style in ("'", '"')
                    and jeton.end_mark.line + 1 == ligne and jeton.start_mark.line + 1 < ligne):
                return jeton.start_mark.line + 1
    except yaml.YAMLError:
        pass
    return None


def _erreur_yaml(exc: yaml.YAMLError, nom: str, texte: str) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        caractere = exc.character if isinstance(exc.character, str) else chr(exc.character)
        ligne = texte.count("\n", 0, exc.position) + 1
        return erreur(Lieu(nom, ligne), f"caractère interdit U+{ord(caractere):04X} (caractère de contrôle "
                      "ou invisible, venu d'un copier-coller ? supprimez-le)")
    if isinstance(exc, yaml.MarkedYAMLError):
        ligne = _ligne_yaml(exc, texte)
        if ligne is not None and (exc.problem or "").startswith("expected <block end>"):
            # A quote left open swallows the following lines up to the next
            # quote: name the line where that quote was opened.
            ouvert = _guillemet_ouvert(texte, ligne)
            if ouvert is not None:
                return erreur(Lieu(nom, ouvert), "YAML invalide : guillemet ouvert ici et non fermé sur la ligne "
                              f"(le texte se poursuit jusqu'à la ligne {ligne})")
        return erreur(Lieu(nom, ligne), f"YAML invalide : {_message_yaml(exc)}")
    return erreur(Lieu(nom), f"YAML invalide : {_message_yaml(exc)}")


def lire_yaml(chemin: Path, texte: str | None = None) -> tuple[Any, Positions]:
    """Parse a YAML file into plain data (dict, list, str, None) and positions."""
    nom = str(chemin)
    if texte is None:
        texte = decoder(lire_octets(chemin), nom)
    elif texte.startswith("\ufeff"):
        texte = texte[1:]
    texte = masque.masquer(texte)
    ligne = _crochets_trop_profonds(texte)
    if ligne is not None:
        raise ErreurEntree([erreur(Lieu(nom, ligne), _TROP_PROFOND)])
    rapide = composition.composer_vite(texte)  # libyaml, when it can decide alone
    chargeur = None if rapide is not None else Chargeur(texte)
    lecture = _Lecture(nom, texte, chargeur)
    try:
        noeud = rapide if chargeur is None else chargeur.get_single_node()
        if noeud is None:
            raise ErreurEntree([erreur(Lieu(nom, 1), "fichier vide")])
        _mesurer(noeud, nom)
        donnees = _construire(noeud, (), lecture)
    except yaml.YAMLError as exc:
        raise ErreurEntree([*_interdits_hors_valeurs(lecture, tous=True), _erreur_yaml(exc, nom, texte)]) from None
    except RecursionError:  # PyYAML composes recursively
        raise ErreurEntree([erreur(Lieu(nom, _ligne_trop_profonde(texte)), _TROP_PROFOND)]) from None
    finally:
        if chargeur is not None:
            chargeur.dispose()
    hors = _interdits_hors_valeurs(lecture)
    if hors:
        raise ErreurEntree(hors)
    for chemin_valeur, ligne in lecture.lignes_interdites.items():
        lecture.positions.ajouter(chemin_valeur, Lieu(nom, ligne))
    return donnees, lecture.positions


@dataclass
class _Lecture:
    """What building one file's data needs: its name, masked text, loader, and what was seen."""

    nom: str
    texte: str
    #: None when libyaml composed the text (which then holds no explicit tag)
    chargeur: Chargeur | None
    positions: Positions = field(default_factory=Positions)
    compteur: int = 0
    #: (start, end) index of every scalar read, in the masked text
    portees: list[tuple[int, int]] = field(default_factory=list)
    #: the line of the first forbidden character of a value, where the model's refusal must point
    lignes_interdites: dict[Chemin, int] = field(default_factory=dict)
    #: each scalar node read: its value, and the line of its first forbidden character
    scalaires: dict[int, tuple[str, int | None]] = field(default_factory=dict)
    #: whether the text holds a masked character at all (most files do not)
    a_masques: bool = False

    def __post_init__(self) -> None:
        self.a_masques = masque.ECHAPPEMENT in self.texte


def _interdits_hors_valeurs(lecture: _Lecture, tous: bool = False) -> list[Finding]:
    """A forbidden character outside every value read (a comment…), or anywhere if ``tous``: one finding per line."""
    portees = sorted(lecture.portees)
    debuts = [debut for debut, _ in portees]
    findings: dict[int, Finding] = {}
    for index, caractere in masque.masques(lecture.texte):
        if premier_interdit(caractere) is None:
            continue
        k = bisect.bisect_right(debuts, index) - 1
        if not tous and k >= 0 and portees[k][0] <= index < portees[k][1]:
            continue
        ligne = lecture.texte.count("\n", 0, index) + 1
        findings.setdefault(ligne, erreur(Lieu(lecture.nom, ligne), message_interdit(caractere)))
    return list(findings.values())


def _texte(valeur: str) -> str:
    """A key or value as typed, in NFC."""
    return unicodedata.normalize("NFC", masque.demasquer(valeur))


def _verifier_etiquette(noeud: yaml.Node, chemin: Chemin, lecture: _Lecture) -> None:
    if lecture.chargeur is None:  # composed by libyaml: the text has no « ! », hence no tag
        return
    etiquette = refusee(lecture.chargeur, noeud)
    if etiquette is None:
        return
    texte = isinstance(noeud, yaml.ScalarNode) and not etiquette.startswith(("!!", "!<"))
    tape = lecture.texte[noeud.start_mark.index:noeud.end_mark.index] if texte else ""
    simple = texte and noeud.style is None and tape.startswith("!") and not any(x in tape for x in '\n"\\')
    conseil = f' : "{cite(_texte(tape))}"' if simple else ""
    raise ErreurEntree([erreur(
        Lieu(lecture.nom, noeud.start_mark.line + 1, champ_lisible(chemin)),
        f"étiquette YAML « {etiquette} » non acceptée (seul du texte est lu) ; " + (
            f"pour une valeur qui commence par « ! », mettez la valeur entre guillemets{conseil}" if texte
            else "retirez-la"))])


_TROP_PROFOND = f"structure trop profonde (plus de {PROFONDEUR_MAX} niveaux imbriqués)"


def _crochets_trop_profonds(texte: str) -> int | None:
    """The line where ``[`` and ``{`` nest deeper than PROFONDEUR_MAX, quotes ignored.

    Checked before parsing: PyYAML needs about a second to give up on
    thousands of nested brackets.
    """
    if texte.count("[") + texte.count("{") <= PROFONDEUR_MAX:
        return None
    profondeur, ligne = 0, 1
    for m in re.finditer(r"[\[{\]}\n]", texte):
        signe = m.group()
        if signe == "\n":
            ligne += 1
        elif signe in "[{":
            profondeur += 1
            if profondeur > PROFONDEUR_MAX:
                return ligne
        else:
            profondeur = max(profondeur - 1, 0)
    return None


def _ligne_trop_profonde(texte: str) -> int | None:
    """The line where nesting first goes deeper than PROFONDEUR_MAX (the scanner is not recursive)."""
    ouvrants = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
                yaml.FlowSequenceStartToken)
    fermants = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    profondeur = 0
    try:
        for jeton in yaml.scan(texte, Loader=Chargeur):
            if isinstance(jeton, ouvrants):
                profondeur += 1
                if profondeur > PROFONDEUR_MAX:
                    return jeton.start_mark.line + 1
            elif isinstance(jeton, fermants):
                profondeur -= 1
    except yaml.YAMLError:
        pass
    return None


def _enfants(noeud: yaml.Node) -> list[yaml.Node]:
    if isinstance(noeud, yaml.SequenceNode):
        return list(noeud.value)
    if isinstance(noeud, yaml.MappingNode):
        return [valeur for _, valeur in noeud.value]
    return []


def _mesurer(racine: yaml.Node, nom: str) -> None:
    """Refuse an alias bomb, or an alias inside its own value, before expanding anything.

    An alias shares its anchor's node, so each node is measured once: a
    "billion laughs" is measured in microseconds, never expanded.
    """
    tailles: dict[int, int] = {}
    en_cours: set[int] = set()

    def taille(noeud: yaml.Node) -> int:
        cle = id(noeud)
        if cle in tailles:
            return tailles[cle]
        if cle in en_cours:
            raise ErreurEntree([erreur(Lieu(nom, noeud.start_mark.line + 1),
                                       "alias repris à l'intérieur de sa propre valeur (« *nom » dans « &nom »)")])
        en_cours.add(cle)
        total = 1
        for enfant in _enfants(noeud):
            total += taille(enfant)
        en_cours.discard(cle)
        tailles[cle] = total
        return total

    if taille(racine) > NOEUDS_MAX:
        noeud = racine
        while gros := [e for e in _enfants(noeud) if tailles[id(e)] > NOEUDS_MAX]:
            noeud = gros[0]
        raise ErreurEntree([erreur(Lieu(nom, noeud.start_mark.line + 1),
                                   f"structure trop grande (plus de {NOEUDS_MAX} valeurs) : alias en cascade ?")])


def _construire(noeud: yaml.Node, chemin: Chemin, lecture: _Lecture) -> Any:
    nom, positions = lecture.nom, lecture.positions
    if len(chemin) > PROFONDEUR_MAX:
        raise ErreurEntree([erreur(Lieu(nom, noeud.start_mark.line + 1), _TROP_PROFOND)])
    lecture.compteur += 1
    if lecture.compteur > NOEUDS_MAX:
        raise ErreurEntree(
            [erreur(Lieu(nom, noeud.start_mark.line + 1),
                    f"structure trop grande (plus de {NOEUDS_MAX} valeurs) : alias en cascade ?")]
        )
    positions.ajouter(chemin, Lieu(nom, noeud.start_mark.line + 1, colonne=noeud.start_mark.column + 1))
    _verifier_etiquette(noeud, chemin, lecture)
    if isinstance(noeud, yaml.ScalarNode):
        if noeud.tag == "tag:yaml.org,2002:null":
            return None
        if id(noeud) not in lecture.scalaires:  # an alias repeats a node: read it once
            debut, fin = noeud.start_mark.index, noeud.end_mark.index
            lecture.portees.append((debut, fin))
            interdit = None if not lecture.a_masques else next(
                (i for i, x in masque.masques(lecture.texte[debut:fin]) if premier_interdit(x)), None)
            ligne = None if interdit is None else lecture.texte.count("\n", 0, debut + interdit) + 1
            lecture.scalaires[id(noeud)] = (_texte(noeud.value), ligne)
        valeur, ligne = lecture.scalaires[id(noeud)]
        if ligne is not None:
            lecture.lignes_interdites[chemin] = ligne
        return valeur
    if isinstance(noeud, yaml.SequenceNode):
        return [_construire(n, chemin + (i,), lecture) for i, n in enumerate(noeud.value)]
    if isinstance(noeud, yaml.MappingNode):
        resultat: dict[str, Any] = {}
        for cle_noeud, valeur_noeud in noeud.value:
            ligne = cle_noeud.start_mark.line + 1
            if not isinstance(cle_noeud, yaml.ScalarNode) or cle_noeud.tag == "tag:yaml.org,2002:null":
                raise ErreurEntree([erreur(Lieu(nom, ligne), "clé invalide (une clé est un simple mot)")])
            cle = _texte(cle_noeud.value)
            lecture.portees.append((cle_noeud.start_mark.index, cle_noeud.end_mark.index))
            _verifier_etiquette(cle_noeud, chemin + (cle,), lecture)
            interdit = premier_interdit(cle)
            if interdit is not None:
                raise ErreurEntree([erreur(Lieu(nom, ligne), f"clé « {cite(cle)} » : {message_interdit(interdit)}")])
            if cle == "<<":
                raise ErreurEntree([erreur(Lieu(nom, ligne), "la fusion YAML « << » n'est pas acceptée")])
            if cle in resultat:
                premiere = positions.lieux.get(chemin + (cle,))
                avant = f" (déjà à la ligne {premiere.ligne})" if premiere else ""
                raise ErreurEntree(
                    [erreur(Lieu(nom, ligne, champ_lisible(chemin + (cle,))), f"clé « {cle} » en double{avant}")]
                )
            resultat[cle] = _construire(valeur_noeud, chemin + (cle,), lecture)
            positions.ajouter(chemin + (cle,), Lieu(nom, ligne, colonne=cle_noeud.start_mark.column + 1))
        return resultat
    raise ErreurEntree([erreur(Lieu(nom, noeud.start_mark.line + 1), "valeur YAML non reconnue")])
