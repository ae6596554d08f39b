"""reportgen: scored, bilingual strategy reports on AI business models."""

__version__ = "0.1.0"
