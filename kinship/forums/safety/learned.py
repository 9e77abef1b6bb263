"""The learned layer: a linear model over words, word pairs, letter runs and concept tokens
(concepts.py), trained on the tuning corpus, for what the rules do not read. Pure Python
with scikit-learn; no Django import.

It is trained in memory from the tuning corpus the first time a process needs it (a few
seconds) and kept for the life of the process; the trained model is also kept in the var
directory (KINSHIP_VAR_DIR, as in settings), named by a digest of the corpus, this code and
scikit-learn's version, so later processes load it in a fraction of a second. Nothing is
downloaded.

It also gives a second opinion on what only the phrase rules hold: a message it reads as
plainly ordinary (a story's plot, a game, a lesson) is released. Both of its cut-offs are
chosen by five-fold cross-validation on the tuning corpus alone: the veto releases at most
VETO_COST of the concerning messages the phrase rules hold, and the threshold is the lowest
score at which the model adds no more than TARGET_FALSE_HOLDS of the tuning set's ordinary
messages to the rules' holds. (Those ordinary messages include many hard near misses that
the rules hold; on messages never seen, rules and model together should hold 3% at most.)
"""

import csv
import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from kinship.forums.safety.concepts import concept_tokens

TUNING_CSV = Path(__file__).parents[1] / "tests" / "corpus" / "tuning.csv"
NONE = "none"
TARGET_FALSE_HOLDS = 0.03  # of the tuning set's ordinary messages, added by the model
FOLDS = 5
C_HELD = 10.0
VETO_COST = 0.01  # of the concerning messages the phrase rules alone hold
MAX_VETO = 0.5
PASSED, PHRASES, FIRM = 0, 1, 2
SEED = 14
VERSION = "2"


@dataclass
class Model:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    held: LogisticRegression  # a concern or not
    category: LinearSVC  # which concern, trained on the concerning messages only
    threshold: float  # a message the rules pass is held from this score up
    veto: float  # a message only the phrase rules hold is released below this score

    def scores(self, texts: list[str]) -> tuple[Any, list[str]]:
        """P(a concern) for each text, and its most likely category."""
        features = _features(self.words, self.chars, texts)
        concern = self.held.predict_proba(features)[:, 1]
        return concern, [str(label) for label in self.category.predict(features)]


def _document(joined: str) -> str:
    return f"{joined} {' '.join(concept_tokens(joined))}"


def _vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    words = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"(?u)\b\w+\b"
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, max_features=60000
    )
    return words, chars


def _features(words: TfidfVectorizer, chars: TfidfVectorizer, texts: list[str]) -> Any:
    documents = [_document(text) for text in texts]
    return hstack([words.transform(documents), chars.transform(texts)]).tocsr()


def _fit(
    texts: list[str], labels: list[str], *, categories: bool = True
) -> tuple[TfidfVectorizer, TfidfVectorizer, LogisticRegression, LinearSVC | None]:
    words, chars = _vectorizers()
    documents = [_document(text) for text in texts]
    matrix = hstack([words.fit_transform(documents), chars.fit_transform(texts)]).tocsr()
    held = LogisticRegression(C=C_HELD, solver="liblinear", max_iter=1000, class_weight="balanced")
    held.fit(matrix, [label != NONE for label in labels])
    category = None
    if categories:
        concerning = [i for i, label in enumerate(labels) if label != NONE]
        category = LinearSVC(C=0.5, class_weight="balanced")
        category.fit(matrix[concerning], [labels[i] for i in concerning])
    return words, chars, held, category


def _rows() -> list[tuple[str, str]]:
    with TUNING_CSV.open(encoding="utf-8", newline="") as handle:
        return [(row["message"], row["category"].strip()) for row in csv.DictReader(handle)]


