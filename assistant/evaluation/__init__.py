"""Batch evaluation of answer quality: gold sets, metrics, reports (json, md, html), compare, CI gate."""
