"""The present stage: Answers + Scores + locale -> ``ReportContext``, display-ready.

Templates receive only a ``ReportContext``: every label is translated, every number,
amount and date is formatted by Babel for the report's locale, and every band, tier
and lesson comes from the engine. Templates decide nothing; they lay out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from babel import Locale
from markupsafe import Markup

from . import __version__, charts, rubric
from .answers import Answers, FrozenMap
from .brand import Brand
from .i18n import Formatter, _
from .scoring import Scores

DIMENSION = rubric.by_id(rubric.DIMENSIONS)
TOTAL_BAND = rubric.by_id(rubric.TOTAL_BANDS)
DIMENSION_BAND = rubric.by_id(rubric.DIMENSION_BANDS)
ADVANTAGE = rubric.by_id(rubric.ADVANTAGE_TYPES)
TIER = rubric.by_id(rubric.SUSTAINABILITY_TIERS)
RISK_TIER = rubric.by_id(rubric.RISK_TIERS)
RISK_FACTOR = rubric.by_id(rubric.RISK_FACTORS)
MODEL = rubric.by_id(rubric.BUSINESS_MODELS)
PATTERN = rubric.by_id(rubric.PATTERNS)
FAMILY = rubric.by_id(rubric.PATTERN_FAMILIES)
POSITIONING = rubric.by_id(rubric.POSITIONINGS)
STREAM = rubric.by_id(rubric.REVENUE_STREAMS)
BENCHMARK = rubric.by_id(rubric.BENCHMARKS)
REGION = rubric.by_id(rubric.REGIONS)
COMPLIANCE = rubric.by_id(rubric.COMPLIANCE)
LESSON = rubric.by_id(rubric.LESSONS)
FAILURE = rubric.by_id(rubric.FAILURE_FACTORS)
CSF = rubric.by_id(rubric.CRITICAL_SUCCESS_FACTORS)
LOCALIZATION = rubric.by_id(rubric.LOCALIZATION)
LOCAL_TEAM = rubric.by_id(rubric.LOCAL_TEAM)
CRITERION = {i.id: i for d in rubric.DIMENSIONS for i in d.items}
ADVANTAGE_ITEM = {i.id: i for t in rubric.ADVANTAGE_TYPES for i in t.items}
MARKET_CRITERION = rubric.by_id(rubric.MARKET_CRITERIA)
PRICING_ITEM = rubric.by_id(rubric.PRICING_PROCESS.items)


# --- the context contract -----------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    """A band, tier or status: a CSS class (state, for colour and pattern) and its label."""

    css: str
    label: str


@dataclass(frozen=True)
class Cell:
    text: str
    badge: Badge | None = None
    numeric: bool = False
    strong: bool = False


@dataclass(frozen=True)
class Table:
    """Any table of the report: drawn by the one `table` macro."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    foot: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Chart:
    title: str
    svg: Markup


@dataclass(frozen=True)
class Note:
    """A consultant's note: paragraphs, each a tuple of lines (line breaks kept)."""

    paragraphs: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    client: str
    industry: str | None
    country: str | None
    assessor: str
    date: str
    languages: str


@dataclass(frozen=True)
class Summary:
    total: str
    max: str
    band: Badge
    interpretation: str
    strongest: str
    weakest: str
    risk: Badge
    recommendations: tuple[str, ...]  # the three most urgent
    note: Note | None


@dataclass(frozen=True)
class ValidationView:
    chart: Chart
    dimensions: tuple[Table, ...]
    totals: Table
    note: Note | None


@dataclass(frozen=True)
class AdvantagesView:
    chart: Chart
    table: Table
    items: Table
    layered: str
    note: Note | None


@dataclass(frozen=True)
class PatternView:
    label: str
    exemplar: str
    family: str
    phases: tuple[tuple[str, tuple[str, ...]], ...]  # (title, actions)
    metrics: tuple[str, ...]
    success_factors: tuple[str, ...]


@dataclass(frozen=True)
class BusinessModelView:
    model: str
    fit: str
    positioning: str
    positioning_explanation: str
    challenges: Table
    pattern: PatternView | None
    note: Note | None


@dataclass(frozen=True)
class MonetizationView:
    streams: Table
    checks: Table
    checklist: Table
    pricing_process: Table
    note: Note | None


@dataclass(frozen=True)
class ExpansionView:
    chart: Chart
    ranking: Table
    risk: Badge
    compliance: tuple[Table, ...]
    gaps: tuple[str, ...]  # one sentence per region with a planned market and gaps
    entry: Table
    note: Note | None


@dataclass(frozen=True)
class ChecklistView:
    table: Table
    summary: str
    note: Note | None


@dataclass(frozen=True)
class LessonsView:
    case_title: str
    case_summary: str
    factors: Table
    lessons: Table
    own: tuple[Note, ...]
    applying: tuple[tuple[str, str], ...]  # (lesson, why it applies), for the handout


