"""Catalogs and locale-aware formatting. The locale is always passed explicitly.

English is the msgid language, so "en" uses the identity catalog. Vietnamese
comes from locales/vi/LC_MESSAGES/messages.mo in a wheel (compiled by the build
hook) or messages.po in a source checkout, read by Babel so that an edited
catalog takes effect without a compile step.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_interval
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import NullTranslations, Translations

from .blocks.rubric import _  # noqa: F401  (re-exported: the msgid marker
from .blocks.views import inline
from .resources import LOCALES_DIR, PACKAGE_DIR

LANGUAGES = ("vi", "en")
DATE_FORMATS = {"vi": "'ngày' d 'tháng' M 'năm' y"}
# A date in a table column, where the writing differs from CLDR's medium form.
SHORT_DATE_FORMATS = {"vi": "dd/MM/y"}
# A calendar month where the writing differs from CLDR's abbreviated form.
MONTH_FORMATS = {"vi": "'tháng' M/y"}
# A month on a chart's axis, where every character counts.
MONTH_TICK_FORMATS = {"vi": "M/y"}
DOMAIN = "messages"


def _load(folder: Path, lang: str, domain: str) -> Translations | None:
    """One catalog: the compiled .mo of a wheel, else the .po of a source checkout (read
    by Babel, so that an edited catalog takes effect without a compile step)."""
    folder = folder / lang / "LC_MESSAGES"
    mo = folder / f"{domain}.mo"
    if mo.exists():
        with mo.open("rb") as fh:
            return Translations(fh, domain=domain)
    po = folder / f"{domain}.po"
    if not po.exists():
        return None
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=domain)


@cache
def translations(lang: str) -> NullTranslations:
    """reportgen's catalog for lang, with the catalogs of sections from other packages."""
    from .sections import sections

    if lang == "en":
        return NullTranslations()  # the msgids are English
    main = _load(LOCALES_DIR, lang, DOMAIN) or Translations()
    for section in sections():
        if section.locales_dir is not None:
            extra = _load(section.locales_dir, lang, section.domain)
            if extra is not None:
                main.merge(extra)
    return main


