"""Domain errors of saved profiles and alerts; messages come from settings.messages_dir/watch.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.errors import AssistantError, ConfigError
from assistant.settings import Settings
from assistant.yamlfile import read_yaml

MESSAGES_FILE = "watch.yaml"


# Keyed by path and mtime: an edited or relocated file is read again, nothing stale outlives a change.
@lru_cache(maxsize=4)
def _load(path: Path, _mtime_ns: int) -> dict[str, str]:
    data = read_yaml(path, ConfigError)  # unreadable or malformed: one line naming the file
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(f"{path.name}: 每一项应为 键: 文本")
    return data


def _messages() -> dict[str, str]:
    # The errors are raised deep inside the watch modules, which hold no Settings: the messages
    # folder is read from the environment's Settings (ASSISTANT_KNOWLEDGE_DIR) at each message.
    path = Settings().messages_dir / MESSAGES_FILE
    if not path.is_file():
        raise ConfigError(f"缺少提醒用语文件：{path}（知识目录的 messages/{MESSAGES_FILE}）")
    return _load(path, path.stat().st_mtime_ns)


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
