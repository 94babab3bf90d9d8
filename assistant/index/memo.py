"""What is worth computing once per loaded index (filter masks, idf tables), kept with the index.

The memo belongs to an Index, so a reload (new build, new Index) starts empty and nothing
computed from an old build can be served after it; each named table is a small LRU.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class LRU:
    """A bounded, thread-safe map; values are built outside the lock (a race builds twice, harmlessly)."""

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, got {maxsize}")
        self.maxsize = maxsize
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def get_or_build(self, key: Hashable, build: Callable[[], Any]) -> Any:
        value = self.get(key)
        if value is None:
            value = build()
            self.put(key, value)
        return value


class IndexMemo:
    """Named LRU tables of one index: `index.memo.table("masks", 64).get_or_build(key, build)`."""

    def __init__(self) -> None:
        self._tables: dict[str, LRU] = {}
        self._lock = threading.Lock()

    def table(self, name: str, maxsize: int) -> LRU:
        with self._lock:
            table = self._tables.get(name)
            if table is None:
                table = self._tables[name] = LRU(maxsize)
            return table