@dataclass(frozen=True)
class Section:
    """A chapter of the report; id is its anchor, for the contents and the links."""

    id: str
    title: str
    assessed: bool


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template may use. A test checks templates use nothing else."""

    lang: str
    title: str  # the document title (PDF /Title)
    author: str  # the assessor (PDF /Author)
    page_label: str  # CSS content value for the footer: "Page N of M" in the locale
    generator: str
    cover: Cover
    sections: tuple[Section, ...]
    summary: Summary
    validation: ValidationView
    business_model: BusinessModelView | None
    advantages: AdvantagesView | None
    monetization: MonetizationView | None
    expansion: ExpansionView | None
    critical_success_factors: ChecklistView | None
    lessons: LessonsView
    recommendations: tuple[str, ...]  # all, most urgent first
    method: tuple[Table, ...]
    answers_given: Table
    labels: FrozenMap = field(default_factory=FrozenMap)  # short shared labels
    brand: Brand | None = None  # the firm's identity; None: the neutral reportgen style
    watermark: str | None = None  # "DRAFT" in the locale, on every page of a draft


# --- helpers ------------------------------------------------------------------------------


class _Presenter:
    def __init__(self, answers: Answers, scores: Scores, f: Formatter):
        self.a = answers
        self.s = scores
        self.f = f
        self.t = f.gettext

    def score(self, value: Decimal, maximum: Decimal | int) -> str:
        return self.t(_("%(score)s / %(max)s")) % {
            "score": self.f.number(value),
            "max": self.f.number(maximum),
        }

    def band(self, band_id: str, bands=TOTAL_BAND) -> Badge:
        return Badge(f"band-{band_id}", self.t(bands[band_id].label))

    def tier(self, tier_id: str) -> Badge:
        return Badge(f"tier-{tier_id}", self.t(TIER[tier_id].label))

    def risk(self, tier_id: str) -> Badge:
        return Badge(f"risk-{tier_id}", self.t(RISK_TIER[tier_id].label))

    def yes_no(self, value: bool | None) -> Badge:
        if value is None:
            return Badge("check-none", self.t(_("Not answered")))
        return Badge("check-yes", self.t(_("Yes"))) if value else Badge("check-no", self.t(_("No")))

    def note(self, section: str) -> Note | None:
        value = self.a.notes.get(section)
        return self.note_of(value) if value is not None else None

    def note_of(self, value) -> Note:
        if isinstance(value, FrozenMap):
            # The report's language first; else the other language's text rather than nothing.
            text = value.get(self.f.lang) or next(iter(value.values()))
        else:
            text = value
        paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        return Note(tuple(tuple(line for line in p.strip("\n").split("\n")) for p in paragraphs))

    def fill(self, message: str | rubric.Plural, params: dict, count=None) -> str:
        if isinstance(message, rubric.Plural):
            text = self.f.ngettext(message.singular, message.plural, int(count))
        else:
            text = self.t(message)
        return text % params if params else text

    def rec_params(self, rec) -> dict:
        out = {}
        for name, value in rec.params.items():
            if name in ("markets",):
                out[name] = self.f.list(value)
            elif name == "items":
                out[name] = self.f.list(inline(self.t(_item_label(i))) for i in value)
            elif name == "criteria":
                out[name] = self.f.list(inline(self.t(CRITERION[c].label)) for c in value)
            elif name == "dimension":
                out[name] = inline(self.t(DIMENSION[value].label))
            elif name == "advantage":
                out[name] = inline(self.t(ADVANTAGE[value].label))
            elif name == "region":
                out[name] = self.t(REGION[value].label)
            elif name == "benchmark":
                continue  # says how value, low and high are shown
            elif name in ("value", "low", "high"):
                out[name] = self.benchmark_value(rec.params["benchmark"], value)
            else:
                out[name] = self.f.number(value)
        return out

    def benchmark_value(self, benchmark_id: str, value) -> str:
        unit = BENCHMARK[benchmark_id].unit
        return self.f.percent(value) if unit == "percent" else self.f.number(value)

    def recommendation(self, rec) -> str:
        return self.fill(rubric.RECOMMENDATIONS[rec.id], self.rec_params(rec))


def inline(label: str) -> str:
    """A label placed inside a sentence: its first letter lowered, unless it starts an
    acronym or a name ("AI Act risk assessment", "GDPR ...")."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _item_label(item_id: str) -> str:
    for group in rubric.COMPLIANCE:
        for item in group.items:
            if item.id == item_id:
                return item.label
    return CSF[item_id].label


# --- sections -----------------------------------------------------------------------------


def _cover(p: _Presenter) -> Cover:
    a, t, f = p.a, p.t, p.f
    locale = Locale.parse(f.lang)
    names = [Locale.parse(lang).get_display_name(locale) for lang in a.assessment.languages]
    return Cover(
        title=t(_("AI Business Model Strategy Report")),
        subtitle=t(_("Business model validation, competitive advantages and expansion")),
        client=a.client.name,
        industry=a.client.industry,
        country=locale.territories.get(a.client.country) if a.client.country else None,
        assessor=a.assessment.assessor,
        date=f.date(a.assessment.date),
        languages=f.list(n[:1].upper() + n[1:] for n in names),
    )


