"""The built-in catalogue of argumentation schemes, each with its critical questions.

The schemes follow the families catalogued by Walton, Reed and Macagno (Argumentation Schemes,
2008); the questions are phrased for an analyst testing a reconstructed essay.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    pattern: str
    critical_questions: tuple[str, ...]


_CATALOGUE = (
    Scheme(
        "default",
        "Default inference",
        "The premises, taken together, make the conclusion acceptable.",
        (
            "Are the premises true?",
            "Do the premises, taken together, give enough reason to accept the conclusion?",
            "Is something the argument needs left unstated?",
        ),
    ),
    Scheme(
        "cause-to-effect",
        "Cause to effect",
        "Generally, if A occurs then B will (or may) occur; A occurs (or will); so B will (or may).",
        (
            "How strong is the causal generalisation that A brings about B?",
            "Is the evidence that A occurs (or will occur) good enough?",
            "Could something interfere and stop A from producing B here?",
        ),
    ),
    Scheme(
        "correlation-to-cause",
        "Correlation to cause",
        "A and B are correlated; so A causes B.",
        (
            "Is there really a correlation between A and B?",
            "Is the correlation more than coincidence?",
            "Could a third factor cause both A and B?",
            "Could B be the cause of A rather than the reverse?",
        ),
    ),
    Scheme(
        "sign",
        "Sign",
        "A is true in this case; A is generally a sign of B; so B is true in this case.",
        (
            "How strong is the link between the sign and what it signals?",
            "Are there other events that would more reliably account for the sign?",
        ),
    ),
    Scheme(
        "example",
        "Example",
        "In this case (or these cases) the individual has property F and also G; so generally, F goes with G.",
        (
            "Is the example true as stated?",
            "Does the example support the general claim it is meant to support?",
            "Is the example typical of the cases the generalisation covers?",
            "How strong is the generalisation it supports?",
            "Do special circumstances of the example weaken its generality?",
        ),
    ),
    Scheme(
        "analogy",
        "Analogy",
        "Case C1 is similar to case C2; A is true (false) in C1; so A is true (false) in C2.",
        (
            "Are there respects in which C1 and C2 differ that would tend to undermine the similarity?",
            "Is A true (false) in C1?",
            "Is there another case C3, also similar to C2, in which A is false (true)?",
        ),
    ),
    Scheme(
        "expert-opinion",
        "Expert opinion",
        "Source E is an expert in domain D containing A; E asserts A; so A may plausibly be taken as true.",
        (
            "How credible is E as an expert source?",
            "Is E an expert in the field that A is in?",
            "What did E assert that implies A?",
            "Is E personally reliable as a source (not biased, not partisan)?",
            "Is A consistent with what other experts assert?",
            "Is E's assertion based on evidence?",
        ),
    ),
    Scheme(
        "position-to-know",
        "Position to know",
        "Source a is in a position to know about things in domain S containing A; a asserts A; so A is plausible.",
        (
            "Is a in a position to know whether A is true?",
            "Is a an honest (trustworthy, reliable) source?",
            "Did a assert that A is true?",
        ),
    ),
    Scheme(
        "popular-opinion",
        "Popular opinion",
        "A is generally accepted as true; so there is a presumption in favour of A.",
        (
            "What evidence supports the claim that A is generally accepted?",
            "Even if A is generally accepted, is there good reason to doubt it?",
        ),
    ),
    Scheme(
        "commitment",
        "Commitment",
        "Agent a is committed to proposition A, as shown by what a said or did; so a is committed to A here.",
        (
            "What evidence shows that a is committed to A?",
            "Is there room to question whether an exception applies in this case?",
        ),
    ),
    Scheme(
        "consequences",
        "Consequences",
        "If A is brought about, good (bad) consequences will plausibly follow; so A should (not) be brought about.",
        (
            "How strong is the likelihood that the cited consequences will occur?",
            "What evidence supports the claim that these consequences will follow?",
            "Are there consequences of the opposite value that ought to be taken into account?",
        ),
    ),
    Scheme(
        "practical-reasoning",
        "Practical reasoning",
        "I have goal G; carrying out action A is a means to realise G; so I ought to carry out A.",
        (
            "What other goals might conflict with G?",
            "What alternative actions to A would also bring about G?",
            "Among A and the alternatives, which is the most efficient?",
            "Is it practically possible to carry out A?",
            "What side effects of carrying out A should be taken into account?",
        ),
    ),
    Scheme(
        "values",
        "Values",
        "Value V is positive (negative) as judged by the agent; V supports (opposes) goal G; "
        "so G is worth (not worth) pursuing.",
        (
            "Is V really positive (negative) for the agent?",
            "Could pursuing G also promote values that conflict with V?",
        ),
    ),
    Scheme(
        "definition",
        "Definition (verbal classification)",
        "a has property F; by definition, whatever has F can be classified as G; so a has property G.",
        (
            "What evidence is there that a definitely has property F?",
            "Is the definition or classification used acceptable, or open to doubt?",
            "Is the classification being stretched to fit a borderline case?",
        ),
    ),
    Scheme(
        "abduction",
        "Best explanation",
        "F is a finding; E is the best of the available explanations of F; so E is plausibly true.",
        (
            "How satisfactory is E as an explanation of F, apart from the alternatives?",
            "How much better an explanation is E than the alternatives considered?",
            "Have enough alternative explanations been considered?",
            "Would it be better to look further before drawing a conclusion?",
        ),
    ),
    Scheme(
        "precedent",
        "Precedent",
        "An earlier case was handled by rule R; the present case is relevantly like it; so R applies here too.",
        (
            "Is the earlier case really like the present one in the respects that matter?",
            "Was the earlier case handled well, so that it deserves to be followed?",
            "Has anything changed since the earlier case that makes the rule inapplicable?",
        ),
    ),
)

SCHEMES: dict[str, Scheme] = {scheme.id: scheme for scheme in _CATALOGUE}
"""The catalogue, by id, in the order above."""


_ATTACKS = (
    Scheme(
        "rebuttal",
        "Rebuttal",
        "The premises give a reason to reject the attacked claim.",
        (
            "Are the premises of the rebuttal true?",
            "Does the rebuttal speak against the claim itself, or only against something near it?",
            "Does the rebuttal outweigh the arguments for the claim?",
        ),
    ),
    Scheme(
        "undercut",
        "Undercut",
        "The premises grant the attacked argument's premises but deny that they support its conclusion here.",
        (
            "Are the premises of the undercut true?",
            "Does the exception the undercut names apply to this case?",
            "Would the attacked argument still go through with the exception granted?",
        ),
    ),
    Scheme(
        "concession",
        "Concession",
        "The author grants an objection to the claim or argument and holds that it is outweighed.",
        (
            "Does the essay say why the conceded objection is outweighed?",
            "Is the conceded objection weightier than the essay allows?",
            "Does the concession take back part of what the essay claims?",
        ),
    ),
)

ATTACKS: dict[str, Scheme] = {kind.id: kind for kind in _ATTACKS}
"""The kinds of attack, with their own critical questions. They are not schemes: an attack's
`scheme`, when it has one, names the scheme of the attacking inference."""


def get_scheme(scheme_id: str | None) -> Scheme:
    """The scheme for an argument's `scheme` field (None means the default inference, and so does an
    id the catalogue lacks: `argmap check` reports that as E206)."""
    return SCHEMES.get(scheme_id or "default", SCHEMES["default"])
