"""A section of the answers file and of the report, declared once.

Each framework (validation, advantages, expansion, ...) is one ``Section`` subclass
in its own module. Every stage finds it in the registry (``reportgen.sections``) and
calls its hooks:

- read:    ``schema`` (checked by the read stage), ``build`` (checked value -> value)
- score:   ``score`` (value and earlier results -> result), ``to_json``
- present: ``present`` (result -> the view its partial lays out), ``handout``
- render:  the partial ``partials/<id>.html.j2`` and, where ``handout`` is set,
           ``handout/<id>.html.j2``; ``init/<id>.yaml.j2`` for `reportgen init`
- docs:    ``title`` and ``order`` (the contents), ``method`` (the appendix's rows),
           ``rubric_modules`` (whose data holds msgids, for the extractor)

The id is the section's one spelling: its answers key, its JSON key, its anchor, its
partial's file name and its notes key. A section from another package is registered
through the entry point group ``reportgen.sections`` and may bring its own templates
folder and catalog (``templates_dir``, ``locales_dir``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from ..model import Answers, Scores
from . import schema
from .advice import GroupAdvice
from .rubric import Benchmark
from .views import Column, Filter, HeadlineScore

if TYPE_CHECKING:
    from .presenter import Formatting, Presenter

# The key of a section's `results` that holds the earlier assessments' Scores, oldest
# first (answers.previous, scored by the engine): no section id can be it.
HISTORY = "-history"
# The key of `results` that holds the cohort the client is compared with (`--cohort`, a
# model.cohort.CohortSource), or None.
COHORT = "-cohort"

V = TypeVar("V")  # the section's value in the answers
R = TypeVar("R")  # the section's result


class Section(Generic[V, R]):
    id: ClassVar[str]
    title: ClassVar[str]  # msgid: the chapter's title, in the contents and on its page
    order: ClassVar[int]  # place in the report; also the order of the answers file
    # The section's part of the answers file (None: the section is the report's own, as
    # the executive summary), and whether the file must have it.
    schema: ClassVar[schema.Fields | None] = None
    required: ClassVar[bool] = False
    # What notes.<id> holds: "text" (one note) or "list" (several); None: no note.
    note: ClassVar[str | None] = None
    # Ids of the sections whose results ``score`` reads; they are scored first ("*": every
    # other section, as the recommendations read every section's findings).
    depends: ClassVar[tuple[str, ...]] = ()
    rubric_modules: ClassVar[tuple[ModuleType, ...]] = ()
    # Advice groups this section brings besides the shared ones (blocks/advice.py GROUPS):
    # its actions' findings merge into them.
    groups: ClassVar[Mapping[str, GroupAdvice]] = {}
    # The benchmarks of the sources this section holds the client's figures against.
    benchmarks: ClassVar[tuple[Benchmark, ...]] = ()
    # The appendix's "how each score is computed" rows: (score, method), msgids.
    method: ClassVar[tuple[tuple[str, str], ...]] = ()
    handout: ClassVar[int | None] = None  # place in the two-page handout; None: no part
    # The report's panel of the sections the answers leave out follows this chapter.
    not_assessed_panel: ClassVar[bool] = False
    # False: a part of the answers without a chapter of its own (the consultant's
    # decisions on the advice, which other sections apply); no partial is needed.
    chapter: ClassVar[bool] = True
    # False: leaving this optional part out is no gap in the assessment (no #absent action).
    absent_is_gap: ClassVar[bool] = True
    # The types ``present`` and ``handout_view`` return: the template contract's reference
    # (docs/templates.md) documents their fields.
    view_type: ClassVar[type | None] = None
    handout_type: ClassVar[type | None] = None
    # Where a section from another package keeps its templates and catalogs.
    templates_dir: ClassVar[Path | None] = None
    locales_dir: ClassVar[Path | None] = None
    domain: ClassVar[str] = "messages"

    # --- read -------------------------------------------------------------------------

    def build(self, checked: dict[str, Any]) -> V:
        """The checked answers (plain values, every problem already excluded) -> value."""
        return cast(V, checked)

    def value(self, answers: Answers) -> V | None:
        return cast("V | None", answers.sections.get(self.id))

    # --- score ------------------------------------------------------------------------

    def score(self, value: V | None, answers: Answers, results: dict[str, Any]) -> R | None:
        """The result; value is None where an optional section is left out."""
        return None

    def findings(
        self, result: R | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Any, ...]:
        """The weaknesses this section sees (``findings.Finding``), for the recommendations.
        An optional section left out is a finding of its own, made by the recommendations."""
        return ()

    def result(self, scores: Scores) -> R | None:
        return cast("R | None", scores.sections.get(self.id))

    def to_json(self, result: R | None) -> dict[str, Any]:
        """This section's keys of `reportgen score --format json` (null when absent)."""
        return {self.id: None}

    # --- headline: what the core shows of a client without knowing the section ----------

    def headline(self, result: R | None) -> dict[str, Any]:
        """This section's facts in a batch summary (summary.json, the manifest, the
        index), as plain JSON values; the core merges every section's in report order."""
        return {}

    def headline_valid(self, headline: Mapping[str, Any]) -> bool:
        """Whether a stored summary holds this section's facts as ``headline`` writes them
        (a manifest entry that does not is rendered again)."""
        return True

    def headline_cells(self, f: Formatting, headline: Mapping[str, Any]) -> tuple[Column, ...]:
        """This section's columns of the batch index, from its stored facts."""
        return ()

    def headline_filters(self, f: Formatting, headline: Mapping[str, Any]) -> tuple[Filter, ...]:
        """The filters this section adds to the batch index's client table (the band, the
        markets' regions), each with the client's values, from its stored facts."""
        return ()

    def headline_score(self, p: Presenter, result: R | None) -> HeadlineScore | None:
        """The report's headline figure (the cover's score), if this section gives it; the
        first section in report order that gives one is used."""
        return None

    def one_line(self, result: R | None) -> str | None:
        """A few words for `reportgen validate`'s line of a valid file ("total 107/160,
        fair"), plain and untranslated; None: nothing to say."""
        return None

    def score_rows(self, p: Presenter, result: R | None) -> tuple[tuple[str, str, str], ...]:
        """This section's rows of `reportgen score --format text`: (what, score, result)."""
        return ()

    # --- present ----------------------------------------------------------------------

    def shown(self, result: R | None) -> bool:
        """Whether the report has this chapter at all (the progress since the last
        assessment: only when there is one); not shown is not "not assessed"."""
        return True

    def assessed(self, result: R | None) -> bool:
        """Whether the report has something to show (else: "not assessed")."""
        return result is not None or self.schema is None

    def present(self, p: Presenter, result: R | None) -> Any:
        """The display-ready view the partial receives as `section.view`."""
        return None

    def compared(self, output: Any) -> dict[str, Decimal]:
        """The figures a cohort compares clients on, from this section's output (its
        `to_json` value; None where not assessed), keyed as `cohort` reports them."""
        return {}

    def facets(self, output: Any) -> dict[str, frozenset[str]]:
        """What a cohort filter may select clients by, from this section's output (the
        markets' regions: {"region": {"apac"}})."""
        return {}

    def portfolio(self, outputs: Sequence[Any]) -> dict[str, Any]:
        """This section's aggregates over a batch's clients (summary.json's "portfolio"),
        from each client's output of this section (its `to_json` value; None where not
        assessed), as plain JSON values; the core merges every section's."""
        return {}

    def dashboard(self, f: Formatting, portfolio: Mapping[str, Any]) -> tuple[Any, ...]:
        """This section's parts of the batch index's portfolio (views.DashboardPart), from
        the merged aggregates."""
        return ()

    def tracker(self, p: Presenter, result: R | None) -> Any:
        """The action plan as a tracker (views.Tracker), if this section holds it; the
        first section in report order that gives one is `reportgen plan`'s."""
        return None

    def todo(self, p: Presenter, result: R | None) -> tuple[str, ...]:
        """The consultant's to-dos this section sees (what the answers leave unjudged), as
        sentences: shown on a draft, before the report is final."""
        return ()

    def method_tables(self, p: Presenter) -> tuple[Any, ...]:
        """Tables of the appendix's method part (bands, benchmarks): views.Table values."""
        return ()

    def handout_view(self, ps: Sequence[Presenter], result: R | None) -> Any:
        """The handout part's view; ps holds one presenter per language (bilingual: two)."""
        return None

    @property
    def partial(self) -> str:
        return f"partials/{self.id}.html.j2"

    @property
    def handout_partial(self) -> str:
        return f"handout/{self.id}.html.j2"

    @property
    def init_partial(self) -> str:
        return f"init/{self.id}.yaml.j2"


def json_number(value: Decimal | None) -> int | float | None:
    """A JSON number: an integer where the value is whole (the spec's "Score output")."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
