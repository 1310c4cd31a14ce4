"""Carneades 4's argument evaluation (CAES) for argmap maps: arguments weighed, issues decided by
proof standards.

The semantics follows Gordon, Prakken & Walton, "The Carneades model of argument and burden of
proof" (Artificial Intelligence 171, 2007), as revised for Carneades 4 (Gordon & Walton, "Formalizing
balancing arguments", COMMA 2016), and is written here from those definitions.

A map becomes a CAES argument graph this way:

- every claim is a statement; a claim that an attack (`attacks: claim`) targets gets an implicit
  opposite statement "not c", concluded by the attacks, and the two are positions of one issue (or
  "not c" joins the declared issue of c);
- every support argument concludes its claim; an undercut (`attacks: argument`) concludes the
  implicit statement "the argument a does not apply", which is a's undercutter (undercuts are not
  weighed against anything: the undercutter is in as soon as one undercut holds);
- assumptions are the claims under `assumptions` and, unless `assume_premises: false`, every claim
  that no argument concludes and that is not at issue (the premises the essay asks its reader to
  grant);
- an argument's weighing function is its `weight`: a number (constant: that weight when all its
  premises are in, else 0) or linked (the default), convergent, cumulative or factorized; a conceded
  attack without a weight weighs 0.5.

Then, from the assumptions, labels are given until nothing changes: a statement with no argument
that could still weigh more than 0 is out; a statement not at issue with an applicable argument that
weighs more than 0 is in; an issue whose arguments are all applicable or undercut is resolved by its
proof standard (the position whose best argument outweighs every other position's best is in, the
others out; without such a position all are out). What is left is undecided (cycles among them).
An argument is applicable when its undercutter is in (then it weighs 0), or its undercutter is out
and none of its premises is undecided.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import ArgMap, Argument
from .base import Evaluation, Label, fmt_weight, forced_labels, what_if_reason

CONCEDED_WEIGHT = 0.5
"""The weight of a conceded attack that does not give its own."""

_ALPHA = 0.5
"""CCE and BRD: how much more the winning argument must weigh than the others."""
_BETA = 0.3
"""BRD: the other positions' best arguments must weigh less than this."""

_STANDARD_NAMES = {"PE": "PE", "CCE": "CCE", "BRD": "BRD"}


def _not(claim: str) -> str:
    return f"not:{claim}"


def _cut(argument: str) -> str:
    return f"cut:{argument}"


@dataclass
class _Arg:
    id: str
    conclusion: str
    premises: list[str]
    weighing: float | str
    undercutter: str | None = None


@dataclass
class _Issue:
    id: str
    positions: list[str]
    standard: str
    declared: bool


@dataclass
class _Graph:
    """The CAES argument graph of a map."""

    statements: list[str] = field(default_factory=list)
    args: dict[str, _Arg] = field(default_factory=dict)
    args_of: dict[str, list[_Arg]] = field(default_factory=dict)
    issue_of: dict[str, _Issue] = field(default_factory=dict)
    assumed: dict[str, str] = field(default_factory=dict)
    """Statement -> why it is assumed."""
    users: dict[str, list[_Arg]] = field(default_factory=dict)
    """Statement -> the arguments that use it as a premise or undercutter."""


def build_graph(m: ArgMap) -> _Graph:
    """The CAES argument graph of a valid map (ids that name nothing are left out)."""
    g = _Graph(statements=list(m.claims))
    for issue_id, issue in m.issues.items():
        positions = [p for p in issue.positions if p in m.claims]
        declared = _Issue(issue_id, positions, issue.standard, True)
        for position in positions:
            g.issue_of.setdefault(position, declared)
    for arg_id, argument in m.arguments.items():
        conclusion = _conclusion_statement(m, g, argument)
        if conclusion is None:
            continue
        premises = [p for p in argument.premises if p in m.claims]
        g.args[arg_id] = _Arg(arg_id, conclusion, premises, _weighing(argument))
        g.args_of.setdefault(conclusion, []).append(g.args[arg_id])
    for args in g.args_of.values():  # the essay's own inferences first, so that reasons name them
        args.sort(key=lambda a: m.arguments[a.id].reconstructed)
    for arg_id, arg in g.args.items():
        if _cut(arg_id) in g.args_of:
            arg.undercutter = _cut(arg_id)
        for statement in [*arg.premises, *([arg.undercutter] if arg.undercutter else [])]:
            g.users.setdefault(statement, []).append(arg)
    _assume(m, g)
    return g


