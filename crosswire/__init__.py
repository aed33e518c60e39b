"""crosswire: compare how news outlets report the same story."""

__version__ = "0.1.0"
