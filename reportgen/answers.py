"""Answers file (YAML) -> a validated, immutable ``Answers``; the only module that reads YAML.

Three passes, so that every problem in a file is reported at once:

1. bytes -> text: size limit, UTF-8 (a BOM is tolerated), not empty;
2. text -> a tree of plain values with the YAML line of every key path. The
   resolver is YAML-1.2-like on purpose: only true/false are booleans
   (``country: NO`` is Norway), dates stay text until checked, no aliases
   (no alias bombs), no tags (nothing is ever constructed or executed);
3. tree -> ``Answers``: every key, type and range checked against the schema of
   ``shared/spec/answers-format.md``; unknown keys get the closest valid id.

Numbers become ``Decimal`` so that sums such as 139.5 stay exact for the bands.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.numbers import list_currencies

from . import rubric
from .errors import InvalidFileError, Problem

MAX_FILE_BYTES = 1024 * 1024  # a real answers file is a few kB
MAX_DEPTH = 20  # the deepest real key path is 5 levels
SCHEMA_VERSION = 1
LANGUAGES = ("vi", "en")
NOTE_SECTIONS = (
    "summary",
    "business_model",
    "validation",
    "advantages",
    "monetization",
    "expansion",
    "critical_success_factors",
    "lessons",
)


class FrozenMap(Mapping):
    """A read-only, hashable, picklable mapping that keeps its keys' order."""

    __slots__ = ("_d",)

    def __init__(self, items=(), **kwargs):
        object.__setattr__(self, "_d", dict(items, **kwargs))

    def __getitem__(self, key):
        return self._d[key]

    def __iter__(self) -> Iterator:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __hash__(self) -> int:
        return hash(tuple(self._d.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._d!r})"

    def __reduce__(self):
        return (FrozenMap, (tuple(self._d.items()),))


# A consultant's note: one text for every language, or one per language.
Note = str | FrozenMap


@dataclass(frozen=True)
class Client:
    name: str
    industry: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Assessment:
    date: dt.date
    assessor: str
    languages: tuple[str, ...] = LANGUAGES
    currency: str = "USD"


@dataclass(frozen=True)
class BusinessModel:
    type: str
    positioning: str
    pattern: str | None = None


@dataclass(frozen=True)
class Monetization:
    primary_stream: str
    secondary_streams: tuple[str, ...] = ()
    revenue_mix: FrozenMap | None = None  # stream id -> percent
    pricing_validated: bool | None = None
    unit_economics_calculated: bool | None = None
    customer_ltv: Decimal | None = None
    churn_target_monthly_pct: Decimal | None = None
    revenue_growth_target_pct: Decimal | None = None
    pricing_process: FrozenMap | None = None  # item id -> bool


@dataclass(frozen=True)
class Market:
    name: str
    region: str
    criteria: FrozenMap  # criterion id -> Decimal, in rubric order
    risk_factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntryStrategy:
    direct: bool | None = None
    partnership: bool | None = None
    localization: tuple[str, ...] = ()
    compliance_timeline_months: Decimal | None = None
    local_team: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expansion:
    runway_months: Decimal | None
    markets: tuple[Market, ...]
    compliance: FrozenMap  # region id -> FrozenMap(item id -> bool); absent regions omitted
    entry_strategy: EntryStrategy | None = None


@dataclass(frozen=True)
class Answers:
    schema_version: int
    client: Client
    assessment: Assessment
    validation: FrozenMap  # dimension id -> FrozenMap(criterion id -> Decimal)
    business_model: BusinessModel | None = None
    advantages: FrozenMap | None = None  # type id -> FrozenMap(item id -> Decimal)
    monetization: Monetization | None = None
    expansion: Expansion | None = None
    critical_success_factors: FrozenMap | None = None  # factor id -> bool
    notes: FrozenMap = field(default_factory=FrozenMap)  # section -> Note (lessons: tuple)