def _summary(p: _Presenter) -> Summary:
    v, t = p.s.validation, p.t
    e = p.s.expansion
    return Summary(
        total=p.f.number(v.total),
        max=p.f.number(v.max),
        band=p.band(v.band),
        interpretation=t(TOTAL_BAND[v.band].meaning),
        strongest=t(DIMENSION[v.strongest].label),
        weakest=t(DIMENSION[v.weakest].label),
        risk=p.risk(e.risk_tier) if e is not None else Badge("risk-none", t(_("Not assessed"))),
        recommendations=tuple(p.recommendation(r) for r in p.s.top_recommendations),
        note=p.note("summary"),
    )


def _validation(p: _Presenter) -> ValidationView:
    v, t = p.s.validation, p.t
    dims = []
    for d in v.dimensions:
        rows = tuple(
            (
                Cell(t(CRITERION[c.id].label)),
                Cell(p.score(c.score, rubric.CRITERION_MAX), numeric=True),
            )
            for c in d.criteria
        )
        dims.append(
            Table(
                caption=t(DIMENSION[d.id].label),
                head=(t(_("Criterion")), t(_("Score"))),
                rows=rows,
                foot=(
                    Cell(
                        t(_("Dimension score")), badge=p.band(d.band, DIMENSION_BAND), strong=True
                    ),
                    Cell(p.score(d.score, d.max), numeric=True, strong=True),
                ),
            )
        )
    totals = Table(
        caption=t(_("Validation scores by dimension")),
        head=(t(_("Dimension")), t(_("Score")), t(_("Band"))),
        rows=tuple(
            (
                Cell(t(DIMENSION[d.id].label)),
                Cell(p.score(d.score, d.max), numeric=True),
                Cell("", badge=p.band(d.band, DIMENSION_BAND)),
            )
            for d in v.dimensions
        ),
        foot=(
            Cell(t(_("Total")), strong=True),
            Cell(p.score(v.total, v.max), numeric=True, strong=True),
            Cell("", badge=p.band(v.band)),
        ),
    )
    chart = _dimension_chart([p])
    return ValidationView(
        chart=Chart(t(_("Validation dimensions (out of 40)")), chart),
        dimensions=tuple(dims),
        totals=totals,
        note=p.note("validation"),
    )


def _dimension_chart(ps: list[_Presenter], row_height: int = charts.ROW) -> Markup:
    """The four validation dimensions; a second presenter adds its labels beneath."""
    first = ps[0]
    bars = []
    for d in first.s.validation.dimensions:
        label = first.t(DIMENSION[d.id].label)
        other = ps[1].t(DIMENSION[d.id].label) if len(ps) > 1 else label
        bars.append(
            charts.Bar(
                label,
                d.score,
                d.max,
                first.f.number(d.score),
                f"band-{d.band}",
                sublabel=other if other != label else None,
            )
        )
    return charts.bar_chart(
        bars,
        scale_max=rubric.DIMENSION_MAX,
        ticks=(0, 10, 20, 25, 30, 35, 40),
        tick_label=first.f.number,
        row_height=row_height,
    )


def _advantages(p: _Presenter) -> AdvantagesView | None:
    adv = p.s.advantages
    if adv is None:
        return None
    t, f = p.t, p.f
    table = Table(
        caption=t(_("Advantage strength and sustainability")),
        head=(t(_("Advantage type")), t(_("Score")), t(_("Sustainability")), t(_("Main risk"))),
        rows=tuple(
            (
                Cell(t(ADVANTAGE[a.id].label)),
                Cell(p.score(a.score, 10), numeric=True),
                Cell("", badge=p.tier(a.tier)),
                Cell(t(ADVANTAGE[a.id].risk)),
            )
            for a in adv.types
        ),
    )
    items = Table(
        caption=t(_("Advantage items as scored")),
        head=(t(_("Advantage type")), t(_("Item")), t(_("Score"))),
        rows=tuple(
            (
                Cell(t(ADVANTAGE[a.id].label) if i == 0 else ""),
                Cell(t(ADVANTAGE_ITEM[item.id].label)),
                Cell(p.score(item.score, 10), numeric=True),
            )
            for a in adv.types
            for i, item in enumerate(a.items)
        ),
    )
    if adv.layered:
        layered = t(
            _(
                "The advantages are layered: %(count)s types reach high sustainability, "
                "which makes the position hard to copy."
            )
        ) % {"count": f.number(adv.high_count)}
    else:
        layered = t(
            _(
                "The advantages are not yet layered: %(count)s types reach high sustainability, "
                "and at least 2 are needed."
            )
        ) % {"count": f.number(adv.high_count)}
    chart = charts.bar_chart(
        [
            charts.Bar(
                t(ADVANTAGE[a.id].label), a.score, Decimal(10), f.number(a.score), f"tier-{a.tier}"
            )
            for a in adv.types
        ],
        scale_max=Decimal(10),
        ticks=(0, 2, 4, 6, 7, 8, 10),
        tick_label=f.number,
    )
    return AdvantagesView(
        chart=Chart(t(_("Competitive advantages (out of 10)")), chart),
        table=table,
        items=items,
        layered=layered,
        note=p.note("advantages"),
    )


