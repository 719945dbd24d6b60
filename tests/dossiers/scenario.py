"""The scaffolding of the scenario tests: walk a dossier through the services, step by step."""

import re
from dataclasses import dataclass, field

from dossiers import services
from dossiers.models import Dossier, DossierEvent, State

from .helpers import at, fresh

# The national portal's status codes for each state (domain table); either listed code is fine.
PORTAL_CODES = {
    State.DRAFT: {None},
    State.SUBMITTED: {1},
    State.PROCESSING: {2, 4},
    State.MISSING_DOCUMENTS: {5},
    State.REJECTED: {3},
    State.RESULT_READY: {9},
    State.RETURNED: {10},
    State.WITHDRAWN: {7},
    State.STOPPED: {8},
}
CODE_SHAPE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.H33-\d{6}-\d{4}$")
# The services the citizen's side calls with `user=`; the others take `officer=`.
CITIZEN_SIDE = {"submit", "supplement", "withdraw"}


@dataclass
class Step:
    """At `when`, `who` calls the service `action`; the dossier is then in `state`."""

    when: str
    who: str
    action: str
    state: str
    kwargs: dict = field(default_factory=dict)


def walk(dossier: Dossier, steps: list[Step], people: dict, time_machine) -> Dossier:
    """Run the steps in order; after each: the state, its portal code, a higher version, the
    code kept once given."""
    version, code = dossier.version, dossier.code
    for step in steps:
        time_machine.move_to(at(step.when), tick=False)
        service = getattr(services, step.action)
        role = "user" if step.action in CITIZEN_SIDE else "officer"
        returned = service(dossier.pk, **{role: people[step.who]}, **step.kwargs)
        stored = fresh(dossier)
        assert returned.state == stored.state == step.state, step
        assert stored.portal_code in PORTAL_CODES[step.state], step
        assert stored.version > version, step
        if code is not None:
            assert stored.code == code, step
        version, code = stored.version, stored.code
    return fresh(dossier)


def event(dossier: Dossier, kind: str) -> DossierEvent:
    return dossier.events.get(kind=kind)
