"""One exception family for the whole library.

The CLI maps each class to a one-line message and a distinct exit code
(see ``compare.cli._util.EXIT_CODES``). Library code raises these and never
prints or exits.
"""

from __future__ import annotations


class CompareError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 10


class InputError(CompareError):
    """An input file cannot be used (missing, unreadable, unsupported...)."""

    exit_code = 3


class UnreadableInputError(InputError):
    """The path does not exist or cannot be read."""

    exit_code = 3


class EmptyInputError(InputError):
    """The file holds no text (empty or whitespace only)."""

    exit_code = 4


class BinaryInputError(InputError):
    """The file is binary or not text in any encoding we can detect."""

    exit_code = 5


class UnsupportedFormatError(InputError):
    """The extension names a format no reader handles."""

    exit_code = 6


class InputTooLargeError(InputError):
    """The file is larger than the configured limit."""

    exit_code = 7


class SameInputError(InputError):
    """Both sides are the same file or the same text."""

    exit_code = 8


class LanguageMismatchError(CompareError):
    """The detected languages contradict the declared ones (e.g. swapped files)."""

    exit_code = 9


class NotTranslationsError(CompareError):
    """The two texts do not look like translations of each other."""

    exit_code = 11


class ConfigurationError(CompareError):
    """Bad settings: unknown keys, bad threshold values, unknown names."""

    exit_code = 12


class ModelError(CompareError):
    """A model (encoder, translator) is missing or cannot be loaded."""

    exit_code = 13


class OutputError(CompareError):
    """An output cannot be written."""

    exit_code = 14


class PartialFailureError(CompareError):
    """A batch run finished, but some documents failed (each one reported; the rest was written)."""

    exit_code = 15