def _weighing(argument: Argument) -> float | str:
    """An argument's weighing function: its weight, 0.5 for a concession without one, else linked."""
    if argument.weight is not None:
        return argument.weight
    return CONCEDED_WEIGHT if argument.conceded else "linked"


def _conclusion_statement(m: ArgMap, g: _Graph, argument: Argument) -> str | None:
    """The statement an argument concludes: its claim, the opposite of the claim it attacks (made a
    position of that claim's issue), or the undercutter of the argument it attacks."""
    if argument.conclusion is not None:
        return argument.conclusion if argument.conclusion in m.claims else None
    target = argument.attacks
    if target in m.claims:
        opposite = _not(target)
        if opposite not in g.issue_of:
            g.statements.append(opposite)
            issue = g.issue_of.get(target)
            if issue is None:
                issue = g.issue_of[target] = _Issue(f"{target}?", [target], "PE", False)
            issue.positions.append(opposite)
            g.issue_of[opposite] = issue
        return opposite
    if target in m.arguments:
        cut = _cut(target)
        if cut not in g.args_of:
            g.statements.append(cut)
        return cut
    return None


def _assume(m: ArgMap, g: _Graph) -> None:
    """The assumptions: the listed ones, and (unless assume_premises is false) every claim that no
    argument concludes and nothing puts at issue."""
    for claim_id in m.assumptions:
        if claim_id in m.claims:
            g.assumed.setdefault(claim_id, "assumed (listed under assumptions)")
    if m.assume_premises:
        for claim_id in m.claims:
            if claim_id not in g.args_of and claim_id not in g.issue_of:
                g.assumed.setdefault(claim_id, "granted: a premise no argument concludes and nothing puts at issue")


