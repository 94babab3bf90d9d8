"""智装政策助手: cited answers and eligibility for Hubei's intelligent-equipment policies."""

__version__ = "0.1.0"
