"""Ingest stage: raw page -> clean article -> facts.

Contracts live in :mod:`pgkg.ingest.article` (documents, clean articles) and
:mod:`pgkg.ingest.facts` (extracted facts with provenance).
"""
