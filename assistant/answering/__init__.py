"""Answering: abstention, the extractive composer, citations and notices."""