class _Evaluator:
    """The labelling of one graph, with a what-if's fixed labels."""

    def __init__(self, m: ArgMap, g: _Graph, forced: dict[str, Label]) -> None:
        self.m = m
        self.g = g
        self.forced = forced
        self.label: dict[str, Label] = {s: Label.undecided for s in g.statements}
        self.reason: dict[str, str] = {}
        self.deciding: dict[str, str] = {}
        self.outweighed_by: dict[str, str] = {}

    # -- arguments ------------------------------------------------------------------------------
    def undercut(self, arg: _Arg) -> Label:
        return self.label[arg.undercutter] if arg.undercutter else Label.out

    def applicable(self, arg: _Arg) -> bool:
        if arg.id in self.forced:
            return True
        cut = self.undercut(arg)
        if cut is Label.in_:
            return True
        if cut is Label.undecided:
            return False
        return all(self.label[p] is not Label.undecided for p in arg.premises)

    def weight(self, arg: _Arg) -> float:
        forced = self.forced.get(arg.id)
        if forced is Label.out:
            return 0.0
        if forced is Label.in_:
            return arg.weighing if isinstance(arg.weighing, float) else 1.0
        if self.undercut(arg) is Label.in_ or not self.applicable(arg):
            return 0.0
        return self._weigh(arg)

    def _weigh(self, arg: _Arg) -> float:
        states = [self.label[p] for p in arg.premises]
        ins = sum(1 for s in states if s is Label.in_)
        if isinstance(arg.weighing, float):
            return arg.weighing if ins == len(states) else 0.0
        if arg.weighing == "linked":
            return 1.0 if ins == len(states) else 0.0
        if arg.weighing == "convergent":
            return 1.0 if ins else 0.0
        if arg.weighing == "cumulative":
            return ins / len(states) if states else 1.0
        # factorized: the share of in premises among all premises argued about in the issue
        if any(s is Label.out for s in states):
            return 0.0
        issue = self.g.issue_of.get(arg.conclusion)
        pool = (
            {p for position in issue.positions for a in self.g.args_of.get(position, ()) for p in a.premises}
            if issue is not None
            else set(arg.premises)
        )
        return ins / len(pool) if pool else 1.0

    # -- statements -----------------------------------------------------------------------------
    def unsupported(self, statement: str) -> bool:
        return all(self.applicable(a) and self.weight(a) <= 0 for a in self.g.args_of.get(statement, ()))

    def supported(self, statement: str) -> _Arg | None:
        best = None
        for arg in self.g.args_of.get(statement, ()):
            if self.applicable(arg) and self.weight(arg) > 0 and (best is None or self.weight(arg) > self.weight(best)):
                best = arg
        return best

    def ready(self, issue: _Issue) -> bool:
        return all(
            self.undercut(a) is Label.in_ or self.applicable(a)
            for position in issue.positions
            for a in self.g.args_of.get(position, ())
        )

    def best(self, statement: str) -> tuple[float, _Arg | None]:
        best_weight, best_arg = 0.0, None
        for arg in self.g.args_of.get(statement, ()):
            w = self.weight(arg)
            if w > best_weight:
                best_weight, best_arg = w, arg
        return best_weight, best_arg

    @staticmethod
    def greater(standard: str, w1: float, w2: float) -> bool:
        if standard == "PE":
            return w1 > w2
        if standard == "CCE":
            return w1 > w2 and w1 - w2 > _ALPHA
        return w1 > w2 and w1 - w2 > _ALPHA and w2 < _BETA

    # -- the labelling --------------------------------------------------------------------------
    def run(self) -> None:
        self._start()
        queue = deque(self.g.statements)
        queued = set(queue)
        while queue:
            statement = queue.popleft()
            queued.discard(statement)
            for changed in self._step(statement):
                for nxt in self._dependents(changed):
                    if nxt not in queued and self.label[nxt] is Label.undecided:
                        queue.append(nxt)
                        queued.add(nxt)

    def _start(self) -> None:
        for statement, value in self.forced.items():
            if statement in self.label:
                self.label[statement] = value
                self.reason[statement] = what_if_reason(value)
        for statement, why in self.g.assumed.items():
            if statement not in self.forced:
                self.label[statement] = Label.in_
                self.reason[statement] = why
        seen: set[int] = set()
        for issue in self.g.issue_of.values():
            if id(issue) in seen:
                continue
            seen.add(id(issue))
            held = next((p for p in issue.positions if self.label[p] is Label.in_), None)
            if held is None:
                continue
            for position in issue.positions:
                if self.label[position] is Label.undecided:
                    self.label[position] = Label.out
                    self.reason[position] = f"{self._name(held)} is {self._held_how(held)}, and its issue allows one"

    def _held_how(self, statement: str) -> str:
        return "accepted in this what-if" if statement in self.forced else "assumed"

    def _step(self, statement: str) -> list[str]:
        """Try to label one undecided statement; returns the statements whose label changed."""
        if self.label[statement] is not Label.undecided or statement in self.forced:
            return []
        if self.unsupported(statement):
            self.label[statement] = Label.out
            self.reason[statement] = self._unsupported_reason(statement)
            return [statement]
        issue = self.g.issue_of.get(statement)
        if issue is None:
            arg = self.supported(statement)
            if arg is None:
                return []
            self.label[statement] = Label.in_
            self.reason[statement] = f"'{arg.id}' holds, weighing {fmt_weight(self.weight(arg))}"
            self.deciding[statement] = arg.id
            return [statement]
        if self.ready(issue):
            return self._resolve(issue)
        return []

    def _winner(self, issue: _Issue, best: dict[str, tuple[float, _Arg | None]]) -> str | None:
        """The position whose best argument outweighs every other position's by the issue's standard."""
        for p in issue.positions:
            weight = best[p][0]
            if weight > 0 and all(self.greater(issue.standard, weight, best[q][0]) for q in issue.positions if q != p):
                return p
        return None

    def _resolve(self, issue: _Issue) -> list[str]:
        best = {p: self.best(p) for p in issue.positions}
        winner = self._winner(issue, best)
        deciding = best[winner][1] if winner is not None else None
        changed = []
        for p in issue.positions:
            if p in self.forced:
                continue
            new = Label.in_ if p == winner else Label.out
            if self.label[p] is not new:
                self.label[p] = new
                changed.append(p)
            self.reason[p] = self._issue_reason(issue, p, winner, best)
            if deciding is not None:
                self.deciding[p] = deciding.id
        if deciding is not None:
            for p in issue.positions:
                for arg in self.g.args_of.get(p, ()):
                    if p != winner and self.weight(arg) > 0:
                        self.outweighed_by[arg.id] = deciding.id
        return changed

    def _dependents(self, statement: str) -> list[str]:
        """The statements whose label may change when statement's does."""
        out: list[str] = []
        for arg in self.g.users.get(statement, ()):
            issue = self.g.issue_of.get(arg.conclusion)
            out.extend(issue.positions if issue is not None else [arg.conclusion])
            if arg.weighing == "factorized" and issue is not None:
                out.extend(issue.positions)
        return out

    # -- reasons --------------------------------------------------------------------------------
    def _name(self, statement: str) -> str:
        if statement.startswith("not:"):
            return f"the objections to '{statement[4:]}'"
        if statement.startswith("cut:"):
            return f"the undercut of '{statement[4:]}'"
        return f"'{statement}'"

    def _unsupported_reason(self, statement: str) -> str:
        args = self.g.args_of.get(statement, ())
        if not args:
            return "nothing supports it and it is not assumed"
        blocked = args[0]
        self.deciding[statement] = blocked.id
        return f"no argument for it holds: '{blocked.id}' {self.argument_reason(blocked)}"

    def _issue_reason(
        self, issue: _Issue, position: str, winner: str | None, best: dict[str, tuple[float, _Arg | None]]
    ) -> str:
        standard = _STANDARD_NAMES[issue.standard]

        def side(p: str, named: bool = True) -> str:
            weight, arg = best[p]
            who = f" for {self._name(p)}" if named else ""
            return f"{fmt_weight(weight)}{who}" + (f" ('{arg.id}')" if arg else "")

        if not issue.declared and len(issue.positions) == 2:  # a claim against the objections to it
            claim, against = issue.positions
            if position == against:
                return f"the objections to '{claim}'"
            if winner == claim:
                return f"outweighs the objections under {standard}: {side(claim, False)} against {side(against, False)}"
            if winner == against:
                return (
                    f"outweighed by the objections under {standard}: {side(against, False)} against "
                    f"{side(claim, False)}"
                )
            return (
                f"neither it nor the objections prevail under {standard}: {side(claim, False)} against "
                f"{side(against, False)}"
            )
        where = f"issue '{issue.id}'" if issue.declared else f"the issue of '{issue.positions[0]}'"
        others = "; ".join(side(q) for q in issue.positions if q != position)
        if position == winner:
            return f"wins {where} under {standard}: {side(position)} against {others}"
        if winner is not None:
            return f"loses {where} under {standard}: {side(winner)} against {side(position)}"
        return f"no position of {where} meets {standard}: " + "; ".join(side(q) for q in issue.positions)

    def argument_reason(self, arg: _Arg) -> str:
        """Why an argument weighs what it weighs (or is not applicable)."""
        forced = self.forced.get(arg.id)
        if forced is not None:
            return what_if_reason(forced)
        if self.undercut(arg) is Label.in_:
            cutter = self.deciding.get(arg.undercutter or "", "")
            return "undercut" + (f" by '{cutter}'" if cutter else "")
        if not self.applicable(arg):
            if self.undercut(arg) is Label.undecided:
                return "waits: whether it is undercut is undecided"
            waiting = next(p for p in arg.premises if self.label[p] is Label.undecided)
            return f"waits on its premise '{waiting}', which is undecided"
        w = self.weight(arg)
        if w > 0:
            return f"applicable, weighs {fmt_weight(w)}"
        out = [p for p in arg.premises if self.label[p] is Label.out]
        if out:
            return f"weighs 0: its premise '{out[0]}' is out"
        return "weighs 0"


