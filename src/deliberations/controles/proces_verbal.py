"""What a séance's procès-verbal still lacks (CGCT L2121-15), said once its results are typed.

Before the séance nothing is reported: a séance file without results is an
ordre du jour. Once it has results, every element the article asks for and
the séance does not give is a warning at the séance file, so that the
secrétaire completes it before the draft is put to the next séance.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from deliberations.erreurs import Finding, Lieu, avertissement

Lieur = Callable[[tuple[Any, ...]], Lieu]


def manques_du_proces_verbal(*, heure: Any, president: Any, secretaire: Any, membres: Any, presences: Any,
                             fichiers: Sequence[str], sans_resultat: Sequence[int], sans_debats: Sequence[int],
                             lieu: Lieur) -> list[Finding]:
    """One warning per element of L2121-15 the séance leaves out; the items without result or discussion listed."""
    manques: list[Finding] = []
    racine = lieu(())
    for valeur, cle, quoi in ((heure, "heure", "l'heure de la séance (heure: 18:00)"),
                              (president, "president", "qui préside (president: M. Jean Dupont, Maire)"),
                              (secretaire, "secretaire", "le secrétaire de séance (secretaire: …)")):
        if valeur is None:
            manques.append(avertissement(racine, f"procès-verbal : il manque {quoi}"))
    if membres is None and presences is None:
        manques.append(avertissement(racine, "procès-verbal : il manque les membres présents et représentés "
                                             "(membres: et presences:)"))

    def points(rangs: Sequence[int]) -> str:
        return ", ".join(f"{r} ({fichiers[r - 1]})" for r in rangs)

    if sans_resultat:
        manques.append(avertissement(lieu(("resultats",)), f"procès-verbal : pas de résultat pour le"
                                                           f"{'s points' if len(sans_resultat) > 1 else ' point'} "
                                                           f"{points(sans_resultat)}"))
    if sans_debats:
        manques.append(avertissement(lieu(("resultats",)), f"procès-verbal : la substance des débats (debats:) "
                                                           f"n'est pas donnée pour le"
                                                           f"{'s points' if len(sans_debats) > 1 else ' point'} "
                                                           f"{points(sans_debats)}"))
    return manques