def _business_model(p: _Presenter) -> BusinessModelView | None:
    bm = p.s.business_model
    if bm is None:
        return None
    t = p.t
    model = MODEL[bm.type]
    pattern_view = None
    if bm.pattern:
        pat = PATTERN[bm.pattern]
        pattern_view = PatternView(
            label=t(pat.label),
            exemplar=pat.exemplar,
            family=t(FAMILY[pat.family].label),
            phases=tuple(
                (
                    t(ph.label) + (f" ({t(ph.period)})" if ph.period else ""),
                    tuple(t(a) for a in ph.actions),
                )
                for ph in pat.phases
            ),
            metrics=tuple(t(m) for m in pat.metrics),
            success_factors=tuple(t(s) for s in pat.success_factors),
        )
    return BusinessModelView(
        model=t(model.label),
        fit=t(model.fit),
        positioning=t(POSITIONING[bm.positioning].label),
        positioning_explanation=t(POSITIONING[bm.positioning].explanation),
        challenges=Table(
            caption=t(_("Challenges and scaling solutions")),
            head=(t(_("Challenge")), t(_("Scaling solution"))),
            rows=tuple((Cell(t(c.challenge)), Cell(t(c.solution))) for c in model.challenges),
        ),
        pattern=pattern_view,
        note=p.note("business_model"),
    )


_STATUS = {
    "within": ("check-yes", _("Within the benchmark")),
    "below": ("check-no", _("Below the benchmark")),
    "above": ("check-no", _("Above the benchmark")),
    "unassessed": ("check-none", _("Not answered")),
}


def _monetization(p: _Presenter) -> MonetizationView | None:
    m = p.s.monetization
    if m is None:
        return None
    t, f = p.t, p.f
    mix = dict(m.revenue_mix)
    streams = Table(
        caption=t(_("Revenue streams")),
        head=(t(_("Stream")), t(_("Role")), t(_("Share of revenue"))),
        rows=tuple(
            (
                Cell(t(STREAM[s].label)),
                Cell(t(_("Primary")) if s == m.primary_stream else t(_("Secondary"))),
                Cell(f.percent(mix[s]) if s in mix else "–", numeric=True),
            )
            for s in (*m.streams, *(s for s in mix if s not in m.streams))
        ),
    )
    checks = []
    for c in m.checks:
        low, high = p.benchmark_value(c.id, c.low), p.benchmark_value(c.id, c.high)
        css, label = _STATUS[c.status]
        checks.append(
            (
                Cell(t(BENCHMARK[c.id].label)),
                Cell(
                    p.benchmark_value(c.id, c.value) if c.value is not None else "–", numeric=True
                ),
                Cell(t(_("%(low)s to %(high)s")) % {"low": low, "high": high}, numeric=True),
                Cell("", badge=Badge(css, t(label))),
            )
        )
    checklist = Table(
        caption=t(_("Revenue model checklist")),
        head=(t(_("Item")), t(_("Answer"))),
        rows=(
            (
                Cell(t(rubric.MONETIZATION_CHECKS[0].label)),
                Cell("", badge=p.yes_no(m.pricing_validated)),
            ),
            (
                Cell(t(rubric.MONETIZATION_CHECKS[1].label)),
                Cell("", badge=p.yes_no(m.unit_economics_calculated)),
            ),
            (
                Cell(t(_("Estimated customer lifetime value"))),
                Cell(f.money(m.customer_ltv, p.a.assessment.currency), numeric=True),
            ),
        ),
    )
    process = Table(
        caption=t(rubric.PRICING_PROCESS.label),
        head=(t(_("Practice")), t(_("Purpose")), t(_("In place"))),
        rows=tuple(
            (
                Cell(t(PRICING_ITEM[i].label)),
                Cell(t(PRICING_ITEM[i].explanation)),
                Cell("", badge=p.yes_no(ok)),
            )
            for i, ok in m.pricing_process
        ),
    )
    return MonetizationView(
        streams=streams,
        checks=Table(
            caption=t(_("Targets against the benchmarks")),
            head=(t(_("Measure")), t(_("Answer")), t(_("Benchmark")), t(_("Result"))),
            rows=tuple(checks),
        ),
        checklist=checklist,
        pricing_process=process,
        note=p.note("monetization"),
    )