def carneades(m: ArgMap, *, reject: Iterable[str] = (), accept: Iterable[str] = ()) -> Evaluation:
    """The Carneades labelling of a valid map, with weights and reasons (see the module docstring)."""
    forced = forced_labels(reject, accept)
    g = build_graph(m)
    ev = _Evaluator(m, g, forced)
    ev.run()
    labels: dict[str, Label] = {c: ev.label[c] for c in m.claims}
    result = Evaluation("carneades", labels, deciding=dict(ev.deciding), outweighed_by=dict(ev.outweighed_by))
    for claim_id in m.claims:
        result.reasons[claim_id] = ev.reason.get(claim_id) or _undecided_reason(ev, claim_id)
        if claim_id not in ev.deciding:
            result.deciding.pop(claim_id, None)
    for arg_id in m.arguments:
        arg = g.args.get(arg_id)
        if arg is None:
            labels[arg_id] = Label.undecided
            result.reasons[arg_id] = "names nothing this map defines"
            continue
        weight, applicable = ev.weight(arg), ev.applicable(arg)
        result.weights[arg_id] = weight
        result.applicable[arg_id] = applicable
        if arg_id in forced:
            labels[arg_id] = forced[arg_id]
        elif not applicable:
            labels[arg_id] = Label.undecided
        else:
            labels[arg_id] = Label.in_ if weight > 0 else Label.out
        reason = ev.argument_reason(arg)
        winner = ev.outweighed_by.get(arg_id)
        if winner is not None:
            reason += f", outweighed by '{winner}' (weighing {fmt_weight(ev.weight(g.args[winner]))})"
        result.reasons[arg_id] = reason
    return result


