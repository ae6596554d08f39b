"""Where the client stands among the firm's other clients (`--cohort`).

The comparison is made only with at least `minimum` other clients (never fewer than
five), after the client itself is left out, and shows only the client's percentile rank
and the cohort's median: never another client's name or figure. The section has no
chapter: the summary, the validation chapter, its chart and the handout show it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks.presenter import bilingual
from ...blocks.rubric import _
from ...blocks.section import COHORT, Section, json_number
from ...blocks.views import Bi, doc
from ...model import Answers, FrozenMap
from ...model.cohort import (
    CohortSource,
    Counts,
    distribution,
    filter_value,
    median,
    member_token,
    percentile,
    segment_key,
    without,
)

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter


@dataclass(frozen=True)
class Position:
    """The client's figure, its percentile rank in the cohort and the cohort's median."""

    value: Decimal
    percentile: int
    median: Decimal


@dataclass(frozen=True)
class CohortScore:
    size: int  # the other clients compared with (after the filters)
    minimum: int
    filters: tuple[tuple[str, str], ...]
    left_out: bool  # the client was in the cohort as given, and was left out of it
    positions: FrozenMap  # "total", "<dimension>", "<dimension>.<criterion>" -> Position
    # A cohort file keeps no figures for this filter (too few clients in it, or too few
    # outside it): the size is then unknown, not zero.
    withheld: bool = False

    @property
    def compared(self) -> bool:
        return self.size >= self.minimum


@dataclass(frozen=True)
class CohortHandout:
    line: Bi = doc("where the client stands among the firm's clients, in one sentence")


def _counts(source: CohortSource, me: Any) -> tuple[int, Mapping[str, Counts], bool]:
    """The cohort's size and distributions once the filters are applied and the client is
    left out, and whether it was in the cohort."""
    if source.from_file:
        segment = source.segments.get(segment_key(source.filters))
        if segment is None:  # a file keeps no segment of fewer clients than its minimum
            return -1, {}, False
        found = me.matches(source.filters) and (
            member_token(source.salt, me.key, me.values) in source.tokens
        )
        if not found:
            return segment.size, segment.counts, False
        counts = {k: without(c, me.values.get(k)) for k, c in segment.counts.items()}
        return segment.size - 1, counts, True
    others = [m for m in source.members if m.key != me.key and m.matches(source.filters)]
    counts = {k: distribution([m.values[k] for m in others if k in m.values]) for k in me.values}
    return len(others), counts, any(m.key == me.key for m in source.members)


class Cohort(Section[None, CohortScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "cohort"
    title = _("Among the firm's clients")
    order = 14
    chapter = False
    absent_is_gap = False
    handout_type = CohortHandout
    handout = 12  # after the total and the dimensions' chart
    depends = ("*",)  # every section's figures and facets (Section.compared, .facets)
    method = (
        (
            _("Among the firm's clients"),
            _(
                "The client is compared with the firm's other clients only, itself left out, and only when there are at least five of them: its percentile rank is the share of them scoring below it, those level with it counted half; the median is theirs. No other client's name or figure is shown."
            ),
        ),
    )

    def score(self, value: None, answers: Answers, results: dict[str, Any]) -> CohortScore | None:
        from .. import cohort_member, sections

        source: CohortSource | None = results.get(COHORT)
        if source is None:
            return None
        output = {s.id: s.to_json(results[s.id]).get(s.id) for s in sections() if s.id in results}
        me = cohort_member(answers.client.key, answers.client.industry, output)
        size, counts, left_out = _counts(source, me)
        if size < 0:
            return CohortScore(0, source.minimum, source.filters, False, FrozenMap(), True)
        positions: dict[str, Position] = {}
        if size >= source.minimum:
            for key, mine in me.values.items():
                c = counts.get(key, ())
                if sum(n for _v, n in c) >= source.minimum:
                    positions[key] = Position(mine, percentile(c, mine), median(c))
        return CohortScore(size, source.minimum, source.filters, left_out, FrozenMap(positions))

    def shown(self, result: CohortScore | None) -> bool:
        return result is not None

    def assessed(self, result: CohortScore | None) -> bool:
        return True

    def to_json(self, result: CohortScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        r = result

        def position(p: Position) -> dict[str, Any]:
            return {"percentile": p.percentile, "median": json_number(p.median)}

        out: dict[str, Any] = {
            "clients": None if r.withheld else r.size,
            "minimum": r.minimum,
            "filters": dict(r.filters),
            "compared": r.compared,
            "client_left_out": r.left_out,
        }
        if r.compared:
            pos = r.positions
            out["total"] = position(pos["total"]) if "total" in pos else None
            out["dimensions"] = {
                k: position(p) for k, p in pos.items() if "." not in k and k != "total"
            }
            out["criteria"] = {k: position(p) for k, p in pos.items() if "." in k}
        return {self.id: out}

    def score_rows(
        self, p: Presenter, result: CohortScore | None
    ) -> tuple[tuple[str, str, str], ...]:
        if result is None:
            return ()
        pos = result.positions.get("total")
        if pos is None:
            return ((p.t(self.title), "", lead(p, result)),)
        median = p.t(_("median %(median)s")) % {"median": p.f.number(pos.median)}
        rank = p.t(_("percentile rank %(percentile)s")) % {"percentile": p.f.number(pos.percentile)}
        return ((p.t(self.title), rank, median),)

    def handout_view(
        self, ps: Sequence[Presenter], result: CohortScore | None
    ) -> CohortHandout | None:
        if result is None:
            return None
        return CohortHandout(line=bilingual(ps, lead, result))


# A region filter's value in words (the expansion rubric's region ids), never the id itself.
REGION_WORDS = {
    "eu": _("markets in the European Union"),
    "apac": _("markets in Asia-Pacific"),
    "other": _("markets in other regions"),
}


def _filters(p: Presenter, r: CohortScore) -> str:
    """The filters in words: "industry Fintech, markets in Asia-Pacific"."""
    t = p.t
    words = {"industry": _("industry %(value)s"), "region": _("region %(value)s")}

    def word(k: str, v: str) -> str:
        if k == "region" and filter_value(v) in REGION_WORDS:
            return t(REGION_WORDS[filter_value(v)])
        return t(words[k]) % {"value": v} if k in words else f"{k} {v}"

    return p.f.list(word(k, v) for k, v in r.filters)


def lead(p: Presenter, r: CohortScore) -> str:
    """The summary's sentence (and the handout's): the total's percentile and the
    cohort's median, or why there is no comparison."""
    t, f = p.t, p.f
    if r.withheld:
        return t(
            _(
                "No comparison with the firm's other clients (%(filters)s): the group is too small for its figures to be shown."
            )
        ) % {"filters": _filters(p, r)}
    if not r.compared or "total" not in r.positions:
        values = {"count": f.number(r.size), "minimum": f.number(r.minimum)}
        # None has its own wording: "0 of them" reads as a form, not a finding.
        if r.filters and not r.size:
            values["filters"] = _filters(p, r)
            return (
                t(
                    _(
                        "No comparison with the firm's other clients: none of them matches the filters (%(filters)s), and a comparison takes at least %(minimum)s."
                    )
                )
                % values
            )
        if not r.size:
            return (
                t(
                    _(
                        "No comparison with the firm's other clients: the firm has assessed no other client yet, and a comparison takes at least %(minimum)s."
                    )
                )
                % values
            )
        if r.filters:
            values["filters"] = _filters(p, r)
            return (
                f.ngettext(
                    "No comparison with the firm's other clients: %(count)s of them matches the filters (%(filters)s), and a comparison takes at least %(minimum)s.",
                    "No comparison with the firm's other clients: %(count)s of them match the filters (%(filters)s), and a comparison takes at least %(minimum)s.",
                    r.size,
                )
                % values
            )
        return (
            f.ngettext(
                "No comparison with the firm's other clients: the cohort holds %(count)s other client, and a comparison takes at least %(minimum)s.",
                "No comparison with the firm's other clients: the cohort holds %(count)s other clients, and a comparison takes at least %(minimum)s.",
                r.size,
            )
            % values
        )
    total = r.positions["total"]
    values = {
        "count": f.number(r.size),
        "percentile": f.number(total.percentile),
        "median": f.number(total.median),
        "total": f.number(total.value),
    }
    if r.filters:
        values["filters"] = _filters(p, r)
        group = (
            f.ngettext(
                "%(count)s other client of the firm (%(filters)s)",
                "%(count)s other clients of the firm (%(filters)s)",
                r.size,
            )
            % values
        )
    else:
        group = (
            f.ngettext(
                "%(count)s other client of the firm", "%(count)s other clients of the firm", r.size
            )
            % values
        )
    values["group"] = group
    # At either end a rank reads better as words than as 0 or 100.
    if total.percentile == 0:
        message = _(
            "The total of %(total)s is below that of each of %(group)s, whose median total is %(median)s."
        )
    elif total.percentile == 100:
        message = _(
            "The total of %(total)s is above that of each of %(group)s, whose median total is %(median)s."
        )
    else:
        message = _(
            "Among %(group)s, the total of %(total)s has a percentile rank of %(percentile)s; their median total is %(median)s."
        )
    return t(message) % values


def dimension_line(p: Presenter, r: CohortScore | None, dimension: str, label: str) -> str | None:
    """A dimension's place in the cohort, in words; None without a comparison."""
    if r is None or not r.compared or dimension not in r.positions:
        return None
    pos = r.positions[dimension]
    return p.t(
        _(
            "%(dimension)s: a percentile rank of %(percentile)s among the firm's clients, whose median is %(median)s out of 40."
        )
    ) % {
        "dimension": label,
        "percentile": p.f.number(pos.percentile),
        "median": p.f.number(pos.median),
    }


def median_of(r: CohortScore | None, key: str) -> Decimal | None:
    """The cohort's median of a figure, for a chart's marker; None without a comparison."""
    if r is None or not r.compared or key not in r.positions:
        return None
    pos: Position = r.positions[key]
    return pos.median


SECTION = Cohort()
