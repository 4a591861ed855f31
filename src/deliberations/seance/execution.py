"""Running a séance's work on an executor, in agenda order, with progress.

Any :class:`concurrent.futures.Executor` will do: by default a process pool
sized to the cores (one process: in this process); an organisation that
renders for many collectivités may hand over the executor of an existing
distributed engine (a Dask ``distributed`` client's ``get_executor()``…).
The tasks are module-level functions and their arguments are paths and
plain data, so any executor that pickles them can run them.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from typing import Any, Callable, Sequence

#: ``progression(fait, total, etape)``: called after each task
Progression = Callable[[int, int, str], None]


def executer(fonction: Callable[..., Any], taches: Sequence[tuple[Any, ...]], *, executeur: Executor | None = None,
             jobs: int | None = None, progression: Progression | None = None, etape: str = "") -> list[Any]:
    """``fonction(*tache)`` for every task; the results in the tasks' order.

    On ``executeur`` when given (it is left running: its owner shuts it
    down); else in ``jobs`` processes (default: the cores), in this process
    for one job or one task.
    """
    resultats: list[Any] = [None] * len(taches)
    if executeur is None:
        jobs = max(1, jobs or os.cpu_count() or 1)
        if jobs == 1 or len(taches) <= 1:
            for k, tache in enumerate(taches):
                resultats[k] = fonction(*tache)
                if progression:
                    progression(k + 1, len(taches), etape)
            return resultats
        with ProcessPoolExecutor(max_workers=min(jobs, len(taches))) as pool:
            return _sur(pool, fonction, taches, resultats, progression, etape)
    return _sur(executeur, fonction, taches, resultats, progression, etape)


def _sur(executeur: Executor, fonction: Callable[..., Any], taches: Sequence[tuple[Any, ...]], resultats: list[Any],
         progression: Progression | None, etape: str) -> list[Any]:
    futurs = {executeur.submit(fonction, *tache): k for k, tache in enumerate(taches)}
    for fait, futur in enumerate(as_completed(futurs), start=1):
        resultats[futurs[futur]] = futur.result()
        if progression:
            progression(fait, len(taches), etape)
    return resultats