def _undecided_reason(ev: _Evaluator, statement: str) -> str:
    """Why a statement stayed undecided: what it waits on, followed until it comes round (a cycle)."""
    path = [statement]
    for _ in range(64):
        current = path[-1]
        issue = ev.g.issue_of.get(current)
        waiting = [
            s
            for position in (issue.positions if issue else [current])
            for arg in ev.g.args_of.get(position, ())
            for s in [*arg.premises, *([arg.undercutter] if arg.undercutter else [])]
            if ev.label.get(s) is Label.undecided and s != current
        ]
        if not waiting:
            break
        if waiting[0] in path:
            loop = path[path.index(waiting[0]) :] + [waiting[0]]
            if statement in loop:
                return "on a cycle of arguments (" + " -> ".join(ev._name(n) for n in loop) + "): undecided"
            break
        path.append(waiting[0])
    return f"waits on {ev._name(path[1])}, which is undecided" if len(path) > 1 else "undecided"


def graph_json(m: ArgMap) -> dict[str, object]:
    """The map's CAES argument graph as plain data, for the report's in-page what-if (report.js
    evaluates it with the same rules as `carneades`)."""
    g = build_graph(m)
    issues: list[dict[str, object]] = []
    seen: set[int] = set()
    for issue in g.issue_of.values():
        if id(issue) not in seen:
            seen.add(id(issue))
            issues.append({"positions": issue.positions, "standard": issue.standard})
    return {
        "statements": g.statements,
        "arguments": {
            arg_id: {
                "conclusion": arg.conclusion,
                "premises": arg.premises,
                "weighing": arg.weighing,
                "undercutter": arg.undercutter,
            }
            for arg_id, arg in g.args.items()
        },
        "issues": issues,
        "assumed": sorted(g.assumed),
    }
