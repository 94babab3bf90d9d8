"""Domain errors. The library raises these; the CLI and API translate them at the edge."""


class AssistantError(Exception):
    """Base class: its message is safe to show to a user as-is (one line, no secrets)."""

    exit_code = 1


class InvalidQuestion(AssistantError):
    """The question is empty, too long or otherwise unusable."""

    exit_code = 2


class InvalidLanguage(AssistantError):
    """A caller named a language the message files do not have (REST 400 invalid_lang, CLI error line)."""

    exit_code = 2


class DocumentError(AssistantError):
    """A policy document cannot be read or parsed (missing, binary, empty, corrupt)."""

    exit_code = 3


class IndexMissing(AssistantError):
    """No index has been built yet, or it is incomplete or corrupt."""

    exit_code = 4


class ConfigError(AssistantError):
    """A setting is missing or has an impossible value."""

    exit_code = 5
