"""Moved to assistant.documents.validity (eligibility and answering both use it); kept for old imports."""

from assistant.documents.validity import validity_notice, validity_notices

__all__ = ["validity_notice", "validity_notices"]
