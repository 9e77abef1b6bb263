"""Coach matching: score every head and coach pair, keep the hard rules, solve globally, and
explain each proposed pair in words that match its score.

Pure Python with no Django import: the match_coaches command and the mentoring services
wrap it. A package so no module passes the house limit; import from here: types (the
dataclasses), text (TF-IDF and the optional sentence-embedding model), scoring (parts,
rules and explanations), solving (the global solve, one pair's explanation, the next best
coach) and parsing (the command's JSON).
"""

from kinship.mentoring.matching.parsing import parse_problem, result_to_json
from kinship.mentoring.matching.scoring import (
    ScoreTable,
    allowed_pairs,
    barrier,
    distances_km,
    score_table,
    settlement,
    tag_key,
)
from kinship.mentoring.matching.solving import (
    assign,
    check_problem,
    explain,
    ranked_coaches,
    solve,
)
from kinship.mentoring.matching.text import (
    Embedder,
    embedding_similarity,
    load_sentence_embedder,
    tfidf_similarity,
    words,
)
from kinship.mentoring.matching.types import (
    Coach,
    MatchingError,
    Mentee,
    Objective,
    Problem,
    Proposal,
    Result,
    SchoolContext,
    Weights,
)

__all__ = [
    "Coach",
    "Embedder",
    "MatchingError",
    "Mentee",
    "Objective",
    "Problem",
    "Proposal",
    "Result",
    "SchoolContext",
    "ScoreTable",
    "Weights",
    "allowed_pairs",
    "assign",
    "barrier",
    "check_problem",
    "distances_km",
    "embedding_similarity",
    "explain",
    "load_sentence_embedder",
    "parse_problem",
    "ranked_coaches",
    "result_to_json",
    "score_table",
    "settlement",
    "solve",
    "tag_key",
    "tfidf_similarity",
    "words",
]