def _expansion(p: _Presenter) -> ExpansionView | None:
    e = p.s.expansion
    if e is None:
        return None
    t, f = p.t, p.f
    ranking = Table(
        caption=t(_("Markets ranked by priority score")),
        head=(
            t(_("Rank")),
            t(_("Market")),
            t(_("Region")),
            t(_("Priority score")),
            t(_("Risk tier")),
            t(_("Risk factors")),
        ),
        rows=tuple(
            (
                Cell(f.number(m.rank), numeric=True),
                Cell(m.name, strong=True),
                Cell(t(REGION[m.region].label)),
                Cell(p.score(m.score, m.max), numeric=True),
                Cell("", badge=p.risk(m.risk_tier)),
                Cell(
                    "; ".join(
                        t(_("%(factor)s (%(tier)s)"))
                        % {
                            "factor": t(RISK_FACTOR[r.id].label),
                            "tier": inline(t(RISK_TIER[r.tier].label)),
                        }
                        for r in m.risk_factors
                    )
                    or t(_("None listed"))
                ),
            )
            for m in e.markets
        ),
    )
    compliance, gaps = [], []
    for r in e.compliance:
        group = COMPLIANCE[r.region]
        status = (
            t(_("%(done)s of %(total)s in place"))
            % {"done": f.number(r.done), "total": f.number(r.total)}
            if r.assessed
            else t(_("Not assessed"))
        )
        planned = t(_("Market planned")) if r.market_planned else t(_("No market planned"))
        compliance.append(
            Table(
                caption=t(_("%(region)s: %(status)s; %(planned)s"))
                % {"region": t(group.label), "status": status, "planned": inline(planned)},
                head=(t(_("Requirement")), t(_("In place"))),
                rows=tuple(
                    (
                        Cell(t(next(i.label for i in group.items if i.id == item_id))),
                        Cell("", badge=p.yes_no(ok if r.assessed else None)),
                    )
                    for item_id, ok in r.items
                ),
            )
        )
        if r.gaps:
            gaps.append(
                t(_("Open compliance items for %(region)s, where a market is planned: %(items)s."))
                % {
                    "region": t(group.label),
                    "items": f.list(inline(t(_item_label(g))) for g in r.gaps),
                }
            )
    months = e.compliance_timeline_months
    entry = Table(
        caption=t(_("Entry strategy")),
        head=(t(_("Choice")), t(_("Answer"))),
        rows=(
            (Cell(t(rubric.ENTRY_STRATEGY[0].label)), Cell("", badge=p.yes_no(e.direct))),
            (Cell(t(rubric.ENTRY_STRATEGY[1].label)), Cell("", badge=p.yes_no(e.partnership))),
            (
                Cell(t(_("Localisation"))),
                Cell(f.list(t(LOCALIZATION[i].label) for i in e.localization)),
            ),
            (
                Cell(t(_("Compliance timeline"))),
                Cell(
                    t(_("%(months)s months")) % {"months": f.number(months)}
                    if months is not None
                    else "–"
                ),
            ),
            (Cell(t(_("Local team"))), Cell(f.list(t(LOCAL_TEAM[i].label) for i in e.local_team))),
            (
                Cell(t(_("Funding runway"))),
                Cell(
                    t(_("%(months)s months")) % {"months": f.number(e.runway_months)}
                    if e.runway_months is not None
                    else "–"
                ),
            ),
        ),
    )
    chart = charts.bar_chart(
        [
            charts.Bar(m.name, m.score, m.max, f.number(m.score), f"risk-{m.risk_tier}")
            for m in e.markets
        ],
        scale_max=rubric.MARKET_MAX,
        ticks=(0, 10, 20, 30, 40, 50),
        tick_label=f.number,
    )
    return ExpansionView(
        chart=Chart(t(_("Market priority scores (out of 50)")), chart),
        ranking=ranking,
        risk=p.risk(e.risk_tier),
        compliance=tuple(compliance),
        gaps=tuple(gaps),
        entry=entry,
        note=p.note("expansion"),
    )


def _csf(p: _Presenter) -> ChecklistView | None:
    c = p.s.critical_success_factors
    if c is None:
        return None
    t, f = p.t, p.f
    return ChecklistView(
        table=Table(
            caption=t(_("Critical success factors")),
            head=(t(_("Factor")), t(_("In place"))),
            rows=tuple((Cell(t(CSF[i].label)), Cell("", badge=p.yes_no(ok))) for i, ok in c.items),
        ),
        summary=t(_("%(met)s of %(total)s critical success factors are in place."))
        % {"met": f.number(c.met), "total": f.number(c.total)},
        note=p.note("critical_success_factors"),
    )


def _lessons(p: _Presenter) -> LessonsView:
    t, f = p.t, p.f
    has_expansion = p.s.expansion is not None
    factor_rows = []
    for r in p.s.failure_factors:
        item = FAILURE[r.id]
        if not has_expansion:
            evidence, badge = (
                t(_("Not assessed: no expansion section.")),
                Badge("check-none", t(_("Not assessed"))),
            )
        else:
            evidence = p.fill(
                rubric.FAILURE_EVIDENCE[(r.id, r.shows)],
                {"markets": f.list(r.markets), "count": f.number(r.count)},
            )
            badge = (
                Badge("check-no", t(_("Shows in these answers")))
                if r.shows
                else Badge("check-yes", t(_("Not shown")))
            )
        factor_rows.append(
            (
                Cell(t(item.label), strong=True),
                Cell(t(item.explanation)),
                Cell(evidence, badge=badge),
            )
        )
    lesson_rows, applying = [], []
    for x in p.s.lessons:
        key = ("*", x.reason) if x.reason == "no_expansion" else (x.id, x.reason)
        params = (
            {"count": f.number(x.value), "months": f.number(x.value)}
            if isinstance(x.value, Decimal | int) and not isinstance(x.value, bool)
            else {}
        )
        reason = p.fill(rubric.LESSON_REASONS[key], params, count=x.value)
        badge = (
            Badge("check-no", t(_("Applies")))
            if x.applies
            else Badge("check-yes", t(_("Does not apply")))
        )
        lesson_rows.append((Cell(t(LESSON[x.id].label), strong=True), Cell(reason, badge=badge)))
        if x.applies:
            applying.append((t(LESSON[x.id].label), reason))
    own = tuple(p.note_of(n) for n in p.a.notes.get("lessons", ()))
    return LessonsView(
        case_title=t(rubric.CASE_STUDY_TITLE),
        case_summary=t(rubric.CASE_STUDY_SUMMARY),
        factors=Table(
            caption=t(_("Failure factors of the case study, against these answers")),
            head=(t(_("Failure factor")), t(_("In the case study")), t(_("In these answers"))),
            rows=tuple(factor_rows),
        ),
        lessons=Table(
            caption=t(_("Lessons learned")),
            head=(t(_("Lesson")), t(_("For this client"))),
            rows=tuple(lesson_rows),
        ),
        own=own,
        applying=tuple(applying),
    )