# --- pass 1 and 2: bytes -> tree of values with lines ----------------------------------


_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_BOOL = re.compile(r"(true|True|TRUE|false|False|FALSE)\Z")
_NULL = re.compile(r"(~|null|Null|NULL|)\Z")


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: no yes/no/on/off booleans, no sexagesimals, no timestamps."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])


class _Composer(yaml.composer.Composer):
    def compose_node(self, parent, index):
        # Aliases are how "billion laughs" files explode; answers never need them.
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed in answers files", event.start_mark
            )
        return super().compose_node(parent, index)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _Composer,
    _Resolver,
):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Composer.__init__(self)
        _Resolver.__init__(self)


_STD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}

Path_ = tuple  # a key path: tuple of str keys and int list indexes


def _fmt_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _Tree:
    """Converts YAML nodes into plain values, recording the line of every path."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []

    def problem(self, path: Path_, message: str, line: int | None = None) -> None:
        if line is None:
            line = self.line_of(path)
        self.problems.append(Problem(self.file, line, _fmt_path(path), message))

    def line_of(self, path: Path_) -> int | None:
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)

    def convert(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if depth > MAX_DEPTH:
            self.problem(path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if node.tag not in _STD_TAGS:
            self.problem(path, f"YAML tags such as {node.tag} are not allowed")
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(path, "keys must be plain names", key_node.start_mark.line + 1)
                    continue
                if key_node.tag not in _STD_TAGS:
                    self.problem(
                        path + (key_node.value,),
                        f"YAML tags such as {key_node.tag} are not allowed",
                        key_node.start_mark.line + 1,
                    )
                    continue
                key = unicodedata.normalize("NFC", key_node.value)
                if key == "<<":
                    self.problem(
                        path, "merge keys (<<) are not allowed", key_node.start_mark.line + 1
                    )
                    continue
                if key in out:
                    self.problem(
                        path + (key,),
                        f"duplicate key (first given on line {self.lines[path + (key,)]})",
                        key_node.start_mark.line + 1,
                    )
                    continue
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = self.convert(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(n, path + (i,), depth + 1) for i, n in enumerate(node.value)]
        return _scalar(node)


_TAG_PATTERNS = {
    "tag:yaml.org,2002:bool": _BOOL,
    "tag:yaml.org,2002:int": _INT,
    "tag:yaml.org,2002:float": _FLOAT,
    "tag:yaml.org,2002:null": _NULL,
}


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, text = node.tag, node.value
    pattern = _TAG_PATTERNS.get(tag)
    if pattern is not None and not pattern.match(text):
        # Only an explicit tag (`!!float abc`, `!!bool yes`) gets here, since the resolver
        # tags plain scalars by these patterns: such a value is text, and checked as text.
        return unicodedata.normalize("NFC", text)
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() == "true"
    if tag.endswith(":int") or tag.endswith(":float"):
        return Decimal(text)
    return unicodedata.normalize("NFC", text)


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def parse_tree(data: bytes, file: str) -> tuple[Any, _Tree]:
    """Bytes -> plain value tree and its line map; raises InvalidFileError for unreadable files."""
    tree = _Tree(file)

    def fail(message: str, line: int | None = None) -> InvalidFileError:
        return InvalidFileError(file, (Problem(file, line, "", message),))

    if len(data) > MAX_FILE_BYTES:
        raise fail(
            f"the file is {len(data):,} bytes; answers files are limited to {MAX_FILE_BYTES:,} bytes"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
            _line_of_offset(data, exc.start),
        ) from None
    if "\x00" in text:
        raise fail("the file holds NUL characters; expected a UTF-8 YAML text file")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        raise fail(f"invalid YAML: {what}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise fail(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise fail(f"invalid YAML: nested more than {MAX_DEPTH} levels deep") from None
    if node is None:
        raise fail(
            "the file is empty; expected a mapping with schema_version, client, "
            "assessment and validation"
        )
    value = tree.convert(node, ())
    if not isinstance(value, dict):
        raise fail(
            f"the top level is {_kind(value)}; expected a mapping with schema_version, "
            "client, assessment and validation",
            node.start_mark.line + 1,
        )
    return value, tree


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, Decimal):
        return f"the number {value}"
    if isinstance(value, str) and not value.strip():
        return "empty text"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


# --- pass 3: schema -----------------------------------------------------------------------

_MISSING = object()
_INVALID = object()


class _Checker:
    """Checks values against the schema; every problem is recorded, none stops the check."""

    def __init__(self, tree: _Tree):
        self.tree = tree

    def problem(self, path: Path_, message: str) -> object:
        self.tree.problem(path, message)
        return _INVALID

    def mapping(
        self,
        value: Any,
        path: Path_,
        required: tuple[str, ...],
        optional: tuple[str, ...] = (),
        what: str = "a mapping",
    ) -> dict | object:
        if not isinstance(value, dict):
            return self.problem(path, f"expected {what}, got {_kind(value)}")
        known = required + optional
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else f"; expected one of: {', '.join(known)}"
                )
                self.problem(path + (key,), f"unknown key '{key}'{hint}")
        for key in required:
            if key not in value:
                # The path names the missing key; the line is its parent's, where it belongs.
                self.problem(path + (key,), f"missing required key '{key}'")
        return value

    def number(self, value: Any, path: Path_, lo: Decimal | None, hi: Decimal | None):
        if value is _MISSING:
            return None
        if lo is not None and hi is not None:
            want = f"a number from {lo} to {hi}"
        elif lo is not None:
            want = f"a number of at least {lo}"
        else:
            want = "a number"
        if not isinstance(value, Decimal) or not value.is_finite():
            return self.problem(path, f"expected {want}, got {_kind(value)}")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return self.problem(path, f"expected {want}, got {value} (out of range)")
        return value

    def boolean(self, value: Any, path: Path_):
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            return self.problem(path, f"expected true or false, got {_kind(value)}")
        return value

    def text(self, value: Any, path: Path_, required: bool = True):
        if value is _MISSING:
            return None
        if not required and (value is None or (isinstance(value, str) and not value.strip())):
            return None  # an optional blank left empty, as `reportgen init` writes it
        if isinstance(value, Decimal):  # `industry: 2024` is a name, not a number
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            return self.problem(path, f"expected non-empty text, got {_kind(value)}")
        return value.strip()

    def choice(self, value: Any, path: Path_, ids: tuple[str, ...]):
        if value is _MISSING:
            return None
        if not isinstance(value, str) or value not in ids:
            close = (
                difflib.get_close_matches(value, ids, n=1, cutoff=0.6)
                if isinstance(value, str)
                else []
            )
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return self.problem(path, f"expected one of {', '.join(ids)}, got {_kind(value)}{hint}")
        return value

    def choices(self, value: Any, path: Path_, ids: tuple[str, ...]):
        """A list of distinct ids."""
        if value is _MISSING or value is None:
            return ()
        if not isinstance(value, list):
            return self.problem(path, f"expected a list of {', '.join(ids)}, got {_kind(value)}")
        out = []
        for i, item in enumerate(value):
            got = self.choice(item, path + (i,), ids)
            if got is _INVALID:
                continue
            if got in out:
                self.problem(path + (i,), f"'{got}' is listed twice")
            else:
                out.append(got)
        return tuple(out)

    def grid(self, value: Any, path: Path_, groups, lo: Decimal, hi: Decimal):
        """A mapping of groups, each a mapping of numeric items: validation, advantages."""
        ids = tuple(g.id for g in groups)
        if self.mapping(value, path, ids) is _INVALID:
            return _INVALID
        out = {}
        for group in groups:
            sub = value.get(group.id, _MISSING)
            if sub is _MISSING:
                continue
            if self.mapping(sub, path + (group.id,), group.item_ids) is _INVALID:
                continue
            out[group.id] = FrozenMap(
                (item, self.number(sub[item], path + (group.id, item), lo, hi))
                for item in group.item_ids
                if item in sub
            )
        return FrozenMap(out)

    def flags(self, value: Any, path: Path_, ids: tuple[str, ...]):
        """A mapping of true/false checklist items, all required."""
        if self.mapping(value, path, ids) is _INVALID:
            return _INVALID
        return FrozenMap((i, self.boolean(value[i], path + (i,))) for i in ids if i in value)


def _get(d: dict, key: str) -> Any:
    return d.get(key, _MISSING)


def _territories() -> frozenset[str]:
    return frozenset(k for k in Locale("en").territories if len(k) == 2 and k.isalpha())


def _check_client(c: _Checker, value: Any) -> Client | object:
    path = ("client",)
    if c.mapping(value, path, ("name",), ("industry", "country")) is _INVALID:
        return _INVALID
    country = _get(value, "country")
    if country is not _MISSING and country is not None and country != "":
        if isinstance(country, str) and country.upper() in _territories():
            country = country.upper()
        else:
            country = c.problem(
                path + ("country",),
                f"expected an ISO 3166 alpha-2 country code such as VN or SG, got {_kind(country)}",
            )
    else:
        country = None
    return Client(
        name=c.text(_get(value, "name"), path + ("name",)),
        industry=c.text(_get(value, "industry"), path + ("industry",), required=False),
        country=country,
    )


def _check_assessment(c: _Checker, value: Any) -> Assessment | object:
    path = ("assessment",)
    if c.mapping(value, path, ("date", "assessor"), ("languages", "currency")) is _INVALID:
        return _INVALID
    date = _get(value, "date")
    if date is not _MISSING:
        text = str(date) if isinstance(date, str) else None
        try:
            if text is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            date = dt.date.fromisoformat(text)
        except ValueError:
            date = c.problem(
                path + ("date",), f"expected an ISO date such as 2026-11-20, got {_kind(date)}"
            )
    languages = _get(value, "languages")
    if languages is _MISSING:
        languages = LANGUAGES
    else:
        languages = c.choices(languages, path + ("languages",), LANGUAGES)
        if languages == ():
            languages = c.problem(path + ("languages",), "expected at least one of vi, en")
    currency = _get(value, "currency")
    if currency is _MISSING:
        currency = "USD"
    elif isinstance(currency, str) and currency.upper() in list_currencies():
        currency = currency.upper()
    else:
        currency = c.problem(
            path + ("currency",),
            f"expected an ISO 4217 currency code such as VND or USD, got {_kind(currency)}",
        )
    return Assessment(
        date=date,
        assessor=c.text(_get(value, "assessor"), path + ("assessor",)),
        languages=languages,
        currency=currency,
    )


def _check_business_model(c: _Checker, value: Any) -> BusinessModel | object:
    path = ("business_model",)
    if c.mapping(value, path, ("type", "positioning"), ("pattern",)) is _INVALID:
        return _INVALID
    pattern = _get(value, "pattern")
    return BusinessModel(
        type=c.choice(_get(value, "type"), path + ("type",), rubric.BUSINESS_MODEL_IDS),
        positioning=c.choice(
            _get(value, "positioning"), path + ("positioning",), rubric.POSITIONING_IDS
        ),
        pattern=None
        if pattern is _MISSING or pattern is None
        else c.choice(pattern, path + ("pattern",), rubric.PATTERN_IDS),
    )


_PCT = Decimal(100)


def _check_monetization(c: _Checker, value: Any) -> Monetization | object:
    path = ("monetization",)
    optional = (
        "secondary_streams",
        "revenue_mix",
        "pricing_validated",
        "unit_economics_calculated",
        "customer_ltv",
        "churn_target_monthly_pct",
        "revenue_growth_target_pct",
        "pricing_process",
    )
    if c.mapping(value, path, ("primary_stream",), optional) is _INVALID:
        return _INVALID
    mix = _get(value, "revenue_mix")
    if mix not in (_MISSING, None, {}):
        mix_path = path + ("revenue_mix",)
        if (
            c.mapping(mix, mix_path, (), rubric.STREAM_IDS, "a mapping of stream to percent")
            is _INVALID
        ):
            mix = _INVALID
        else:
            mix = FrozenMap(
                (k, c.number(v, mix_path + (k,), Decimal(0), _PCT))
                for k, v in mix.items()
                if k in rubric.STREAM_IDS
            )
            shares = [v for v in mix.values() if isinstance(v, Decimal)]
            if len(shares) == len(mix):
                total = sum(shares, Decimal(0))
                if abs(total - _PCT) > rubric.REVENUE_MIX_TOLERANCE:
                    c.problem(mix_path, f"the shares must sum to 100 (within 0.5), got {total}")
    else:
        mix = None
    process = _get(value, "pricing_process")
    process = (
        None
        if process is _MISSING
        else c.flags(process, path + ("pricing_process",), rubric.PRICING_PROCESS.item_ids)
    )
    return Monetization(
        primary_stream=c.choice(
            _get(value, "primary_stream"), path + ("primary_stream",), rubric.STREAM_IDS
        ),
        secondary_streams=c.choices(
            _get(value, "secondary_streams"), path + ("secondary_streams",), rubric.STREAM_IDS
        ),
        revenue_mix=mix,
        pricing_validated=c.boolean(
            _get(value, "pricing_validated"), path + ("pricing_validated",)
        ),
        unit_economics_calculated=c.boolean(
            _get(value, "unit_economics_calculated"), path + ("unit_economics_calculated",)
        ),
        customer_ltv=c.number(
            _get(value, "customer_ltv"), path + ("customer_ltv",), Decimal(0), None
        ),
        churn_target_monthly_pct=c.number(
            _get(value, "churn_target_monthly_pct"),
            path + ("churn_target_monthly_pct",),
            Decimal(0),
            _PCT,
        ),
        revenue_growth_target_pct=c.number(
            _get(value, "revenue_growth_target_pct"),
            path + ("revenue_growth_target_pct",),
            Decimal(-100),
            None,
        ),
        pricing_process=process,
    )


def _check_market(c: _Checker, value: Any, path: Path_) -> Market | object:
    criteria = tuple(i.id for i in rubric.MARKET_CRITERIA)
    if c.mapping(value, path, ("name", "region", *criteria), ("risk_factors",)) is _INVALID:
        return _INVALID
    return Market(
        name=c.text(_get(value, "name"), path + ("name",)),
        region=c.choice(_get(value, "region"), path + ("region",), rubric.REGION_IDS),
        criteria=FrozenMap(
            (
                k,
                c.number(
                    value[k], path + (k,), rubric.MARKET_CRITERION_MIN, rubric.MARKET_CRITERION_MAX
                ),
            )
            for k in criteria
            if k in value
        ),
        risk_factors=c.choices(
            _get(value, "risk_factors"), path + ("risk_factors",), tuple(rubric.RISK_FACTOR_TIER)
        ),
    )


def _check_expansion(c: _Checker, value: Any) -> Expansion | object:
    path = ("expansion",)
    if (
        c.mapping(value, path, ("markets",), ("runway_months", "compliance", "entry_strategy"))
        is _INVALID
    ):
        return _INVALID
    markets_value = _get(value, "markets")
    markets: list = []
    if isinstance(markets_value, list):
        seen: dict[str, int] = {}
        for i, m in enumerate(markets_value):
            market = _check_market(c, m, path + ("markets", i))
            if isinstance(market, Market) and isinstance(market.name, str):
                key = market.name.casefold()
                if key in seen:
                    c.problem(
                        path + ("markets", i, "name"),
                        f"market '{market.name}' is listed twice (also markets[{seen[key]}])",
                    )
                seen.setdefault(key, i)
            markets.append(market)
    elif markets_value is not _MISSING:
        c.problem(path + ("markets",), f"expected a list of markets, got {_kind(markets_value)}")

    compliance_value = _get(value, "compliance")
    compliance: dict = {}
    if compliance_value is not _MISSING:
        cpath = path + ("compliance",)
        regions = tuple(g.id for g in rubric.COMPLIANCE)
        if c.mapping(compliance_value, cpath, (), regions) is not _INVALID:
            for group in rubric.COMPLIANCE:
                if group.id in compliance_value:
                    compliance[group.id] = c.flags(
                        compliance_value[group.id], cpath + (group.id,), group.item_ids
                    )

    entry_value = _get(value, "entry_strategy")
    entry = None
    if entry_value is not _MISSING:
        epath = path + ("entry_strategy",)
        keys = ("direct", "partnership", "localization", "compliance_timeline_months", "local_team")
        if c.mapping(entry_value, epath, (), keys) is not _INVALID:
            entry = EntryStrategy(
                direct=c.boolean(_get(entry_value, "direct"), epath + ("direct",)),
                partnership=c.boolean(_get(entry_value, "partnership"), epath + ("partnership",)),
                localization=c.choices(
                    _get(entry_value, "localization"),
                    epath + ("localization",),
                    tuple(i.id for i in rubric.LOCALIZATION),
                ),
                compliance_timeline_months=c.number(
                    _get(entry_value, "compliance_timeline_months"),
                    epath + ("compliance_timeline_months",),
                    Decimal(0),
                    None,
                ),
                local_team=c.choices(
                    _get(entry_value, "local_team"),
                    epath + ("local_team",),
                    tuple(i.id for i in rubric.LOCAL_TEAM),
                ),
            )
    return Expansion(
        runway_months=c.number(
            _get(value, "runway_months"), path + ("runway_months",), Decimal(0), None
        ),
        markets=tuple(markets),
        compliance=FrozenMap(compliance),
        entry_strategy=entry,
    )


def _check_note(c: _Checker, value: Any, path: Path_) -> Note | object:
    if isinstance(value, dict):
        if c.mapping(value, path, (), LANGUAGES, "text or a mapping of vi/en to text") is _INVALID:
            return _INVALID
        if not value:
            return c.problem(path, "expected text for vi, en or both")
        return FrozenMap(
            (lang, c.text(value[lang], path + (lang,))) for lang in LANGUAGES if lang in value
        )
    return c.text(value, path)


def _check_notes(c: _Checker, value: Any) -> FrozenMap | object:
    path = ("notes",)
    if value is None:
        return FrozenMap()
    if c.mapping(value, path, (), NOTE_SECTIONS) is _INVALID:
        return _INVALID
    out = {}
    for key in NOTE_SECTIONS:
        if value.get(key) in (None, "", []):
            continue  # a blank note is no note
        if key == "lessons":
            items = value[key]
            if isinstance(items, list):
                out[key] = tuple(_check_note(c, v, path + (key, i)) for i, v in enumerate(items))
            else:
                out[key] = (_check_note(c, items, path + (key,)),)
        else:
            out[key] = _check_note(c, value[key], path + (key,))
    return FrozenMap(out)


def _has_invalid(value: Any) -> bool:
    if value is _INVALID:
        return True
    if isinstance(value, Mapping):
        return any(_has_invalid(v) for v in value.values())
    if isinstance(value, tuple | list):
        return any(_has_invalid(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return any(_has_invalid(getattr(value, f)) for f in value.__dataclass_fields__)
    return False


_TOP_REQUIRED = ("schema_version", "client", "assessment", "validation")
_TOP_OPTIONAL = (
    "business_model",
    "advantages",
    "monetization",
    "expansion",
    "critical_success_factors",
    "notes",
)


def parse_answers(data: bytes, file: str) -> Answers:
    """Bytes of an answers file -> Answers; raises InvalidFileError listing every problem."""
    value, tree = parse_tree(data, file)
    c = _Checker(tree)
    version = _get(value, "schema_version")
    # `schema_version: true` must not pass for 1: a bool is an int in Python.
    wrong = not isinstance(version, Decimal) or version != SCHEMA_VERSION
    if version is not _MISSING and wrong:
        # Other problems would be judged against the wrong schema: report this one alone.
        tree.problems.clear()
        c.problem(
            ("schema_version",),
            f"expected schema_version {SCHEMA_VERSION}, got {_kind(version).removeprefix('the number ')}"
            " (this reportgen reads version 1 only)",
        )
        raise InvalidFileError(file, tuple(tree.problems))
    c.mapping(value, (), _TOP_REQUIRED, _TOP_OPTIONAL, "a mapping")

    def section(key, check):
        v = _get(value, key)
        if v is _MISSING:
            return None
        if v is None:
            # `advantages:` with nothing under it is an unfinished section, not an absent one.
            return c.problem((key,), "the section is empty; fill it in or remove it")
        return check(c, v)

    answers_parts = dict(
        client=section("client", _check_client),
        assessment=section("assessment", _check_assessment),
        validation=section(
            "validation",
            lambda c, v: c.grid(
                v, ("validation",), rubric.DIMENSIONS, rubric.CRITERION_MIN, rubric.CRITERION_MAX
            ),
        ),
        business_model=section("business_model", _check_business_model),
        advantages=section(
            "advantages",
            lambda c, v: c.grid(
                v,
                ("advantages",),
                rubric.ADVANTAGE_TYPES,
                rubric.ADVANTAGE_ITEM_MIN,
                rubric.ADVANTAGE_ITEM_MAX,
            ),
        ),
        monetization=section("monetization", _check_monetization),
        expansion=section("expansion", _check_expansion),
        critical_success_factors=section(
            "critical_success_factors",
            lambda c, v: c.flags(v, ("critical_success_factors",), rubric.CSF_IDS),
        ),
        notes=_check_notes(c, value["notes"]) if "notes" in value else FrozenMap(),
    )
    if tree.problems or any(_has_invalid(v) for v in answers_parts.values()):
        # Sort by line so the list reads top to bottom like the file.
        problems = sorted(tree.problems, key=lambda p: p.line or 0)
        raise InvalidFileError(file, tuple(problems))
    return Answers(schema_version=SCHEMA_VERSION, **answers_parts)


def read_input(path: str | Path) -> tuple[bytes, str]:
    """The bytes of an answers file and the name to show; a missing file is a clear error.

    A PDF made by reportgen carries its answers file: it is read back out, so a
    delivered report can be validated and re-scored.
    """
    from .pdfdata import MAX_PDF_BYTES, answers_from_pdf, is_pdf

    p, name = Path(path), str(path)

    def fail(message: str) -> InvalidFileError:
        return InvalidFileError(name, (Problem(name, None, "", message),))

    try:
        size = p.stat().st_size
        is_pdf_name = p.suffix.lower() == ".pdf"
        limit = MAX_PDF_BYTES if is_pdf_name else MAX_FILE_BYTES
        if size > limit:
            # Refuse before reading: a multi-gigabyte file must not be loaded at all.
            raise fail(f"the file is {size:,} bytes; answers files are limited to {limit:,} bytes")
        data = p.read_bytes()
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("permission denied") from None
    if is_pdf(data):
        return answers_from_pdf(data, name)
    return data, name


def load_answers(path: str | Path) -> Answers:
    """Read and validate one answers file."""
    data, name = read_input(path)
    return parse_answers(data, name)
