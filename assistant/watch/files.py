"""Files the watch commands write (the .ics calendar, the reports): whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assistant.watch.errors import WatchError, message


def write_atomic(path: Path, data: bytes, prefix: str, error_key: str, suffix: str = "") -> Path:
    """Write via a temporary file in the same folder and os.replace: a reader never sees half a file.

    A failure removes the temporary file and raises WatchError with the watch.yaml text `error_key`.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise WatchError(message(error_key, path=path, reason=exc.strerror or exc)) from exc
    return path