# The appendix's method table: each score, and how it is computed.
METHOD_RULES = (
    (
        _("Dimension score"),
        _("The sum of its four criteria, each scored 0 to 10; out of 40."),
    ),
    (
        _("Total score"),
        _(
            "The sum of the four dimensions; out of 160. A total of 139.5 has not reached 140 and is good."
        ),
    ),
    (
        _("Advantage type score"),
        _(
            "The mean of its four items, each scored 1 to 10, rounded half up to one decimal; the tier is read from the rounded score."
        ),
    ),
    (
        _("Layered advantages"),
        _("At least two advantage types reach high sustainability."),
    ),
    (
        _("Market priority score"),
        _(
            "Regulatory environment + competitive landscape + cultural fit + market size + (11 - entry cost), each scored 1 to 10; out of 50. Entry cost is reverse-scored: 10 is the most expensive."
        ),
    ),
    (
        _("Market risk tier"),
        _(
            "The most severe tier among the market's risk factors; not assessed when none is listed. The expansion risk tier is the most severe market tier."
        ),
    ),
    (
        _("Lessons learned"),
        _(
            "A lesson applies when the answers show the mistake it warns against: more than 3 markets; a compliance timeline under 6 months; no partnership; a runway under 18 months."
        ),
    ),
    (
        _("Monetization benchmarks"),
        _(
            "Each target is compared with the benchmark range of the table below; a value on a bound is within the benchmark."
        ),
    ),
    (
        _("Recommendations"),
        _(
            "Ranked by urgency: legal exposure and business survival first, then what blocks scaling, then what weakens the model."
        ),
    ),
)


def _method(p: _Presenter) -> tuple[Table, ...]:
    t, f = p.t, p.f

    def bands_table(caption: str, bands, maximum: Decimal, css="band", heading=None) -> Table:
        rows = []
        upper = maximum  # each band runs from its minimum up to the next band's minimum
        for b in bands:
            if b.minimum is None:
                span = t(_("below %(min)s")) % {"min": f.number(upper)}
            else:
                # The top band includes its maximum; the others stop short of the next band.
                message = (
                    _("%(low)s to %(high)s") if upper == maximum else _("%(low)s to under %(high)s")
                )
                span = t(message) % {"low": f.number(b.minimum), "high": f.number(upper)}
                upper = b.minimum
            badge = Badge(f"{css}-{b.id}", t(b.label))
            rows.append((Cell(span, numeric=True), Cell("", badge=badge), Cell(t(b.meaning))))
        head = (t(_("Score")), heading or t(_("Band")), t(_("Meaning")))
        return Table(caption, head, tuple(rows))

    tiers = bands_table(
        t(_("Sustainability tiers (advantage type score, out of 10)")),
        rubric.SUSTAINABILITY_TIERS,
        Decimal(10),
        css="tier",
        heading=t(_("Tier")),
    )
    rules = Table(
        t(_("How each score is computed")),
        (t(_("Score")), t(_("Method"))),
        tuple((Cell(t(score)), Cell(t(method))) for score, method in METHOD_RULES),
    )
    return (
        rules,
        Table(
            t(_("Monetization benchmarks")),
            (t(_("Measure")), t(_("Benchmark")), t(_("Source"))),
            tuple(
                (
                    Cell(t(b.label)),
                    Cell(
                        t(_("%(low)s to %(high)s"))
                        % {
                            "low": p.benchmark_value(b.id, b.low),
                            "high": p.benchmark_value(b.id, b.high),
                        },
                        numeric=True,
                    ),
                    Cell(t(b.explanation)),
                )
                for b in rubric.BENCHMARKS
            ),
        ),
        bands_table(
            t(_("Total score bands (out of 160)")), rubric.TOTAL_BANDS, rubric.VALIDATION_MAX
        ),
        bands_table(
            t(_("Dimension bands (out of 40)")), rubric.DIMENSION_BANDS, rubric.DIMENSION_MAX
        ),
        tiers,
    )