def train(rows: list[tuple[str, str]], *, rules: list[int] | None = None) -> Model:
    """A model from (joined text, category) rows. `rules` says how the rules judge each row
    (PASSED, PHRASES: held by phrase patterns alone, FIRM: held by anything else), so the
    threshold counts only the false holds the model adds and the veto only what it releases."""
    texts = [text for text, _ in rows]
    labels = [label for _, label in rows]
    judged = rules or [PASSED] * len(rows)
    held_by_rules = [judgement != PASSED for judgement in judged]
    out_of_fold = np.zeros(len(rows))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train_index, test_index in folds.split(texts, labels):
        words, chars, held, _ = _fit(
            [texts[i] for i in train_index], [labels[i] for i in train_index], categories=False
        )
        fold_texts = [texts[i] for i in test_index]
        out_of_fold[test_index] = held.predict_proba(_features(words, chars, fold_texts))[:, 1]
    # The highest veto that releases at most VETO_COST of the concerning messages that
    # only the phrase rules hold (the false holds it takes back are the gain).
    phrased = sorted(
        out_of_fold[i]
        for i, (_, label) in enumerate(rows)
        if label != NONE and judged[i] == PHRASES
    )
    veto = min(float(phrased[int(VETO_COST * len(phrased))]) if phrased else 0.0, MAX_VETO)
    # The lowest threshold at which the model adds no more than TARGET_FALSE_HOLDS of the
    # ordinary messages to the rules' holds.
    ordinary = [i for i, (_, label) in enumerate(rows) if label == NONE]
    allowed = int(TARGET_FALSE_HOLDS * len(ordinary))
    free = sorted((out_of_fold[i] for i in ordinary if not held_by_rules[i]), reverse=True)
    threshold = float(free[min(allowed, len(free) - 1)]) + 1e-6 if free else 0.5
    words, chars, held, category = _fit(texts, labels)
    assert category is not None
    return Model(words, chars, held, category, max(threshold, 0.05), veto)


def _digest() -> str:
    digest = hashlib.sha256(TUNING_CSV.read_bytes())
    # The rule layers too: the cut-offs are chosen around what the rules hold.
    here = Path(__file__).parent
    for source in ("learned.py", "concepts.py", "normalise.py", "words.py", "broad.py"):
        digest.update((here / source).read_bytes())
    for lexicon in sorted((here / "lexicons").glob("*.txt")):
        digest.update(lexicon.read_bytes())
    digest.update(f"{sklearn.__version__}/{VERSION}".encode())
    return digest.hexdigest()[:16]


_LOCK = threading.Lock()
_MODEL: Model | None = None


def _train_from_corpus() -> Model:
    # Imported here: the rule layers import nothing from this module.
    from kinship.forums.safety import rules_judgement
    from kinship.forums.safety.normalise import forms

    rows = _rows()
    joined = [(forms(message).joined, label) for message, label in rows]
    return train(joined, rules=[rules_judgement(message) for message, _ in rows])


def model() -> Model:
    """The model, trained once per process (or loaded from KINSHIP_VAR_DIR)."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    with _LOCK:
        if _MODEL is not None:
            return _MODEL
        var = Path(os.environ.get("KINSHIP_VAR_DIR", "") or Path(__file__).parents[3] / "var")
        cached = var / "pupil-filter" / f"model-{_digest()}.joblib"
        loaded: Model | None = None
        if cached.is_file():
            try:
                loaded = joblib.load(cached)
            except Exception:  # a cache from another version: train again
                loaded = None
        if not isinstance(loaded, Model):
            loaded = _train_from_corpus()
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                partial = cached.with_suffix(f".{os.getpid()}.tmp")
                joblib.dump(loaded, partial)
                partial.replace(cached)
            except OSError:
                pass  # a read-only var directory: train in each process
        _MODEL = loaded
        return loaded


def judge(joined: str) -> tuple[bool, str, float]:
    """(held, category, score) for one message in `joined` form that the rules pass."""
    trained = model()
    scores, categories = trained.scores([joined])
    score = float(scores[0])
    return score >= trained.threshold, categories[0], score


def vetoed(joined: str) -> bool:
    """Whether a message that only the phrase rules hold reads plainly as ordinary."""
    trained = model()
    scores, _categories = trained.scores([joined])
    return float(scores[0]) < trained.veto
