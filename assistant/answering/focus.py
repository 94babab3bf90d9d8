"""Which category an eligibility question asks about (融资渠道 → funding_channel), from the lexicon.

Built once by the Runtime from settings.lexicon_dir (eligibility_focus.yaml), so the words are
owned by the component, not cached by path for the life of the process.
"""

from __future__ import annotations

from pathlib import Path

import yaml

FILE = "eligibility_focus.yaml"


class EligibilityFocus:
    """The category words of one lexicon folder."""

    def __init__(self, lexicon_dir: Path) -> None:
        path = lexicon_dir / FILE
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        self.words: dict[str, list[str]] = {cat: [w.lower() for w in words] for cat, words in (raw or {}).items()}

    def of(self, text: str) -> str | None:
        """The one category the text names, if exactly one."""
        lowered = text.lower()
        hits = [cat for cat, words in self.words.items() if any(w in lowered for w in words)]
        return hits[0] if len(hits) == 1 else None
