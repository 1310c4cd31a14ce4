"""Argdown out and in: a map as Argdown text that @argdown/cli parses into the same statements,
arguments and relations, and Argdown documents (as Argdown's own parser reads them) as maps.

Export: every claim becomes a top-level statement `[id]: text` (the thesis, its type, `implicit` and
its tags as #tags); a supporting argument an argument `<id>: note #scheme` with a premise-conclusion
structure whose inference line names the scheme; an attack an argument tagged with its kind
(#rebuttal, #undercut or #concession) whose premises support it (`+ [premise]`) and which attacks
(`-> [claim]`) or undercuts (`_> <argument>`) its target; an issue
of two positions a contradiction (`><`). What Argdown has no place for is listed by the command.

Import reads the JSON of `argdown json` (argmap runs the tool on .argdown files): statements
(equivalence classes) become claims, each premise-conclusion structure one argument per inference,
relations arguments and attacks, contradictions issues, arguments without a structure an argument
from a claim holding their description (or from the statements that support them, when they have
none). The README lists every mapping; what a map cannot hold is one warning each.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..analysis import attack_kind
from ..model import ArgMap, Argument
from ..schemes import ATTACKS, SCHEMES
from . import Export
from .aif import scheme_named
from .contents import Item, left_out
from .importing import (
    FormatError,
    Imported,
    JsonDocument,
    Pointer,
    default_thesis,
    is_slug,
    parse_json,
    read_input,
    slugify,
    unique,
)

_SPECIAL = re.compile(r"([\\\[\]<>#*_@{}`+\-])")


def escape(text: str) -> str:
    """Text with Argdown's special characters escaped and line breaks flattened."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def _tag(value: str) -> str:
    return f"#({value})" if not re.fullmatch(r"[A-Za-z0-9-]+", value) else f"#{value}"


def to_argdown(m: ArgMap) -> Export:
    """The map as Argdown text (see the module docstring); what Argdown cannot hold is listed."""
    lines = ["===", f"title: {_yaml_scalar(m.title)}"]
    if m.analyst:
        lines.append(f"author: {_yaml_scalar(m.analyst)}")
    lines += ["===", "", f"# {escape(m.title)}", ""]
    theses = set(m.theses)
    for claim_id, claim in m.claims.items():
        tags = ["thesis"] if claim_id in theses else []
        tags += [claim.type.value] if claim.type else []
        tags += ["implicit"] if claim.implicit else []
        tags += claim.tags
        suffix = (" " + " ".join(_tag(t) for t in tags)) if tags else ""
        lines += [f"[{claim_id}]: {escape(claim.text)}{suffix}", ""]
    for arg_id, argument in m.arguments.items():
        lines += _argument_lines(m, arg_id, argument)
    contradictions = [issue for issue in m.issues.values() if len(issue.positions) == 2]
    for issue in contradictions:
        lines += [f"[{issue.positions[0]}]", f"  >< [{issue.positions[1]}]", ""]
    return Export("\n".join(lines).rstrip() + "\n", _not_carried(m, len(contradictions)))


def _argument_lines(m: ArgMap, arg_id: str, argument: Argument) -> list[str]:
    """A supporting argument as a premise-conclusion structure described by its note; an attack as an
    argument without description (it would stand as a premise) whose premises support it."""
    scheme_tag = f" {_tag(argument.scheme_id)}" if argument.scheme else ""
    if argument.conclusion is not None:
        scheme = SCHEMES[argument.scheme_id].name if argument.scheme_id in SCHEMES else argument.scheme_id
        head = f"<{arg_id}>: {escape(argument.note)}{scheme_tag}" if argument.note else f"<{arg_id}>{scheme_tag}"
        lines = [head, ""]
        lines += [f"({number}) [{premise}]" for number, premise in enumerate(argument.premises, 1)]
        lines += [f"-- {escape(scheme)} --", f"({len(argument.premises) + 1}) [{argument.conclusion}]"]
    else:  # an attack says what kind it is (a description would make it a statement of its own)
        lines = [f"<{arg_id}>{scheme_tag} {_tag(attack_kind(m, argument))}"]
        lines += [f"  + [{premise}]" for premise in argument.premises]
        lines.append(f"  _> <{argument.attacks}>" if argument.attacks in m.arguments else f"  -> [{argument.attacks}]")
    return [*lines, ""]


