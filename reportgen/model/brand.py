"""A consulting firm's identity on its documents, read from a brand file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Brand:
    firm_name: str
    logo_uri: str | None = None  # data: URI of the logo, read by the brand loader
    primary_colour: str | None = None  # #rrggbb
    accent_colour: str | None = None
    footer: str | None = None
    contact: str | None = None
    confidentiality: str | None = None
