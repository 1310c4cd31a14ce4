"""Carneades 4 argument graphs (its YAML format) in: statements, issues, arguments, assumptions, tests.

A Carneades graph becomes a map with `semantics: carneades` and `assume_premises: false` (in
Carneades only assumptions are given): statements become claims (their names turned into ids, their
text kept), issues issues, arguments arguments (a scheme's constant weight or weighing function
becomes the argument's `weight`), an argument's undercutter an undercut (an argument from the
undercutter statement attacking it), statements marked `assumed: true` and the `assumptions` list
the map's assumptions, and `tests` the map's `expect` (every entry kept). An argument without
premises gets one premise, an assumed claim saying so, because a map's arguments have premises.

Propositional files only: `language`, `variables`, argument schemes with variables or premises,
custom weighing functions (criteria, preference) and enumerated issue schemes are refused with an
error naming the feature. Issue schemes of one variable (`negation: ["¬Q", "Q"]`) are instantiated
over the file's statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import WEIGHING_FUNCTIONS
from ..words import plural


class CarneadesError(Exception):
    """The file is not a Carneades graph argmap can read; line and col say where (1-based)."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


@dataclass
class Imported:
    """Map data ready to write as YAML, and notes on what was changed on the way."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """What was imported, counted: '4 claims, 2 arguments, 1 undercut, 1 issue' (every attack a
        Carneades graph gives is an undercut)."""
        arguments = self.data.get("arguments", {}).values()
        supports = sum(1 for a in arguments if "conclusion" in a)
        return ", ".join(
            [
                plural(len(self.data["claims"]), "claim"),
                plural(supports, "argument"),
                plural(len(arguments) - supports, "undercut"),
                plural(len(self.data.get("issues", {})), "issue"),
            ]
        )


_VARIABLE = re.compile(r"(?<![\w])([A-Z_][A-Za-z0-9_]*)(?![\w(])")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def statement_id(name: str) -> str:
    """A kebab-case id for a Carneades statement name: '¬p' -> 'not-p', 'app(a1)' -> 'app-a1',
    'wearsRing' -> 'wears-ring'."""
    text = str(name).replace("¬", " not ").replace("~", " not ")
    text = _CAMEL.sub(" ", text).lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", text))
    return slug[:100] or "statement"


class _Reader:
    """Turns the parsed file (data plus the positions argmap's loader recorded) into map data."""

    def __init__(self, data: dict[str, Any], positions: Any, title: str) -> None:
        self.raw = data
        self.positions = positions
        self.title = title
        self.notes: list[str] = []
        self.ids: dict[str, str] = {}
        self.used: set[str] = set()
        self.claims: dict[str, dict[str, Any]] = {}
        self.assumed: list[str] = []

    def fail(self, loc: tuple[Any, ...], message: str) -> CarneadesError:
        line, col = self.positions.key(loc)
        return CarneadesError(message, line, col)

    def unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.used:
            candidate = f"{base}-{n}"
            n += 1
        self.used.add(candidate)
        return candidate

    def claim(self, name: Any, loc: tuple[Any, ...]) -> str:
        """The claim id of a statement name (a claim is made for names the file does not declare)."""
        if not isinstance(name, (str, int, float)) or isinstance(name, bool) or str(name).strip() == "":
            raise self.fail(loc, f"a statement must be named by text, not {name!r}")
        key = str(name).strip()
        if _VARIABLE.search(key.replace("¬", " ")):
            raise self.fail(loc, f"'{key}' holds a variable: first-order Carneades files are not supported")
        if key not in self.ids:
            self.ids[key] = self.unique(statement_id(key))
            self.claims[self.ids[key]] = {"text": key}
        return self.ids[key]

    # -- the sections ---------------------------------------------------------------------------
    def refuse_first_order(self) -> None:
        for key, what in (
            ("language", "a language (predicate verbalisations)"),
            ("variables", "variables"),
            ("weighing_functions", "custom weighing functions"),
        ):
            if key in self.raw:
                raise self.fail((key,), f"the file uses {what} ('{key}'): only propositional files are supported")

    def statements(self) -> None:
        section = self.raw.get("statements") or {}
        if not isinstance(section, dict):
            raise self.fail(("statements",), "'statements' must be a mapping of statement names to texts")
        for name, value in section.items():
            claim_id = self.claim(name, ("statements", name))
            if isinstance(value, dict):
                text = value.get("text") or value.get("label")
                if value.get("assumed") is True:
                    self.assumed.append(claim_id)
                if value.get("meta"):
                    self.claims[claim_id]["note"] = _meta_text(value["meta"])
            else:
                text = value
            if text is not None and str(text).strip():
                self.claims[claim_id]["text"] = " ".join(str(text).split())

    def schemes(self) -> dict[str, float | str]:
        """Scheme id -> the weighing of arguments that name it."""
        weighing: dict[str, float | str] = {name: name for name in WEIGHING_FUNCTIONS}
        for index, scheme in enumerate(self.raw.get("argument_schemes") or []):
            loc: tuple[Any, ...] = ("argument_schemes", index)
            if not isinstance(scheme, dict) or "id" not in scheme:
                raise self.fail(loc, "an argument scheme must be a mapping with an 'id'")
            for key in ("variables", "premises", "conclusions", "assumptions", "exceptions", "deletions", "guards"):
                if scheme.get(key):
                    raise self.fail(
                        loc + (key,),
                        f"argument scheme '{scheme['id']}' has {key}: schemes that generate arguments "
                        "(first-order Carneades) are not supported",
                    )
            weighing[str(scheme["id"])] = self.weighing(scheme.get("weight"), loc + ("weight",))
        return weighing

    def weighing(self, value: Any, loc: tuple[Any, ...]) -> float | str:
        if value is None:
            return "linked"
        if isinstance(value, str) and value in WEIGHING_FUNCTIONS:
            return value
        if isinstance(value, dict) and set(value) == {"constant"}:
            constant = value["constant"]
            if isinstance(constant, (int, float)) and not isinstance(constant, bool) and 0 <= constant <= 1:
                return float(constant)
            raise self.fail(loc, f"a constant weight must be a number from 0 to 1, not {constant!r}")
        kind = next(iter(value)) if isinstance(value, dict) and value else value
        raise self.fail(
            loc, f"the weighing function {kind!r} is not supported (only constant and {', '.join(WEIGHING_FUNCTIONS)})"
        )

    def issues(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        section = self.raw.get("issues") or {}
        if not isinstance(section, dict):
            raise self.fail(("issues",), "'issues' must be a mapping of issue ids to issues")
        for issue_id, issue in section.items():
            loc: tuple[Any, ...] = ("issues", issue_id)
            if not isinstance(issue, dict) or not isinstance(issue.get("positions"), list):
                raise self.fail(loc, f"issue '{issue_id}' needs a list of 'positions'")
            standard = str(issue.get("standard") or "PE").upper()
            if standard not in ("PE", "CCE", "BRD"):
                raise self.fail(
                    loc + ("standard",), f"unknown proof standard '{issue.get('standard')}': use PE, CCE or BRD"
                )
            entry: dict[str, Any] = {
                "positions": [self.claim(p, loc + ("positions", i)) for i, p in enumerate(issue["positions"])]
            }
            if standard != "PE":
                entry["standard"] = standard
            if issue.get("meta"):
                entry["note"] = _meta_text(issue["meta"])
            out[self.unique(statement_id(str(issue_id)))] = entry
        return out

    def issue_schemes(self, issues: dict[str, dict[str, Any]]) -> None:
        """Instantiate one-variable issue schemes over the statements (propositional use only)."""
        section = self.raw.get("issue_schemes") or {}
        taken = {p for issue in issues.values() for p in issue["positions"]}
        names = list(self.ids)
        for scheme_id, patterns in section.items():
            loc: tuple[Any, ...] = ("issue_schemes", scheme_id)
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns) or "..." in patterns:
                raise self.fail(loc, f"issue scheme '{scheme_id}' enumerates positions ('...'): not supported")
            variables = {v for p in patterns for v in _VARIABLE.findall(p.replace("¬", " "))}
            if len(variables) != 1:
                raise self.fail(loc, f"issue scheme '{scheme_id}' must have exactly one variable to be instantiated")
            (variable,) = variables
            matchers = [re.compile("^" + re.escape(p).replace(re.escape(variable), "(.+)") + "$") for p in patterns]
            bindings: list[str] = []
            for name in names:
                for matcher in matchers:
                    found = matcher.match(name)
                    if found and found.group(1) not in bindings:
                        bindings.append(found.group(1))
            for value in bindings:
                positions = [p.replace(variable, value) for p in patterns]
                if not all(p in self.ids for p in positions):
                    continue
                ids = [self.ids[p] for p in positions]
                if any(i in taken for i in ids):
                    continue
                taken.update(ids)
                issues[self.unique(statement_id(f"{scheme_id}-{value}"))] = {"positions": ids}

    def arguments(self, weighing: dict[str, float | str]) -> dict[str, dict[str, Any]]:
        section = self.raw.get("arguments") or {}
        if isinstance(section, list):  # some files list arguments; give them ids
            section = {
                item.get("id", f"a{i + 1}") if isinstance(item, dict) else f"a{i + 1}": item
                for i, item in enumerate(section)
            }
        if not isinstance(section, dict):
            raise self.fail(("arguments",), "'arguments' must be a mapping of argument ids to arguments")
        out: dict[str, dict[str, Any]] = {}
        undercuts: list[tuple[str, str]] = []
        ids = {name: self.unique(statement_id(str(name))) for name in section}
        for name, arg in section.items():
            loc: tuple[Any, ...] = ("arguments", name)
            out[ids[name]] = self.argument(name, arg, loc, ids[name], weighing)
            if arg.get("undercutter") is not None:
                undercuts.append((ids[name], self.claim(arg["undercutter"], loc + ("undercutter",))))
        for target, undercutter in undercuts:
            out[self.unique(f"{target}-undercut")] = {"premises": [undercutter], "attacks": target}
        return out

    def argument(
        self, name: Any, arg: Any, loc: tuple[Any, ...], arg_id: str, weighing: dict[str, float | str]
    ) -> dict[str, Any]:
        """One Carneades argument as map data (its undercutter is made an undercut by the caller)."""
        if not isinstance(arg, dict) or "conclusion" not in arg:
            raise self.fail(loc, f"argument '{name}' needs a 'conclusion'")
        if arg.get("parameters"):
            raise self.fail(
                loc + ("parameters",), f"argument '{name}' instantiates a scheme with parameters: not supported"
            )
        entry: dict[str, Any] = {"premises": self.premises(arg.get("premises"), loc + ("premises",), arg_id)}
        entry["conclusion"] = self.claim(arg["conclusion"], loc + ("conclusion",))
        scheme = arg.get("scheme")
        if scheme is not None:
            if str(scheme) not in weighing:
                raise self.fail(
                    loc + ("scheme",), f"argument '{name}' names the scheme '{scheme}', which the file does not define"
                )
            if weighing[str(scheme)] != "linked":
                entry["weight"] = weighing[str(scheme)]
            if str(scheme) not in WEIGHING_FUNCTIONS:
                entry["label"] = f"scheme {scheme}"
        if arg.get("weight") is not None:
            entry["weight"] = self.weighing(arg["weight"], loc + ("weight",))
        if arg.get("meta"):
            entry["note"] = _meta_text(arg["meta"])
        return entry

    def premises(self, value: Any, loc: tuple[Any, ...], arg_id: str) -> list[str]:
        if value is None or value == [] or value == {}:
            given = self.unique(f"{arg_id}-given")
            self.claims[given] = {
                "text": f"Argument {arg_id} needs no premises.",
                "note": "Added on import: the Carneades argument has no premises.",
            }
            self.assumed.append(given)
            return [given]
        if isinstance(value, dict):  # role -> statement
            return [self.claim(v, loc + (k,)) for k, v in value.items()]
        if isinstance(value, list):
            return [self.claim(v, loc + (i,)) for i, v in enumerate(value)]
        return [self.claim(value, loc)]

    def listed(self, key: str) -> list[str]:
        value = self.raw.get(key) or []
        if not isinstance(value, list):
            raise self.fail((key,), f"'{key}' must be a list of statements")
        return [self.claim(v, (key, i)) for i, v in enumerate(value)]

    def tests(self) -> dict[str, list[str]] | None:
        tests = self.raw.get("tests")
        if not tests:
            return None
        if not isinstance(tests, dict):
            raise self.fail(("tests",), "'tests' must be a mapping with in, out and undecided lists")
        expect: dict[str, list[str]] = {}
        for key in ("in", "out", "undecided"):
            values = tests.get(key) or []
            if not isinstance(values, list):
                raise self.fail(("tests", key), f"'tests.{key}' must be a list of statements")
            if values:
                expect[key] = [self.claim(v, ("tests", key, i)) for i, v in enumerate(values)]
        unknown = [k for k in tests if k not in ("in", "out", "undecided")]
        if unknown:
            raise self.fail(("tests", unknown[0]), f"unknown test label '{unknown[0]}': use in, out or undecided")
        return expect

    def read(self) -> Imported:
        self.refuse_first_order()
        self.statements()
        weighing = self.schemes()
        issues = self.issues()
        arguments = self.arguments(weighing)
        assumptions = list(dict.fromkeys(self.assumed + self.listed("assumptions")))
        expect = self.tests()
        self.issue_schemes(issues)
        meta = self.raw.get("meta") or {}
        data: dict[str, Any] = {
            "argmap": 1,
            "id": statement_id(self.title) or "carneades",
            "title": str(meta.get("title") or self.title) if isinstance(meta, dict) else self.title,
        }
        description = _meta_text({k: v for k, v in meta.items() if k != "title"}) if isinstance(meta, dict) else ""
        if description:
            data["description"] = description
        data["semantics"] = "carneades"
        data["assume_premises"] = False
        if assumptions:
            data["assumptions"] = assumptions
        if issues:
            data["issues"] = issues
        if expect:
            data["expect"] = expect
        data["claims"] = self.claims
        if arguments:
            data["arguments"] = arguments
        if self.raw.get("references"):
            self.notes.append("the file's references are not carried (a map's references are cited by claims)")
        return Imported(data, self.notes)


def _meta_text(meta: Any) -> str:
    """Carneades metadata (free-form) as one line of text."""
    if isinstance(meta, dict):
        parts = [f"{k}: {' '.join(str(v).split())}" for k, v in meta.items() if v not in (None, "")]
        return "; ".join(parts)
    return " ".join(str(meta).split())


_KNOWN = {
    "meta",
    "statements",
    "issues",
    "arguments",
    "argument_schemes",
    "issue_schemes",
    "assumptions",
    "tests",
    "references",
    "language",
    "variables",
    "weighing_functions",
}


def read_carneades(raw: bytes, display: str, title: str) -> Imported:
    """Read a Carneades 4 YAML argument graph; raises CarneadesError (with a position) when it
    cannot be read or uses a feature argmap does not support."""
    from ..load import loads

    mf = loads(raw, display=display)
    fatal = [p for p in mf.problems if p.code.startswith("E0")]
    if fatal or mf.data is None:
        first = fatal[0] if fatal else None
        message = first.message if first else "the file is not YAML"
        raise CarneadesError(message, first.line if first else 1, first.col if first else 1)
    if not isinstance(mf.data, dict):
        raise CarneadesError("the top level must be a mapping (meta, statements, arguments, ...)")
    reader = _Reader(mf.data, mf.positions, title)
    imported = reader.read()
    for key in mf.data:
        if key not in _KNOWN:
            line, col = mf.positions.key((key,))
            imported.notes.append(f"line {line}: '{key}' is not a section of a Carneades graph and was not carried")
    return imported