def _answers_given(p: _Presenter) -> Table:
    """The answers as given, one row per answered value, with its key path."""
    rows = []

    def show(value) -> str:
        if isinstance(value, bool):
            return p.t(_("Yes")) if value else p.t(_("No"))
        if isinstance(value, Decimal):
            return p.f.number(value)
        if isinstance(value, dt.date):
            return p.f.date(value)
        if isinstance(value, tuple | list):
            return ", ".join(show(v) for v in value) if value else "–"
        if value is None:
            return "–"
        return str(value)

    def walk(prefix: str, value) -> None:
        if hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(f"{prefix}.{name}" if prefix else name, getattr(value, name))
        elif isinstance(value, FrozenMap):
            for k, v in value.items():
                walk(f"{prefix}.{k}", v)
        elif isinstance(value, tuple) and value and hasattr(value[0], "__dataclass_fields__"):
            for i, v in enumerate(value):
                walk(f"{prefix}[{i}]", v)
        else:
            rows.append((Cell(prefix), Cell(show(value))))

    a = p.a
    for name in (
        "client",
        "assessment",
        "business_model",
        "validation",
        "advantages",
        "monetization",
        "expansion",
        "critical_success_factors",
    ):
        value = getattr(a, name)
        if value is not None:
            walk(name, value)
    return Table(p.t(_("Answers as given")), (p.t(_("Key")), p.t(_("Answer"))), tuple(rows))


def build_context(
    answers: Answers, scores: Scores, lang: str, brand: Brand | None = None, draft: bool = False
) -> ReportContext:
    f = Formatter(lang)
    p = _Presenter(answers, scores, f)
    t = f.gettext
    views = dict(
        business_model=_business_model(p),
        advantages=_advantages(p),
        monetization=_monetization(p),
        expansion=_expansion(p),
        critical_success_factors=_csf(p),
    )
    sections = (
        Section("summary", t(_("Executive summary")), True),
        Section("validation", t(_("Business model validation")), True),
        Section(
            "business-model",
            t(_("Business model and success pattern")),
            views["business_model"] is not None,
        ),
        Section("advantages", t(_("Competitive advantages")), views["advantages"] is not None),
        Section("monetization", t(_("Monetization")), views["monetization"] is not None),
        Section("expansion", t(_("International expansion")), views["expansion"] is not None),
        Section(
            "success-factors",
            t(_("Critical success factors")),
            views["critical_success_factors"] is not None,
        ),
        Section("lessons", t(_("Lessons learned")), True),
        Section("recommendations", t(_("Recommendations")), True),
        Section("appendix", t(_("Appendix: method and answers")), True),
    )
    page = t(_("Page %(page)s of %(pages)s"))
    return ReportContext(
        lang=lang,
        title=t(_("%(client)s: AI business model strategy report"))
        % {"client": answers.client.name},
        author=answers.assessment.assessor,
        page_label=_css_content(page, {"page": "counter(page)", "pages": "counter(pages)"}),
        generator=f"reportgen {__version__}",
        cover=_cover(p),
        sections=sections,
        summary=_summary(p),
        validation=_validation(p),
        lessons=_lessons(p),
        recommendations=tuple(p.recommendation(r) for r in scores.recommendations),
        method=_method(p),
        answers_given=_answers_given(p),
        labels=FrozenMap(
            contents=t(_("Contents")),
            not_assessed=t(_("Not assessed")),
            not_assessed_text=t(
                _(
                    "This section was not part of the assessment: the answers file does not include it."
                )
            ),
            consultant_note=t(_("Consultant's note")),
            prepared_for=t(_("Prepared for")),
            assessor=t(_("Assessor")),
            date=t(_("Date")),
            languages=t(_("Languages")),
            industry=t(_("Industry")),
            country=t(_("Country")),
            total_score=t(_("Total score")),
            strongest=t(_("Strongest dimension")),
            weakest=t(_("Weakest dimension")),
            expansion_risk=t(_("Expansion risk")),
            top_recommendations=t(_("The most urgent recommendations")),
            business_model=t(_("Business model")),
            positioning=t(_("Positioning")),
            pattern=t(_("Success pattern")),
            exemplar=t(_("Reference case")),
            pattern_family=t(_("Pattern group")),
            phases=t(_("Phases")),
            metrics=t(_("Validated metrics")),
            success_factors=t(_("Critical success factors of the pattern")),
            no_pattern=t(_("No success pattern was chosen.")),
            own_lessons=t(_("The consultant's own lessons")),
            no_own_lessons=t(_("The consultant added no lessons of their own.")),
            all_recommendations=t(_("All recommendations, most urgent first")),
            method=t(_("How the scores are computed")),
            generated_by=t(_("Generated by %(generator)s"))
            % {"generator": f"reportgen {__version__}"},
        ),
        brand=brand,
        watermark=t(_("DRAFT")) if draft else None,
        **views,
    )


def _css_content(message: str, values: dict[str, str]) -> str:
    """A translated sentence with placeholders -> a CSS `content` value (strings and counters)."""
    import re

    parts = []
    for i, piece in enumerate(re.split(r"%\((\w+)\)s", message)):
        if i % 2:
            parts.append(values[piece])
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)


