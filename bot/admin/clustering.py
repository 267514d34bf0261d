"""Group unmet requests that ask the same thing in different words.

Each text is compared in two views: the folded text (no diacritics, case, punctuation: "xin visa
di nhat" = "Xin visa đi Nhật!") and the normaliser's output (abbreviations expanded, stop-phrases
such as "cho em hỏi… ạ" dropped). Two texts are similar when either view scores at least the
threshold with rapidfuzz's ``WRatio`` (which also credits one text contained in the other).

Clustering is greedy and deterministic: distinct texts, most frequent first, each join the most
similar cluster leader at or above the threshold, or start a cluster of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from knowledge.normalize import Normalizer, default_normalizer
from knowledge.text import key

T = TypeVar("T")
THRESHOLD = 88.0


@dataclass(frozen=True)
class Views:
    folded: str
    normalised: str


def views(text: str, normalizer: Normalizer | None = None) -> Views:
    norm = (normalizer or default_normalizer()).normalize(text)
    return Views(key(text), norm.folded)


def similarity(a: str, b: str, normalizer: Normalizer | None = None) -> float:
    """0-100: how alike two texts are, as the clustering sees it."""
    va, vb = views(a, normalizer), views(b, normalizer)
    return max(_score(va.folded, vb.folded), _score(va.normalised, vb.normalised))


def _score(a: str, b: str) -> float:
    return float(fuzz.WRatio(a, b)) if a and b else 0.0


@dataclass(frozen=True)
class Cluster(Generic[T]):
    """Members in input order; ``leader`` is the most frequent phrasing (earliest on a tie)."""

    leader: T
    members: tuple[T, ...]

    @property
    def size(self) -> int:
        return len(self.members)


def cluster(
    items: Sequence[T],
    text_of: Callable[[T], str],
    threshold: float = THRESHOLD,
    normalizer: Normalizer | None = None,
) -> list[Cluster[T]]:
    """Clusters of ``items``, biggest first (then by first appearance in ``items``)."""
    normalizer = normalizer or default_normalizer()
    by_key: dict[str, list[int]] = {}  # folded text → positions in items
    seen: dict[str, Views] = {}
    for position, item in enumerate(items):
        text = text_of(item)
        folded = key(text)
        by_key.setdefault(folded, []).append(position)
        if folded not in seen:
            seen[folded] = views(text, normalizer)
    order = sorted(by_key, key=lambda k: (-len(by_key[k]), by_key[k][0]))
    leaders: list[str] = []  # folded texts leading a cluster
    lead_folded: list[str] = []
    lead_norm: list[str] = []
    groups: dict[str, list[int]] = {}
    for folded in order:
        mine = seen[folded]
        best: tuple[float, int] | None = None
        for choices, query in ((lead_folded, mine.folded), (lead_norm, mine.normalised)):
            if not query or not choices:
                continue
            found = process.extractOne(
                query, choices, scorer=fuzz.WRatio, processor=None, score_cutoff=threshold
            )
            if found is not None and (best is None or (found[1], -found[2]) > (best[0], -best[1])):
                best = (float(found[1]), int(found[2]))
        if best is None:
            leaders.append(folded)
            lead_folded.append(mine.folded)
            lead_norm.append(mine.normalised)
            groups[folded] = list(by_key[folded])
        else:
            groups[leaders[best[1]]].extend(by_key[folded])
    clusters = [
        Cluster(items[by_key[lead][0]], tuple(items[i] for i in sorted(groups[lead])))
        for lead in leaders
    ]
    clusters.sort(key=lambda c: -c.size)  # stable: ties keep the leaders' order
    return clusters
