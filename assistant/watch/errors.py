"""Domain errors of saved profiles and alerts; messages come from knowledge/messages/watch.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from assistant.errors import AssistantError, ConfigError

MESSAGES_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "messages" / "watch.yaml"


@cache
def _messages() -> dict[str, str]:
    with MESSAGES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def message(key: str, **values: object) -> str:
    """The user-facing text for key with its placeholders filled, on one line."""
    text = _messages()[key].format(**values)
    return " ".join(text.split())


class WatchError(AssistantError):
    """Base of the errors below (saved profiles, alerts, calendar)."""

    exit_code = 6


class StoreUnavailable(WatchError):
    """The profile database cannot be opened or written (read-only dir, server down, busy)."""

    exit_code = 7


class NewerSchema(StoreUnavailable):
    """The database was migrated by a newer version of the program."""


class ProfileNotFound(WatchError):
    """No saved profile with that id is visible to this owner (others' ids look the same)."""

    exit_code = 8


class InvalidSavedProfile(WatchError):
    """A profile to save is too large, its name too long, its webhook URL unusable, or over the limit."""

    exit_code = 2


class InvalidBuildId(WatchError):
    """A build id is empty, too long or not printable."""

    exit_code = 2


class InvalidDatabaseUrl(ConfigError):
    """ASSISTANT_DATABASE_URL is neither sqlite nor postgresql."""
