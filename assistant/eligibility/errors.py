"""Domain errors of the eligibility matcher (kept here so errors.py stays the lead's file)."""

from assistant.errors import AssistantError, ConfigError


class InvalidProfile(AssistantError):
    """A company profile has an unknown field or an impossible value; the message says which."""

    exit_code = 2


class CatalogueError(ConfigError):
    """knowledge/catalogue.yaml or knowledge/vocabulary.yaml is invalid; the message names the entry."""