def score_lines(s: Scores, f: Formatter) -> str:
    """The terminal table of `reportgen score --format text`."""
    t = f.gettext
    rows: list[tuple[str, str, str]] = [(t(_("Section")), t(_("Score")), t(_("Result")))]
    v = s.validation
    for d in v.dimensions:
        rows.append(
            (
                t(DIMENSION[d.id].label),
                f"{f.number(d.score)}/{f.number(d.max)}",
                t(DIMENSION_BAND[d.band].label),
            )
        )
    rows.append(
        (t(_("Total")), f"{f.number(v.total)}/{f.number(v.max)}", t(TOTAL_BAND[v.band].label))
    )
    if s.advantages is not None:
        for a in s.advantages.types:
            rows.append(
                (t(ADVANTAGE[a.id].label), f"{f.number(a.score)}/10", t(TIER[a.tier].label))
            )
    if s.expansion is not None:
        for m in s.expansion.markets:
            rows.append(
                (m.name, f"{f.number(m.score)}/{f.number(m.max)}", t(RISK_TIER[m.risk_tier].label))
            )
        rows.append((t(_("Expansion risk")), "", t(RISK_TIER[s.expansion.risk_tier].label)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{a:<{widths[0]}}  {b:>{widths[1]}}  {c}" for a, b, c in rows]
    lines.insert(1, "-" * (sum(widths) + 4))
    return "\n".join(lines)


# --- the handout ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bi:
    """A text in the handout's language and, in a bilingual handout, the English beneath it."""

    text: str
    alt: str | None = None


@dataclass(frozen=True)
class HandoutRow:
    label: Bi
    css: str  # the badge's state class
    badge: Bi
    detail: Bi | None = None


@dataclass(frozen=True)
class HandoutContext:
    """Everything the handout template may use (one language, or Vietnamese over English)."""

    lang: str
    title: str
    author: str
    page_label: str
    brand: Brand | None
    watermark: Bi | None
    heading: Bi
    client: str
    byline: Bi  # date and assessor
    labels: FrozenMap  # name -> Bi
    total: str
    max: str
    band: HandoutRow
    chart: Markup
    advantages: tuple[HandoutRow, ...] | None
    risk: HandoutRow
    recommendations: tuple[Bi, ...]
    lessons: tuple[tuple[Bi, Bi], ...]  # (lesson, why it applies to these answers)


def build_handout(
    answers: Answers,
    scores: Scores,
    langs: tuple[str, ...],
    brand: Brand | None = None,
    draft: bool = False,
) -> HandoutContext:
    """langs: one language, or two for a bilingual handout (the first on top)."""
    ps = [_Presenter(answers, scores, Formatter(lang)) for lang in langs]
    summaries = [_summary(p) for p in ps]
    lessons = [_lessons(p) for p in ps]

    def bi(texts) -> Bi:
        texts = list(texts)
        alt = texts[1] if len(texts) > 1 and texts[1] != texts[0] else None
        return Bi(texts[0], alt)

    def msg(message: str, **params) -> Bi:
        return bi(p.t(message) % params if params else p.t(message) for p in ps)

    first = ps[0]
    f = first.f
    v = scores.validation
    chart = _dimension_chart(ps, row_height=34)  # a handout keeps its two pages
    advantages = None
    if scores.advantages is not None:
        advantages = tuple(
            HandoutRow(
                label=bi(p.t(ADVANTAGE[a.id].label) for p in ps),
                css=f"tier-{a.tier}",
                badge=bi(p.t(TIER[a.tier].label) for p in ps),
                detail=Bi(first.score(a.score, 10)),
            )
            for a in scores.advantages.types
        )
    e = scores.expansion
    risk_id = e.risk_tier if e is not None else None
    return HandoutContext(
        lang=langs[0],
        title=first.t(_("%(client)s: AI business model handout")) % {"client": answers.client.name},
        author=answers.assessment.assessor,
        page_label=_css_content(
            first.t(_("Page %(page)s of %(pages)s")),
            {"page": "counter(page)", "pages": "counter(pages)"},
        ),
        brand=brand,
        watermark=msg(_("DRAFT")) if draft else None,
        heading=msg(_("AI business model: assessment at a glance")),
        client=answers.client.name,
        byline=bi(
            p.t(_("Assessed on %(date)s by %(assessor)s"))
            % {"date": p.f.date(answers.assessment.date), "assessor": answers.assessment.assessor}
            for p in ps
        ),
        labels=FrozenMap(
            total_score=msg(_("Total score")),
            dimensions=msg(_("Validation dimensions (out of 40)")),
            advantages=msg(_("Competitive advantages")),
            expansion_risk=msg(_("Expansion risk")),
            top_recommendations=msg(_("The most urgent recommendations")),
            lessons=msg(_("Lessons from the case study that apply")),
            no_lessons=msg(_("None of the case study's lessons applies to these answers.")),
            not_assessed=msg(_("Not assessed")),
        ),
        total=f.number(v.total),
        max=f.number(v.max),
        band=HandoutRow(
            label=msg(_("Total score")),
            css=f"band-{v.band}",
            badge=bi(s.band.label for s in summaries),
            detail=bi(s.interpretation for s in summaries),
        ),
        chart=chart,
        advantages=advantages,
        risk=HandoutRow(
            label=msg(_("Expansion risk")),
            css=f"risk-{risk_id}" if risk_id else "risk-none",
            badge=bi(s.risk.label for s in summaries),
        ),
        recommendations=tuple(
            bi(texts) for texts in zip(*(s.recommendations for s in summaries), strict=True)
        ),
        lessons=tuple(
            (bi(pair[0] for pair in rows), bi(pair[1] for pair in rows))
            for rows in zip(*(x.applying for x in lessons), strict=True)
        ),
    )
