"""Synthetic maps for the benchmarks: N claims in a tree of arguments with 1-3 linked premises,
one attack for every nine supporting arguments, and a quote for every explicit claim drawn from a
generated essay, so that quote checking does real work.

    python benchmarks/generate.py 1000 out/      # writes out/synthetic-1000.yaml and its essay
    python benchmarks/generate.py 1000 30 out/   # 1,000 maps of 30 claims: out/map-0001.yaml ...
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = [
    "security",
    "state",
    "party",
    "policy",
    "power",
    "order",
    "threat",
    "reform",
    "law",
    "police",
    "region",
    "alliance",
    "trade",
    "market",
    "doctrine",
    "strategy",
    "concept",
    "domestic",
    "foreign",
    "stability",
    "control",
    "influence",
    "pressure",
    "risk",
    "conflict",
    "cooperation",
    "sovereignty",
    "interest",
    "governance",
    "initiative",
    "framework",
    "tension",
    "deterrence",
    "resilience",
    "partner",
    "economy",
    "technology",
    "surveillance",
    "repression",
    "legitimacy",
    "border",
    "island",
    "military",
    "diplomacy",
]


def synthetic(n_claims: int, seed: int = 7, name: str | None = None) -> tuple[str, str]:
    """(map YAML, essay text) of a synthetic map with n_claims claims (named synthetic-N unless name is given)."""
    rng = random.Random(seed)
    title = f"Synthetic map of {n_claims} claims" + (f" ({name})" if name else "")
    name = name or f"synthetic-{n_claims}"
    sentences: list[str] = []
    seen: set[str] = set()
    while len(sentences) < n_claims:
        words = [rng.choice(WORDS) for _ in range(rng.randint(9, 14))]
        words.insert(rng.randint(1, len(words) - 1), f"item{len(sentences)}")
        sentence = " ".join(words).capitalize() + "."
        if sentence not in seen:
            seen.add(sentence)
            sentences.append(sentence)
    paragraphs = [" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)]
    essay = f"Synthetic essay of {n_claims} claims\n\n" + "\n\n".join(paragraphs) + "\n"

    ids = [f"c{i:05d}" for i in range(n_claims)]
    implicit = set(rng.sample(range(1, n_claims), k=max(1, n_claims // 20))) if n_claims > 1 else set()
    lines = [
        "argmap: 1",
        f"id: {name}",
        f"title: {title}",
        "source:",
        f"  path: {name}.txt",
        f"thesis: [{ids[0]}]",
        "claims:",
    ]
    for i, claim_id in enumerate(ids):
        lines.append(f"  {claim_id}:")
        lines.append(f"    text: Claim number {i} about {rng.choice(WORDS)} and {rng.choice(WORDS)}.")
        if i in implicit:
            lines.append("    implicit: true")
        else:
            # a quote of 6 to 9 words from the middle of the claim's own sentence, id word included
            words = sentences[i].rstrip(".").split()
            marker = next(k for k, w in enumerate(words) if w == f"item{i}")
            start = max(0, min(marker - rng.randint(1, 4), len(words) - 6))
            lines.append(f"    quote: {' '.join(words[start : start + rng.randint(6, 9)])}")
        lines.append(f"    type: {rng.choice(['fact', 'interpretation', 'prediction', 'recommendation'])}")
    lines.append("arguments:")
    schemes = ["cause-to-effect", "example", "sign", "analogy", "practical-reasoning", "consequences"]
    # every claim but the thesis is a premise of an argument for an earlier claim: a tree, no circles
    i, n_args = 1, 0
    support_ids: list[str] = []
    while i < n_claims:
        size = min(rng.randint(1, 3), n_claims - i)
        premises = ids[i : i + size]
        conclusion = ids[rng.randint(max(0, i - 50), i - 1)]
        arg_id = f"a{n_args:05d}"
        lines.append(
            f"  {arg_id}: {{premises: [{', '.join(premises)}], conclusion: {conclusion}, "
            f"scheme: {rng.choice(schemes)}}}"
        )
        support_ids.append(arg_id)
        n_args += 1
        i += size
        if n_args % 9 == 0:  # one attack per nine supports: on a claim or on an argument
            target = rng.choice(support_ids) if rng.random() < 0.4 else ids[rng.randint(1, i - 1)]
            attacker = ids[rng.randint(1, i - 1)]
            if attacker != target:
                lines.append(f"  x{n_args:05d}: {{premises: [{attacker}], attacks: {target}}}")
    return "\n".join(lines) + "\n", essay


def write(n_claims: int, folder: Path, *, seed: int = 7, name: str | None = None) -> Path:
    """Write the map (NAME.yaml) and its essay (NAME.txt) into folder; the map's path."""
    folder.mkdir(parents=True, exist_ok=True)
    text, essay = synthetic(n_claims, seed, name)
    name = name or f"synthetic-{n_claims}"
    (folder / f"{name}.txt").write_text(essay, encoding="utf-8")
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_many(count: int, n_claims: int, folder: Path) -> list[Path]:
    """count different maps of n_claims claims each (map-0001 ...), as a folder for `argmap build`."""
    return [write(n_claims, folder, seed=i, name=f"map-{i:04d}") for i in range(1, count + 1)]


if __name__ == "__main__":
    if len(sys.argv) == 4:  # python benchmarks/generate.py COUNT N out/: COUNT maps of N claims
        print(len(write_many(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))), "maps")
    else:
        print(write(int(sys.argv[1]), Path(sys.argv[2])))