CARRIED = (
    "title",
    "analyst",
    "thesis",
    "claim-types",
    "implicit",
    "tags",
    "support-schemes",
    "attack-schemes",
    "concessions",
    "support-notes",
)
"""What of a map (see contents.inventory) the Argdown export writes and its import reads back."""


def _not_carried(m: ArgMap, contradictions: int) -> list[str]:
    others = len(m.issues) - contradictions
    instead = {
        "issues": Item("issues", others, "issue of other than two positions", "issues of other than two positions")
    }
    lost = left_out(m, CARRIED, instead)
    return ["Argdown has no place for " + ", ".join(lost)] if lost else []


def _yaml_scalar(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- import --------------------------------------------------------------------------------------------

ARGDOWN_INSTALL = "npm install -g @argdown/cli"
"""How a user gets Argdown's command-line tool, which argmap runs to read .argdown files."""
ARGDOWN_TIMEOUT = 300
"""Seconds the Argdown tool may take on one file."""

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SUPPORT = ("support", "entails")
_ATTACK = ("attack", "contrary", "undercut")


def read_argdown_file(path: Path) -> Imported:
    """Import an Argdown file: a .argdown file through Argdown's own parser (its command-line tool),
    or the JSON that `argdown json` writes (any other suffix)."""
    raw = read_input(path)
    if path.suffix.lower() not in (".argdown", ".ad"):
        return read_argdown_json(parse_json(raw), path.stem)
    output = run_argdown(path)
    try:
        return read_argdown_json(parse_json(output), path.stem, front_matter(raw))
    except FormatError as exc:  # a place in the tool's JSON would mean nothing to the user
        raise FormatError(exc.kind, exc.message) from None


_INSTALLED = Path("build") / "argdown" / "node_modules" / ".bin" / "argdown"
"""Where `make argdown` installs the tool, relative to the argmap checkout it is run in."""
CHECKOUT = Path(__file__).resolve().parents[2]
"""The folder that holds the argmap package argmap runs from (a source checkout, or site-packages)."""


def argdown_command() -> list[str] | None:
    """How to run Argdown's tool: $ARGMAP_ARGDOWN, `argdown` on PATH, build/argdown (where `make
    argdown` installs it) in the current folder, then in the argmap checkout the package is imported
    from, or npx without installing; None when there is no way."""
    configured = os.environ.get("ARGMAP_ARGDOWN")
    if configured:
        return [configured]
    found = shutil.which("argdown")
    if found:
        return [found]
    for local in (Path.cwd() / _INSTALLED, CHECKOUT / _INSTALLED):
        if local.is_file():
            return [str(local)]
    npx = shutil.which("npx")
    return [npx, "--no-install", "@argdown/cli"] if npx else None


def _missing_tool() -> FormatError:
    return FormatError(
        "Argdown not found",
        f"reading .argdown files needs Argdown's command-line tool (@argdown/cli): install it with "
        f"'{ARGDOWN_INSTALL}', or import the JSON that 'argdown json FILE' writes",
    )


def run_argdown(path: Path) -> str:
    """The JSON that `argdown json` writes for path (run in an empty folder, so that no configuration
    file of the user's folder is loaded); FormatError for syntax errors, with their line and column."""
    command = argdown_command()
    if command is None:
        raise _missing_tool()
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as work:
        try:
            proc = subprocess.run(
                [*command, "json", str(path.resolve()), "--stdout"],
                cwd=work,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=ARGDOWN_TIMEOUT,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise FormatError("Argdown failed", f"Argdown's tool took longer than {ARGDOWN_TIMEOUT} s") from None
        except OSError as exc:
            raise FormatError("Argdown failed", f"cannot run {command[0]}: {exc.strerror or exc}") from None
    out, err = _ANSI.sub("", proc.stdout), _ANSI.sub("", proc.stderr)
    body = out.lstrip()
    if proc.returncode == 0 and body.startswith("{"):
        try:
            _, end = json.JSONDecoder().raw_decode(body)
        except json.JSONDecodeError:
            end = len(body)
        return body[:end]
    raise _argdown_failure(command, out + "\n" + err)


def _argdown_failure(command: list[str], output: str) -> FormatError:
    syntax = re.search(r"At (\d+):(\d+)\s*\n\s*(.+)", output)
    if syntax:
        total = re.search(r"syntax errors in .*?: (\d+)", output)
        more = f" (and {int(total.group(1)) - 1} more)" if total and int(total.group(1)) > 1 else ""
        return FormatError(
            "Argdown syntax error", syntax.group(3).strip() + more, int(syntax.group(1)), int(syntax.group(2))
        )
    if "npx" in Path(command[0]).name:
        return _missing_tool()
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return FormatError("Argdown failed", " ".join(lines)[:300] or "Argdown's tool wrote nothing")


def front_matter(text: str) -> dict[str, str]:
    """The title and author of an Argdown file's front matter (read without a YAML parser: only
    these two plain values are used)."""
    found: dict[str, str] = {}
    match = re.match(r"\ufeff?===[ \t]*\r?\n(.*?)\r?\n===[ \t]*(\r?\n|$)", text, re.S)
    if not match:
        return found
    for key in ("title", "author"):
        line = re.search(rf"^{key}:[ \t]*(.+?)[ \t]*$", match.group(1), re.M)
        if line:
            value = _yaml_plain(line.group(1))
            if value:
                found[key] = value
    return found


def _yaml_plain(value: str) -> str:
    if value.startswith('"'):
        try:
            decoded = json.loads(value)
            return decoded if isinstance(decoded, str) else ""
        except json.JSONDecodeError:
            return value.strip('"')
    if value.startswith("'") and value.endswith("'") and len(value) > 1:
        return value[1:-1].replace("''", "'")
    return value


def read_argdown_json(doc: JsonDocument, name: str, front: dict[str, str] | None = None) -> Imported:
    """Turn the JSON of Argdown's parser (statements, arguments, relations, sections, tags) into map
    data (see the README for what becomes what). FormatError for what is not Argdown's JSON."""
    reader = _ArgdownReader(doc, name, front or {})
    return reader.read()


class _ArgdownReader:
    """One Argdown document on its way to map data."""

    def __init__(self, doc: JsonDocument, name: str, front: dict[str, str]) -> None:
        self.doc = doc
        self.name = name
        self.front = front
        self.used: set[str] = set()
        self.warnings: list[str] = []
        self.origins: dict[str, list[str]] = {}
        self.claims: dict[str, dict[str, Any]] = {}
        self.claim_of: dict[str, str] = {}
        self.arguments: dict[str, dict[str, Any]] = {}
        self.issues: dict[str, dict[str, Any]] = {}
        self.thesis: list[str] = []
        self.sections: dict[str, str] = {}
        self.steps: dict[str, list[tuple[int, str]]] = {}  # argument title -> (conclusion index, step id)
        self.reason: dict[str, str] = {}  # argument title -> the claim that holds its description
        self.premises_of: dict[str, list[str]] = {}  # unreconstructed argument title -> premises
        self.bundled: set[str] = set()  # arguments whose supporting statements are their premises
        self.reserved: dict[str, str] = {}  # argument title -> the id of its main argument
        self.outgoing_used: dict[str, int] = {}

    # -- reading the document

    def read(self) -> Imported:
        statements, arguments, relations = _argdown_shape(self.doc)
        self.statements, self.args, self.relations = statements, arguments, relations
        self._read_sections()
        for title, ec in statements.items():
            self._claim(title, ec)
        for title in arguments:
            self.reserved[title] = unique(slugify(title, "argument"), self.used)
        for title, argument in arguments.items():
            if _pcs(argument):
                self._reconstructed(title, argument)
        for title, argument in arguments.items():
            if not _pcs(argument):
                self._unreconstructed(title, argument)
        for index, relation in enumerate(relations):
            self._relation(index, relation)
        self._unused_arguments()
        return Imported(data=self._map_data(), text=None, warnings=self.warnings, origins=self.origins)

    def _read_sections(self) -> None:
        todo = list(self.doc.data.get("sections") or [])
        while todo:
            section = todo.pop(0)
            if isinstance(section, dict) and isinstance(section.get("id"), str):
                self.sections[section["id"]] = " ".join(str(section.get("title") or "").split())
                todo.extend(c for c in section.get("children") or [] if isinstance(c, dict))

    def _map_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"argmap": 1, "id": slugify(self.name, "imported")}
        only_section = next(iter(self.sections.values())) if len(self.sections) == 1 else None
        data["title"] = self.front.get("title") or only_section or self.name
        if "author" in self.front:
            data["analyst"] = self.front["author"]
        data["thesis"] = list(dict.fromkeys(self.thesis))
        data["claims"] = self.claims
        ordered = [i for title in self.args for i in self.origins.get(f"<{title}>", []) if i in self.arguments]
        data["arguments"] = {i: self.arguments[i] for i in dict.fromkeys([*ordered, *self.arguments])}
        if self.issues:
            data["issues"] = self.issues
        if not data["thesis"]:
            data["thesis"] = default_thesis(data)
        return data

    # -- statements

    def _claim(self, title: str, ec: dict[str, Any]) -> None:
        texts = [t for t in (_clean(m) for m in _defining(ec["members"])) if t]
        ident = unique(slugify(texts[-1] if _untitled(title) and texts else title, "claim", 8), self.used)
        self.claim_of[title] = ident
        self.origins[f"[{title}]"] = [ident]
        claim: dict[str, Any] = {"text": texts[-1] if texts else " ".join(title.split())}
        if not texts:
            self.warnings.append(f"statement [{title}] has no text in the Argdown file: its title stands for it")
        others = list(dict.fromkeys(t for t in texts[:-1] if t != claim["text"]))
        if others:
            claim["note"] = "Also stated as: " + " / ".join(f"\u201c{t}\u201d" for t in others)
        self._claim_tags(ident, claim, _tags_of(ec))
        section = self.sections.get(str(ec.get("section")))
        if section and len(self.sections) > 1:
            claim["section"] = section
        data = self._data_note(ec["members"])
        if data:
            claim["note"] = f"{claim['note']} {data}" if "note" in claim else data
        self.claims[ident] = claim

    def _claim_tags(self, ident: str, claim: dict[str, Any], tags: list[str]) -> None:
        kept: list[str] = []
        for tag in tags:
            slug = slugify(tag, "tag")
            if slug == "thesis":
                self.thesis.append(ident)
            elif slug in CLAIM_TYPES and "type" not in claim:
                claim["type"] = slug
            elif slug == "implicit":
                claim["implicit"] = True
            elif slug not in kept:
                kept.append(slug)
        if kept:
            claim["tags"] = kept

    @staticmethod
    def _data_note(members: list[dict[str, Any]]) -> str | None:
        """An element's YAML data (Argdown's display settings left out) as a line for its note."""
        data: dict[str, Any] = {}
        for member in members:
            if isinstance(member.get("data"), dict):
                data.update({k: v for k, v in member["data"].items() if k not in _DISPLAY_KEYS})
        if not data:
            return None
        return "; ".join(
            f"{k}: {v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}" for k, v in data.items()
        )

    # -- arguments with a premise-conclusion structure

    def _reconstructed(self, title: str, argument: dict[str, Any]) -> None:
        pcs = _pcs(argument)
        steps = _inference_steps(pcs)
        if not steps:
            self.warnings.append(f"argument <{title}>: its premise-conclusion structure draws no conclusion")
            return
        main = self.reserved[title]
        made: list[tuple[int, str]] = []
        for number, (index, uses) in enumerate(steps, 1):
            ident = main if number == len(steps) else unique(f"{main}-step-{number}", self.used)
            premises = [self.claim_of[pcs[i]["title"]] for i in uses]
            entry: dict[str, Any] = {"premises": premises, "conclusion": self.claim_of[pcs[index]["title"]]}
            self._scheme(entry, pcs[index].get("inference"), argument, main_step=number == len(steps))
            self.arguments[ident] = entry
            made.append((index, ident))
        self.steps[title] = made
        self.arguments[main].update(self._descriptions(title, argument))
        self.origins[f"<{title}>"] = [ident for _, ident in made]

    def _scheme(self, entry: dict[str, Any], inference: Any, argument: dict[str, Any], main_step: bool) -> None:
        rules = [str(r) for r in (inference or {}).get("inferenceRules") or [] if str(r).strip()]
        candidates = [*rules, *(_tags_of(argument) if main_step else [])]
        scheme = next((s for s in (scheme_named(c) for c in candidates) if s), None)
        if scheme and scheme != "default":
            entry["scheme"] = scheme
        unknown = [r for r in rules if scheme_named(r) is None]
        if unknown:
            entry["note"] = "Inference: " + "; ".join(unknown)

    def _descriptions(self, title: str, argument: dict[str, Any], texts: bool = True) -> dict[str, Any]:
        """label (the title, when it is more than an id) and note (the descriptions, unless a claim holds
        them; tags that name no scheme; YAML data)."""
        extra: dict[str, Any] = {}
        if not is_slug(title):
            extra["label"] = " ".join(title.split())
        members = argument.get("members") or []
        described = list(dict.fromkeys(t for t in (_clean(m) for m in _defining(members)) if t)) if texts else []
        other_tags = [t for t in _tags_of(argument) if scheme_named(t) is None and t not in ATTACKS]
        data = self._data_note(members)
        parts = [
            *described,
            *(["Tags: " + " ".join(f"#{t}" for t in other_tags)] if other_tags else []),
            *([data] if data else []),
        ]
        if parts:
            extra["note"] = " ".join(parts)
        return extra

    # -- arguments without one

    def _unreconstructed(self, title: str, argument: dict[str, Any]) -> None:
        texts = list(dict.fromkeys(t for t in (_clean(m) for m in _defining(argument.get("members") or [])) if t))
        supporters = [
            r
            for r in self.relations
            if r["to"] == title and r["toType"] == "argument" and r["relationType"] in _SUPPORT
        ]
        if not texts and supporters and all(r["fromType"] == "equivalence-class" for r in supporters):
            self.premises_of[title] = [self.claim_of[r["from"]] for r in supporters]
            self.bundled.add(title)
        else:
            self.premises_of[title] = [self._reason(title, texts)]

    def _reason(self, title: str, texts: list[str]) -> str:
        """The claim that holds an argument's description: the reason it gives."""
        ident = unique(f"{self.reserved[title]}-reason", self.used)
        if not texts:
            self.warnings.append(
                f"argument <{title}> has no description and no premises: its title stands as its reason"
            )
        claim: dict[str, Any] = {"text": texts[-1] if texts else " ".join(title.split())}
        if len(texts) > 1:
            claim["note"] = "Also described as: " + " / ".join(f"\u201c{t}\u201d" for t in texts[:-1])
        self.claims[ident] = claim
        self.reason[title] = ident
        return ident

    def _unused_arguments(self) -> None:
        for title in self.args:
            if f"<{title}>" not in self.origins:
                ident = self.reason.get(title)
                if ident is None:
                    continue
                self.origins[f"<{title}>"] = [ident]
                self.warnings.append(
                    f"argument <{title}> supports and attacks nothing: kept as the claim '{ident}' (its reason)"
                )

    # -- relations

    def _relation(self, index: int, relation: dict[str, Any]) -> None:
        kind = relation["relationType"]
        if kind == "contradictory" and relation["fromType"] == relation["toType"] == "equivalence-class":
            self._contradiction(self.claim_of[relation["from"]], self.claim_of[relation["to"]])
            return
        if (
            relation["toType"] == "argument"
            and relation["to"] in self.bundled
            and relation["fromType"] == "equivalence-class"
            and kind in _SUPPORT
        ):
            return  # a premise of the argument, already in place
        target = self._target(relation)
        if target is None:
            return
        self._add_relation(relation, target)
        if kind == "contrary" and relation["fromType"] == relation["toType"] == "equivalence-class":
            reverse = {**relation, "from": relation["to"], "to": relation["from"]}
            self._add_relation(reverse, self.claim_of[relation["from"]])

    def _target(self, relation: dict[str, Any]) -> str | None:
        """The claim or argument a relation points at in the map (None, with a warning, when none can hold it)."""
        kind, to, to_type = relation["relationType"], relation["to"], relation["toType"]
        if to_type == "equivalence-class":
            return self.claim_of[to]
        what = f"{kind} of <{to}> by {_name(relation['from'], relation['fromType'])}"
        if to_type == "inference" or (to in self.steps and kind == "undercut"):
            return self._step(to, relation.get("conclusionIndex"))
        if to in self.steps:  # a reconstructed argument: support and attack aim at one of its premises
            if kind in _SUPPORT:
                self.warnings.append(f"{what}: a map supports claims, not arguments: not carried")
                return None
            self.warnings.append(f"{what}: which premise it attacks is not said; kept as an attack on the argument")
            return self.steps[to][-1][1]
        if to in self.reason and kind != "undercut":
            return self.reason[to]
        if kind in _SUPPORT:
            self.warnings.append(f"{what}: a map supports claims, not arguments: not carried")
            return None
        if kind == "attack":
            self.warnings.append(f"{what}: which premise it attacks is not said; kept as an attack on the argument")
        return self.reserved[to]

    def _step(self, title: str, conclusion_index: Any) -> str | None:
        steps = self.steps.get(title)
        if not steps:
            return self.reserved.get(title)
        for index, ident in steps:
            if index == conclusion_index:
                return ident
        return steps[-1][1]

    def _add_relation(self, relation: dict[str, Any], target: str) -> None:
        kind, src, src_type = relation["relationType"], relation["from"], relation["fromType"]
        entry: dict[str, Any] = {}
        if src_type == "equivalence-class":
            entry["premises"] = [self.claim_of[src]]
            verb = "supports" if kind in _SUPPORT else "undercuts" if kind == "undercut" else "attacks"
            ident = unique(slugify(f"{self.claim_of[src]}-{verb}-{target}", "relation"), self.used)
        elif src in self.steps:  # a reconstructed argument speaks through its main conclusion
            entry["premises"] = [self.arguments[self.steps[src][-1][1]]["conclusion"]]
            ident = unique(f"{self.reserved[src]}-{'supports' if kind in _SUPPORT else 'attacks'}", self.used)
        else:
            entry["premises"] = list(self.premises_of[src])
            count = self.outgoing_used.get(src, 0)
            self.outgoing_used[src] = count + 1
            ident = self.reserved[src] if count == 0 else unique(self.reserved[src], self.used)
            entry.update(self._descriptions(src, self.args[src], texts=False) if count == 0 else {})
            scheme = next((s for s in map(scheme_named, _tags_of(self.args[src])) if s), None)
            if scheme and scheme != "default":  # a tag naming a scheme: the export tags attacks so
                entry["scheme"] = scheme
            self.origins.setdefault(f"<{src}>", []).append(ident)
        entry["conclusion" if kind in _SUPPORT else "attacks"] = target
        if kind not in _SUPPORT and src_type == "argument" and "concession" in _tags_of(self.args.get(src, {})):
            entry["conceded"] = True
        self.arguments[ident] = {
            k: entry[k]
            for k in ("premises", "conclusion", "attacks", "scheme", "label", "conceded", "note")
            if k in entry
        }

    def _contradiction(self, a: str, b: str) -> None:
        taken = {p for issue in self.issues.values() for p in issue["positions"]}
        if a in taken or b in taken:
            self.warnings.append(
                f"'{a}' and '{b}' contradict each other, but one is already a position of another issue: "
                "kept as two attacks"
            )
            for x, y in ((a, b), (b, a)):
                self.arguments[unique(slugify(f"{x}-attacks-{y}", "relation"), self.used)] = {
                    "premises": [x],
                    "attacks": y,
                }
            return
        self.issues[unique(slugify(f"{a}-or-{b}", "issue"), self.used)] = {"positions": [a, b]}


_DISPLAY_KEYS = ("isCanonical", "isInMap", "color", "fontColor", "isGroup", "isClosed", "images")
"""Argdown data keys that only steer its own map drawing."""
CLAIM_TYPES = ("fact", "interpretation", "prediction", "recommendation", "definition", "value")


def _name(title: str, kind: str) -> str:
    return f"<{title}>" if kind == "argument" else f"[{title}]"


def _untitled(title: str) -> bool:
    return bool(re.fullmatch(r"Untitled \d+", title))


def _pcs(argument: dict[str, Any]) -> list[dict[str, Any]]:
    pcs = argument.get("pcs")
    return pcs if isinstance(pcs, list) else []


def _defining(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The members that define a text (not mere references), the canonical one last."""
    defining = [m for m in members if not m.get("isReference") and isinstance(m.get("text"), str)]
    canonical = [m for m in defining if isinstance(m.get("data"), dict) and m["data"].get("isCanonical")]
    return [m for m in defining if m not in canonical] + canonical


def _tags_of(element: dict[str, Any]) -> list[str]:
    tags = element.get("tags")
    return [str(t) for t in tags] if isinstance(tags, list) else []


def _clean(member: dict[str, Any]) -> str:
    """A member's text as plain text: tags removed, mentions as the title they name, links with their
    address. (Argdown's ranges run from start to stop inclusive, a token's trailing space included.)"""
    text = str(member.get("text") or "")
    edits: list[tuple[int, int, str]] = []
    for r in member.get("ranges") or []:
        start, stop = (r.get("start"), r.get("stop")) if isinstance(r, dict) else (None, None)
        if type(start) is not int or type(stop) is not int or not 0 <= start <= stop < len(text):
            continue
        token = text[start : stop + 1]
        if r.get("type") == "tag" and token.startswith("#"):
            edits.append((start, stop + 1, " "))
        elif r.get("type") in ("statement-mention", "argument-mention") and token.startswith("@"):
            title = r.get("title") or token.strip()[2:-1]
            edits.append((start, stop + 1, f"{title}{' ' if token.endswith(' ') else ''}"))
        elif r.get("type") == "link" and isinstance(r.get("url"), str):
            edits.append((stop + 1, stop + 1, f" ({r['url']})"))
    for start, stop, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[stop:]
    return " ".join(text.split())


def _inference_steps(pcs: list[dict[str, Any]]) -> list[tuple[int, list[int]]]:
    """(index of the conclusion, indexes of the statements it is drawn from) for each inference of a
    premise-conclusion structure: those its `uses` data names, or else the statements since the last
    conclusion and that conclusion itself."""
    steps: list[tuple[int, list[int]]] = []
    since: list[int] = []
    for index, statement in enumerate(pcs):
        if statement.get("role") == "premise":
            since.append(index)
            continue
        inference = statement.get("inference")
        data = inference.get("data") if isinstance(inference, dict) else None
        uses = data.get("uses") if isinstance(data, dict) else None
        if isinstance(uses, list) and uses and all(type(u) is int and 1 <= u <= index for u in uses):
            drawn_from = [u - 1 for u in uses]
        else:
            drawn_from = ([steps[-1][0]] if steps else []) + since
        if drawn_from:
            steps.append((index, drawn_from))
        since = []
    return steps


def _argdown_shape(doc: JsonDocument) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """statements, arguments and relations of Argdown's JSON, checked: FormatError for the wrong
    shape, a relation or premise naming an element the document lacks."""
    data = doc.data
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("statements"), dict)
        or not isinstance(data.get("arguments"), dict)
    ):
        raise doc.error("wrong shape", "not Argdown's JSON: expected 'statements' and 'arguments' objects", ())
    statements: dict[str, Any] = data["statements"]
    arguments: dict[str, Any] = data["arguments"]
    for title, ec in statements.items():
        if (
            not isinstance(ec, dict)
            or not isinstance(ec.get("members"), list)
            or not all(isinstance(m, dict) for m in ec["members"])
        ):
            raise doc.error("wrong shape", f"statement [{title}] has no list of members", ("statements", title))
    for title, argument in arguments.items():
        _check_argument(doc, title, argument, statements)
    relations = data.get("relations", [])
    if not isinstance(relations, list):
        raise doc.error("wrong shape", "'relations' is not a list", ("relations",))
    for index, relation in enumerate(relations):
        _check_relation(doc, index, relation, statements, arguments)
    if "sections" in data and not isinstance(data["sections"], list):
        raise doc.error("wrong shape", "'sections' is not a list", ("sections",))
    return statements, arguments, relations


def _check_argument(doc: JsonDocument, title: str, argument: Any, statements: dict[str, Any]) -> None:
    pointer: Pointer = ("arguments", title)
    if not isinstance(argument, dict):
        raise doc.error("wrong shape", f"argument <{title}> is not an object", pointer)
    for key in ("members", "pcs"):
        value = argument.get(key, [])
        if not isinstance(value, list) or not all(isinstance(m, dict) for m in value):
            raise doc.error("wrong shape", f"argument <{title}>: '{key}' is not a list of objects", (*pointer, key))
    for index, statement in enumerate(argument.get("pcs", [])):
        name = statement.get("title")
        if not isinstance(name, str) or not isinstance(statement.get("role"), str):
            raise doc.error(
                "wrong shape",
                f"argument <{title}>: a statement of its structure has no title or role",
                (*pointer, "pcs", index),
            )
        if name not in statements:
            raise doc.error(
                "dangling reference",
                f"argument <{title}> uses the statement [{name}], which the document does not have",
                (*pointer, "pcs", index, "title"),
            )


def _check_relation(
    doc: JsonDocument, index: int, relation: Any, statements: dict[str, Any], arguments: dict[str, Any]
) -> None:
    pointer: Pointer = ("relations", index)
    keys = ("relationType", "from", "fromType", "to", "toType")
    if not isinstance(relation, dict) or not all(isinstance(relation.get(k), str) for k in keys):
        raise doc.error("wrong shape", "a relation lacks relationType, from, fromType, to or toType", pointer)
    if relation["relationType"] not in (*_SUPPORT, *_ATTACK, "contradictory"):
        raise doc.error(
            "wrong shape", f"unknown relation type '{relation['relationType']}'", (*pointer, "relationType")
        )
    for end in ("from", "to"):
        kind = relation[f"{end}Type"]
        pool = statements if kind == "equivalence-class" else arguments if kind in ("argument", "inference") else None
        if pool is None:
            raise doc.error("wrong shape", f"a relation's {end}Type is '{kind}'", (*pointer, f"{end}Type"))
        if relation[end] not in pool:
            what = "statement" if pool is statements else "argument"
            raise doc.error(
                "dangling reference",
                f"a relation names the {what} '{relation[end]}', which the document does not have",
                (*pointer, end),
            )
    if relation["fromType"] == "inference":
        raise doc.error("wrong shape", "a relation starts at an inference", (*pointer, "fromType"))
