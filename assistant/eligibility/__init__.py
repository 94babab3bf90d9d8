"""Eligibility: which measures, funding channels and alliances of the plan a company can use.

    given = read_profile_input({"description": "我们是襄阳一家做减速器的企业，想贷款"})  # at the edge
    result = runtime.eligibility.match(given)          # MatchResult, best first

The Runtime builds the component (Eligibility: catalogue, vocabulary and labels, one
ProfileExtractor). Data lives in knowledge/catalogue.yaml, knowledge/vocabulary.yaml and
knowledge/messages/labels.yaml; nothing here needs the network, the search index or the LLM
stack (an LLM extractor is injected through the ProfileExtractor protocol).
"""

from assistant.eligibility.catalogue import Catalogue, Entry, load_catalogue
from assistant.eligibility.errors import CatalogueError, InvalidProfile
from assistant.eligibility.matcher import match_profile
from assistant.eligibility.metrics import PRScores, micro_precision_recall
from assistant.eligibility.profile import (
    Extraction,
    OfflineExtractor,
    ProfileExtractor,
    build_profile,
    extract_fields,
    merge_explicit,
    parse_profile,
    profile_from_description,
    read_profile_file,
    read_profile_input,
)
from assistant.eligibility.questions import is_eligibility_question
from assistant.eligibility.service import Eligibility

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Eligibility",
    "Entry",
    "Extraction",
    "InvalidProfile",
    "OfflineExtractor",
    "PRScores",
    "ProfileExtractor",
    "build_profile",
    "extract_fields",
    "is_eligibility_question",
    "load_catalogue",
    "match_profile",
    "merge_explicit",
    "micro_precision_recall",
    "parse_profile",
    "profile_from_description",
    "read_profile_file",
    "read_profile_input",
]
