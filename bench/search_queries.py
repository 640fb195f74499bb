"""The search benchmark's queries: chosen with a fixed seed from the words of the synthetic records.

Document frequencies come from the peer's FTS5 index (fts5vocab), which holds the same tokens as
Caravan's index, so "common", "rare" and "broad" are measured, not guessed. Chinese words come
from the Chinese titles the records were made from, half of them written in Traditional
characters (the index holds Simplified: the analyzer folds both).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bench.search_corpus import HAN, Pools

BROAD_SHARE = 0.30
# Kind -> how many queries of it.
PLAN = {
    "common word": 35,
    "rare word": 35,
    "two words": 22,
    "phrase": 25,
    "zh 2-char": 30,
    "zh 4-char": 25,
    "ru/ar/hy": 15,
    "mixed script": 13,
}
MAX_BROAD_CANDIDATES = 30
_LATIN = re.compile(r"[a-z]{3,}")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
_OTHER_SCRIPTS = {
    "ru": re.compile(r"[\u0400-\u04ff]{3,}"),
    "ar": re.compile(r"[\u0600-\u06ff]{3,}"),
    "hy": re.compile(r"[\u0530-\u058f]{3,}"),
}
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
_BROAD_WORD = re.compile(r"[a-z]{2,}")


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    q: str

    @property
    def broad(self) -> bool:
        return self.kind == "broad"


def choose_queries(
    frequencies: Sequence[tuple[str, int]], documents: int, pools: Pools, *, seed: int
) -> list[BenchQuery]:
    """200 queries of every kind, then candidates for broad ones (over 30% of the documents)."""
    from opencc import OpenCC

    traditional = OpenCC("s2t").convert
    chooser = random.Random(seed)
    ordered = sorted(frequencies)
    latin = [(term, n) for term, n in ordered if _LATIN.fullmatch(term)]
    common = [term for term, n in latin if 0.002 * documents <= n <= 0.08 * documents]
    rare = [term for term, n in latin if 2 <= n <= max(3, documents // 20_000)]
    queries = [BenchQuery("common word", term) for term in _sample(chooser, common, "common word")]
    queries += [BenchQuery("rare word", term) for term in _sample(chooser, rare, "rare word")]
    pairs = [
        f"{chooser.choice(common)} {chooser.choice(common if n % 2 else rare)}"
        for n in range(PLAN["two words"])
    ]
    queries += [BenchQuery("two words", text) for text in pairs]
    queries += [BenchQuery("phrase", text) for text in _phrases(chooser, pools)]
    han = sorted((term for term, n in ordered if _HAN_PAIR.fullmatch(term) and n >= 3), key=str)
    for number, term in enumerate(_sample(chooser, han, "zh 2-char")):
        queries.append(BenchQuery("zh 2-char", traditional(term) if number % 2 else term))
    queries += [BenchQuery("zh 4-char", text) for text in _four_characters(chooser, pools)]
    queries += [BenchQuery("ru/ar/hy", text) for text in _other_scripts(chooser, ordered)]
    queries += [BenchQuery("mixed script", text) for text in _mixed(chooser, pools)]
    queries += [BenchQuery("broad", text) for text in _broad(ordered, documents)]
    return queries


def _sample(chooser: random.Random, population: list[str], kind: str) -> list[str]:
    wanted = PLAN[kind]
    if len(population) < wanted:
        raise RuntimeError(f"too few {kind} candidates ({len(population)}) for {wanted} queries")
    return chooser.sample(population, wanted)


def _phrases(chooser: random.Random, pools: Pools) -> list[str]:
    """Two or three consecutive words of a title or a description, quoted."""
    found: list[str] = []
    while len(found) < PLAN["phrase"]:
        if len(found) % 2:
            words = chooser.choice(pools.english_texts)
        else:
            words = chooser.choice(pools.english_titles).split()
        length = 2 if len(found) % 3 else 3
        start = chooser.randrange(max(1, len(words) - length + 1))
        window = words[start : start + length]
        if len(window) == length and all(_ENGLISH_WORD.fullmatch(word) for word in window):
            found.append('"' + " ".join(window).lower() + '"')
    return found


def _four_characters(chooser: random.Random, pools: Pools) -> list[str]:
    from opencc import OpenCC

    simplified = OpenCC("t2s").convert
    runs = [
        run
        for _, chinese in pools.chinese_titles
        for run in re.findall(r"[\u4e00-\u9fff]{4,}", chinese)
    ]
    found: list[str] = []
    while len(found) < PLAN["zh 4-char"]:
        run = chooser.choice(runs)
        start = chooser.randrange(len(run) - 3)
        word = run[start : start + 4]
        found.append(simplified(word) if len(found) % 2 else word)
    return found


def _other_scripts(chooser: random.Random, ordered: Sequence[tuple[str, int]]) -> list[str]:
    found: list[str] = []
    share = {"ru": 6, "ar": 5, "hy": 4}
    for lang, pattern in _OTHER_SCRIPTS.items():
        candidates = [term for term, n in ordered if pattern.fullmatch(term) and n >= 3]
        found += chooser.sample(candidates, min(share[lang], len(candidates)))
    return found


def _mixed(chooser: random.Random, pools: Pools) -> list[str]:
    """An English word and a Chinese word of the same CIT title ("landscape 山水")."""
    pairs = [(english, chinese) for english, chinese in pools.chinese_titles if english]
    found: list[str] = []
    while len(found) < PLAN["mixed script"]:
        english, chinese = chooser.choice(pairs)
        words = [word for word in _ENGLISH_WORD.findall(english) if len(word) > 3]
        runs = [run for run in re.findall(r"[\u4e00-\u9fff]{2,}", chinese) if HAN.search(run)]
        if words and runs:
            run = chooser.choice(runs)
            start = chooser.randrange(len(run) - 1)
            found.append(f"{chooser.choice(words).lower()} {run[start : start + 2]}")
    return found


def _broad(ordered: Sequence[tuple[str, int]], documents: int) -> list[str]:
    """Candidates: every word in over 30% of the documents, pairs and triples of them, and the
    empty query (browse). Several words may match fewer documents than each: the benchmark
    measures each candidate's share and keeps those over 30%."""
    by_frequency = sorted(ordered, key=lambda item: (-item[1], item[0]))
    words = [
        term
        for term, n in by_frequency
        if n > BROAD_SHARE * documents and _BROAD_WORD.fullmatch(term)
    ][:8]
    pairs = [f"{a} {b}" for a in words for b in words if a < b]
    triples = [f"{a} {b} {c}" for a in words for b in words for c in words if a < b < c]
    return ["", *words, *pairs, *triples][:MAX_BROAD_CANDIDATES]
