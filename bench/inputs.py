"""Benchmark inputs, built deterministically from the drafts the project ships.

Every input is a function of the drafts in ``examples/`` and ``bench/drafts/``
and a fixed seed, so two runs (or two machines) lint the same bytes. A draft is
cut into its greeting, body paragraphs and sign-off; new drafts are a greeting,
body paragraphs drawn with a seeded generator until the word target is reached,
and a sign-off.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFT_DIRS = (ROOT / "examples", ROOT / "bench" / "drafts")
MIB = 1 << 20
SEED = 20261127


@dataclass(frozen=True)
class Pool:
    greetings: tuple[str, ...]
    bodies: tuple[str, ...]
    signoffs: tuple[str, ...]


def shipped_drafts() -> list[Path]:
    """Plain-text drafts under examples/ and bench/drafts/, sorted (stable order)."""
    return sorted(p for d in DRAFT_DIRS if d.is_dir() for p in d.rglob("*.txt"))


def pool(paths: list[Path] | None = None) -> Pool:
    greetings, bodies, signoffs = [], [], []
    for path in paths or shipped_drafts():
        paras = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip()]
        if len(paras) < 3:
            bodies += paras
            continue
        greetings.append(paras[0])
        bodies += paras[1:-1]
        signoffs.append(paras[-1])
    if not bodies:
        raise SystemExit("bench: no drafts found under examples/ or bench/drafts/")
    return Pool(tuple(greetings or ["Hello,"]), tuple(bodies), tuple(signoffs or ["Regards"]))


def words(text: str) -> int:
    return len(text.split())


def draft(rng: random.Random, p: Pool, target: int) -> str:
    """A draft of about ``target`` words: greeting, bodies, sign-off."""
    parts = [rng.choice(p.greetings)]
    closing = rng.choice(p.signoffs)
    n = words(parts[0]) + words(closing)
    while n < target:
        body = rng.choice(p.bodies)
        parts.append(body)
        n += words(body)
    parts.append(closing)
    return "\n\n".join(parts) + "\n"


def one_draft(out: Path, target: int = 250) -> list[Path]:
    rng, p = random.Random(SEED), pool()
    text = min((draft(rng, p, target) for _ in range(50)), key=lambda t: abs(words(t) - target))
    path = out / "draft.txt"
    path.write_text(text, encoding="utf-8")
    return [path]


def many_drafts(out: Path, count: int = 1000, low: int = 100, high: int = 400) -> list[Path]:
    """``count`` drafts of ``low``-``high`` words, in nested folders like a template repo."""
    rng, p = random.Random(SEED + 1), pool()
    paths = []
    for i in range(count):
        folder = out / f"team-{i % 10:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"template-{i:04d}.txt"
        path.write_text(draft(rng, p, rng.randint(low, high)), encoding="utf-8")
        paths.append(path)
    return paths


def prose(out: Path, size: int, name: str = "prose.txt") -> list[Path]:
    """One file of at least ``size`` bytes: drafts one after another, then cut at a
    paragraph boundary so every input is whole text."""
    rng, p = random.Random(SEED + 2), pool()
    path = out / name
    written = 0
    with path.open("w", encoding="utf-8") as f:
        while written < size:
            chunk = draft(rng, p, rng.randint(100, 400)) + "\n"
            f.write(chunk)
            written += len(chunk.encode("utf-8"))
    return [path]


# A generated pack's phrases: a word of the drafts' own vocabulary (each
# distinct word as likely as another, as the first words of real phrase lists
# are), then a word that is not English, so the first half matches often (the
# engine has to look) and the second almost never (the findings stay those of
# the built-in rules).
_ONSETS = ("bl", "qu", "zr", "vr", "gl", "sn", "dr", "kw", "fl", "pr", "tw", "sk")
_NUCLEI = ("a", "o", "e", "i", "u", "oo", "ai")
_CODAS = ("rb", "ndle", "mp", "zz", "lk", "rt", "x", "ff")


def user_pack(out: Path, patterns: int, per_rule: int = 20) -> Path:
    """A rule-pack folder with ``patterns`` phrase patterns, as ``--rules`` takes it."""
    rng = random.Random(SEED + 3)
    vocabulary = sorted({w.lower() for p in shipped_drafts()
                         for w in re.findall(r"[A-Za-z]{2,}", p.read_text(encoding="utf-8"))})
    folder = out / "user-pack"
    (folder / "en").mkdir(parents=True, exist_ok=True)
    lines = ["rules:"]
    seen: set[str] = set()
    made = 0
    rule = 0
    while made < patterns:
        lines += [
            f"  - id: generated.rule-{rule:04d}",
            f"    code: TL{9000 + rule}",
            "    kind: phrase",
            "    category: generated",
            "    severity: info",
            "    message: \"{match} is a generated phrase.\"",
            "    patterns:",
        ]
        for _ in range(min(per_rule, patterns - made)):
            while True:
                pseudo = rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS)
                pattern = f"{rng.choice(vocabulary)} {pseudo}(?:s|ed|ing)?"
                if pattern not in seen:
                    break
            seen.add(pattern)
            lines.append(f"      - \"{pattern}\"")
            made += 1
        example = lines[-1].strip()[3:-1].split("(")[0]
        lines += ["    examples:", f"      flag: [\"{example}\"]", "      pass: [\"Nothing here.\"]"]
        rule += 1
    (folder / "en" / "generated.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def builtin_phrase_patterns(lang: str = "en") -> int:
    """How many phrase patterns the built-in pack has (patterns, exceptions, swaps)."""
    import yaml

    total = 0
    for path in sorted((ROOT / "rules" / lang).glob("*.y*ml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            for key in ("patterns", "exceptions", "swap"):
                value = rule.get(key) or []
                total += 1 if isinstance(value, str) else len(value)
    return total
