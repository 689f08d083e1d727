"""burden-shift: attributed statements, stance and discourse networks from raw news text.

Pipeline, one module per stage, each passing pandas DataFrames to the next:
``ingest`` (raw file -> blocks, sentences) -> ``statements`` (who said what) ->
``actors`` (speakers -> canonical actors and blocs) -> ``scoring`` (sentiment, stance) ->
``positions`` (stakeholder positions; ``coverage``: per period and per outlet) ->
``networks`` (discourse networks) -> ``figures``; ``findings`` writes the notebooks'
findings from the tables.

The public functions are importable from here; modules load on first use so that
``import analysis`` stays cheap.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "read_document": "ingest",
    "read_corpus": "ingest",
    "extract_statements": "statements",
    "statement_records": "statements",
    "resolve_speakers": "actors",
    "actor_table": "actors",
    "anonymous_share": "actors",
    "score_statements": "scoring",
    "score_records": "scoring",
    "sentence_sentiment": "scoring",
    "sentence_records": "scoring",
    "validate_stance": "scoring",
    "stakeholder_positions": "positions",
    "positions_by_period": "coverage",
    "sourcing_by_outlet": "coverage",
    "run_corpus": "pipeline",
    "timeline_records": "timeline",
    "draw_sample": "coding",
    "read_coded_sheet": "coding",
    "agreement": "coding",
    "train_model": "learned",
    "save_model": "learned",
    "load_model": "learned",
    "load_codebook": "codebook",
    "CodebookError": "codebook",
    "init_codebook": "codebook_tools",
    "check_codebook": "codebook_tools",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'analysis' has no attribute '{name}'")
    return getattr(importlib.import_module(f"analysis.{_EXPORTS[name]}"), name)
