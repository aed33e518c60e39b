"""Errors crosswire raises, as one tree::

    CrosswireError
    ├── InputError            a source that cannot be turned into an article
    │   ├── EmptyInput
    │   ├── BinaryInput
    │   ├── UndecodableInput
    │   ├── TooLarge
    │   ├── NoArticleText
    │   └── NotEnglish
    ├── FetchError
    │   └── UnsafeURL
    ├── ModelError            a model package is missing; the message says how to install it
    ├── StoreError
    ├── ConfigError
    └── SparkError            Spark could not start, or a Spark job failed (crosswire.spark)

Every message is one line that names the thing and the reason, so that the CLI
can print ``skipped data/a.html: no article text`` and go on with the batch.
"""

from __future__ import annotations


class CrosswireError(Exception):
    """Base of every error crosswire raises on purpose."""


class InputError(CrosswireError):
    """A source could not be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class UndecodableInput(InputError):
    pass


class TooLarge(InputError):
    pass


class NoArticleText(InputError):
    pass


class NotEnglish(InputError):
    pass


class FetchError(CrosswireError):
    pass


class UnsafeURL(FetchError):
    pass


class ModelError(CrosswireError):
    pass


class StoreError(CrosswireError):
    pass


class ConfigError(CrosswireError):
    pass


class SparkError(CrosswireError):
    pass
