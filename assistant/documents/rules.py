"""The rules a document is read with: the regions gazetteer and the support-item rules.

Both live in one knowledge folder (settings.document_rules_dir: regions.yaml, items.yaml) and
are loaded together, by whoever owns the Settings (the Runtime, the ingest), and passed down:

    rules = DocumentRules.load(settings.document_rules_dir)
    doc = load_document(path, rules)
    items = extract_items(doc, clauses, rules.items)

Nothing here is cached: a caller that keeps a DocumentRules decides when it is read again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from assistant.documents.items import ItemRules, compile_item_rules
from assistant.documents.links import LINKS_FILE, LinkRules, load_link_rules
from assistant.documents.metadata import Regions
from assistant.errors import ConfigError
from assistant.yamlfile import load_yaml_model

REGIONS_FILE = "regions.yaml"
ITEMS_FILE = "items.yaml"


@dataclass(frozen=True)
class DocumentRules:
    """What metadata and item extraction read from files, loaded once from one folder."""

    regions: Regions
    items: ItemRules
    links: LinkRules  # one document extending / repealing another (validity_links.yaml)
    fingerprint: str  # of both files: part of the index's pipeline fingerprint (items.json depends on it)

    @classmethod
    def load(cls, folder: Path) -> DocumentRules:
        """folder/regions.yaml and folder/items.yaml; ConfigError naming the file when one is bad."""
        regions_path, items_path = folder / REGIONS_FILE, folder / ITEMS_FILE
        regions = load_yaml_model(regions_path, Regions, ConfigError)
        items = compile_item_rules(items_path)
        links_path = folder / LINKS_FILE
        links = load_link_rules(links_path)
        digest = hashlib.sha256()
        for path in (regions_path, items_path, links_path):
            digest.update(path.read_bytes())
        return cls(regions=regions, items=items, links=links, fingerprint=digest.hexdigest()[:16])