class Formatter:
    """Babel formatting for one locale: numbers, percentages, money, dates, lists."""

    def __init__(self, lang: str):
        self.lang = lang
        self.locale = Locale.parse(lang)
        self._t = translations(lang)

    def gettext(self, message: str) -> str:
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._t.ngettext(singular, plural, n)

    def number(self, value: Decimal | int | float | None) -> str:
        if value is None:
            return "–"
        return _number(value, self.lang)

    def percent(self, value: Decimal | int | float | None) -> str:
        """A value given in percent (65 -> "65%", vi "65%")."""
        if value is None:
            return "–"
        return format_percent(Decimal(value) / 100, format="#,##0.##%", locale=self.locale)

    def money(self, value: Decimal | None, currency: str) -> str:
        """An amount in the locale's currency style ("120.000.000 ₫", "450.000 US$"): whole
        amounts without decimals, so that an amount reads the same in a table and in text."""
        if value is None:
            return "–"
        if value == value.to_integral_value():
            pattern = self.locale.currency_formats["standard"].pattern.split(";")[0]
            whole = re.sub(r"\.0+", "", pattern)
            return format_currency(
                value, currency, format=whole, locale=self.locale, currency_digits=False
            )
        return format_currency(value, currency, locale=self.locale)

    def date(self, value: dt.date) -> str:
        """A date in running text and on the cover: "1 October 2026", "ngày 1 tháng 10 năm
        2026" (Vietnamese writing, where CLDR's long form gives "1 tháng 10, 2026")."""
        return format_date(value, format=DATE_FORMATS.get(self.lang, "long"), locale=self.locale)

    def short_date(self, value: dt.date) -> str:
        """A date in a table: "Jan 10, 2026", "10/01/2026" (as Vietnamese tables write
        it, where CLDR's medium form gives "10 thg 1, 2026")."""
        return format_date(
            value, format=SHORT_DATE_FORMATS.get(self.lang, "medium"), locale=self.locale
        )

    def month(self, value: dt.date) -> str:
        """A calendar month: "Dec 2026", "tháng 12/2026" (as Vietnamese writing has it,
        where CLDR's abbreviation gives "thg 12 2026")."""
        return format_date(value, format=MONTH_FORMATS.get(self.lang, "MMM y"), locale=self.locale)

    def month_tick(self, value: dt.date) -> str:
        """A month on a chart's axis: "Dec 2026", "12/2026"."""
        return format_date(
            value, format=MONTH_TICK_FORMATS.get(self.lang, "MMM y"), locale=self.locale
        )

    def months(self, start: dt.date, end: dt.date) -> str:
        """A span of calendar months, both included: "Dec 2026 – Mar 2027" (CLDR's
        interval format where the locale's month form is CLDR's)."""
        if self.lang not in MONTH_FORMATS:
            return format_interval(start, end, "yMMM", locale=self.locale)
        if (start.year, start.month) == (end.year, end.month):
            return self.month(start)
        return f"{self.month(start)} – {self.month(end)}"

    def country(self, code: str) -> str:
        """A country's name in the locale (CLDR), where Vietnamese writing differs from
        CLDR's Vietnamese the name a Vietnamese editor uses."""
        own = COUNTRY_NAMES.get(self.lang, {}).get(code)
        return own or str(self.locale.territories.get(code, code))

    def list(self, items: Iterable[str], style: Literal["standard", "or"] = "standard") -> str:
        """Items as one phrase: "a, b and c"; style "or": "a, b or c"."""
        shown = [*items]
        return format_list(shown, style=style, locale=self.locale) if shown else "–"

    def language(self, code: str) -> str:
        """A language's name (CLDR) as it starts a label: "Vietnamese", "Tiếng Việt"."""
        name = Locale.parse(code).get_display_name(self.locale) or code
        return name[:1].upper() + name[1:]

    def languages(self, codes: Iterable[str]) -> str:
        """Languages' names as one phrase: "Vietnamese and English", "Tiếng Việt và tiếng
        Anh". English names keep their capitals everywhere; Vietnamese ones only lead."""
        names = [self.language(code) for code in codes]
        if self.lang == "en":
            return self.list(names)
        return self.list([*names[:1], *(n[:1].lower() + n[1:] for n in names[1:])])

    def labels(self, labels: Iterable[str]) -> str:
        """Labels as one phrase: "Monthly churn and annual retention rate". The first keeps
        its capital; the others are lowered, unless they start with an acronym or a name
        ("GDPR ...", "AI Act ...")."""
        shown = [*labels]
        return self.list([*shown[:1], *(inline(s) for s in shown[1:])])


# CLDR's Vietnamese keeps "Australia"; Vietnamese newspapers and ministries write "Úc".
COUNTRY_NAMES = {"vi": {"AU": "Úc"}}


def _codes(name: str) -> tuple[str, ...]:
    """A code list of reportgen's own (reportgen/data/NAME.txt), sorted, comments left out."""
    text = (PACKAGE_DIR / "data" / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(sorted(line for line in text.splitlines() if line and not line.startswith("#")))


@cache
def country_codes() -> tuple[str, ...]:
    """The ISO 3166 alpha-2 codes a market's or the client's `country` may take."""
    return _codes("countries")


@cache
def currency_codes() -> tuple[str, ...]:
    """The ISO 4217 codes `assessment.currency` may take."""
    return _codes("currencies")


@lru_cache(maxsize=4096)
def _number(value: Decimal | int | float, lang: str) -> str:
    """A number as the locale writes it. Remembered: a portfolio of 10,000 clients shows
    the same few hundred scores again and again, and Babel's formatting of each was a
    third of its index's context."""
    return format_decimal(value, format="#,##0.##", locale=Locale.parse(lang))
