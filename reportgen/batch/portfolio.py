"""The firm's portfolio from one batch run: where its clients stand, which weaknesses
recur, which advice is given most (summary.json's "portfolio", the index's dashboard).

Built from each input's score output (the JSON of `reportgen score`), as the manifest
keeps it, so a run with nothing to render computes it without parsing an answers file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from statistics import median
from typing import Any

# A criterion scored this or less is a weakness (the spec's first signal).
WEAK = 5
TOP_RECOMMENDATIONS = 10


def portfolio(scores: Iterable[Mapping[str, Any] | None]) -> dict[str, Any]:
    """The aggregates over the clients' score outputs (None: a file without scores)."""
    clients = [s for s in scores if s and isinstance(s.get("validation"), Mapping)]
    n = len(clients)
    bands = Counter(s["validation"]["band"] for s in clients)
    risks = Counter(
        (s.get("expansion") or {}).get("risk_tier") or "not_assessed" for s in clients
    )
    dimensions: dict[str, list[float]] = {}
    weak: Counter[str] = Counter()
    for s in clients:
        for d, dim in s["validation"]["dimensions"].items():
            dimensions.setdefault(d, []).append(dim["score"])
            for c, value in dim.get("criteria", {}).items():
                if value <= WEAK:
                    weak[f"{d}.{c}"] += 1
    advice = Counter(
        r["id"]
        for s in clients
        for r in s.get("recommendations", ())
        if r.get("audience", "client") == "client"
    )
    return {
        "clients": n,
        "bands": dict(sorted(bands.items())),
        "risk_tiers": dict(sorted(risks.items())),
        "dimensions": {
            d: {"min": min(v), "median": median(v), "max": max(v), "scores": sorted(v)}
            for d, v in dimensions.items()
        },
        "weak_criteria": {k: round(v / n, 4) for k, v in sorted(weak.items())} if n else {},
        "recommendations": [
            {"id": rid, "clients": count} for rid, count in advice.most_common(TOP_RECOMMENDATIONS)
        ],
    }


def latest_per_client(records: Iterable[Any]) -> list[Mapping[str, Any] | None]:
    """Each client's latest score output among the run's records (a client assessed
    several times counts once); records without a client key count each."""
    latest: dict[str, tuple[str, Any]] = {}
    out: list[Mapping[str, Any] | None] = []
    for r in records:
        if r.status == "failed":
            continue
        key = (r.summary or {}).get("client_key")
        date = (r.summary or {}).get("date") or ""
        if key is None:
            out.append(r.scores)
        elif key not in latest or date > latest[key][0]:
            latest[key] = (date, r.scores)
    return out + [scores for _date, scores in latest.values()]
