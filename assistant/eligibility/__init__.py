"""Eligibility: which measures, funding channels and alliances of the plan a company can use.

    catalogue = load_catalogue()
    profile, extracted = profile_from_description("我们是襄阳一家做减速器的企业，想贷款", None)
    result = match_profile(profile, catalogue)          # MatchResult, best first

Data lives in knowledge/catalogue.yaml and knowledge/vocabulary.yaml; nothing here needs the
network or the search index.
"""

from assistant.eligibility.catalogue import Catalogue, Entry, load_catalogue
from assistant.eligibility.errors import CatalogueError, InvalidProfile
from assistant.eligibility.matcher import match_profile
from assistant.eligibility.metrics import PRScores, micro_precision_recall
from assistant.eligibility.profile import extract_fields, parse_profile, profile_from_description
from assistant.eligibility.questions import is_eligibility_question

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Entry",
    "InvalidProfile",
    "PRScores",
    "extract_fields",
    "is_eligibility_question",
    "load_catalogue",
    "match_profile",
    "micro_precision_recall",
    "parse_profile",
    "profile_from_description",
]
