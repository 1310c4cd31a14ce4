"""Grounded semantics (Dung 1995), extended to support: every attack that stands defeats its target."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from ..model import ArgMap
from .labels import Label


def grounded(m: ArgMap, reject: Iterable[str] = (), accept: Iterable[str] = ()) -> dict[str, Label]:
    """The grounded labelling of every claim and argument (Dung), extended to support.

    - An argument is in when all its premises are in and every argument attacking it is out; out
      when a premise is out or an attacker is in.
    - A claim is in when every argument attacking it is out and it is given (no argument concludes
      it) or some argument for it is in; out when an attacker is in, or when every argument for it
      is out.
    - What is neither stays undecided. The analyst's what-if fixes some labels first: `reject`
      makes claims or arguments out, `accept` makes them in.

    The labelling is the least fixed point, found with a work list: each node is looked at again
    only when one of the nodes it depends on changes.
    """
    forced: dict[str, Label] = {}
    for node in reject:
        forced[node] = Label.out
    for node in accept:
        forced[node] = Label.in_
    attackers: dict[str, list[str]] = {}
    supporters: dict[str, list[str]] = {}
    dependents: dict[str, list[str]] = {}
    for arg_id, argument in m.arguments.items():
        if argument.attacks is not None:
            attackers.setdefault(argument.attacks, []).append(arg_id)
            dependents.setdefault(arg_id, []).append(argument.attacks)
        else:
            supporters.setdefault(argument.conclusion, []).append(arg_id)
            dependents.setdefault(arg_id, []).append(argument.conclusion)
        for premise in argument.premises:
            dependents.setdefault(premise, []).append(arg_id)

    label: dict[str, Label] = {node: Label.undecided for node in list(m.claims) + list(m.arguments)}
    label.update({node: value for node, value in forced.items() if node in label})

    def evaluate(node: str) -> Label:
        if node in forced:
            return forced[node]
        against = [label.get(a, Label.undecided) for a in attackers.get(node, ())]
        if any(x is Label.in_ for x in against):
            return Label.out
        all_out = all(x is Label.out for x in against)
        if node in m.arguments:
            premises = [label.get(p, Label.undecided) for p in m.arguments[node].premises]
            if any(x is Label.out for x in premises):
                return Label.out
            return Label.in_ if all_out and all(x is Label.in_ for x in premises) else Label.undecided
        support = [label.get(a, Label.undecided) for a in supporters.get(node, ())]
        if support and all(x is Label.out for x in support):
            return Label.out
        if all_out and (not support or any(x is Label.in_ for x in support)):
            return Label.in_
        return Label.undecided

    queue = deque(label)
    queued = set(label)
    while queue:
        node = queue.popleft()
        queued.discard(node)
        if label[node] is not Label.undecided:
            continue  # labels only ever leave 'undecided' once
        new = evaluate(node)
        if new is not Label.undecided:
            label[node] = new
            for nxt in dependents.get(node, ()):
                if nxt in label and label[nxt] is Label.undecided and nxt not in queued:
                    queue.append(nxt)
                    queued.add(nxt)
    return label
