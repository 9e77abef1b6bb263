"""How alike two vision statements are: TF-IDF cosine by default, or a sentence-embedding
model when one is installed on this machine (never downloaded while running).

TF-IDF is written here on SciPy's sparse matrices (twenty lines, see docs/decisions.md)
rather than taken from scikit-learn.
"""

import math
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse

Matrix = npt.NDArray[np.float64]
# Texts in, one row of numbers (any length) per text out.
Embedder = Callable[[Sequence[str]], npt.NDArray[np.floating]]

DENSE_LIMIT = 20_000_000  # words x coaches: 80 MB in single precision
WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
# fmt: off
STOP_WORDS = frozenset((
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each",
    "every", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
    "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
    "school", "schools",
))
# fmt: on


def words(text: str) -> list[str]:
    """The words of a text that carry meaning: lower case, without stop words or 's."""
    found = []
    for word in WORD.findall(text.lower()):
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if len(word) > 1 and word not in STOP_WORDS:
            found.append(word)
    return found


def tfidf_rows(texts: Sequence[str]) -> sparse.csr_matrix:
    """One L2-normalised row per text: sublinear term frequency times smoothed inverse
    document frequency over these texts. A text with no words gives a row of zeros."""
    counts = [Counter(words(text)) for text in texts]
    vocabulary: dict[str, int] = {}
    for counted in counts:
        for word in counted:
            vocabulary.setdefault(word, len(vocabulary))
    document_frequency = np.zeros(len(vocabulary))
    rows, columns, values = [], [], []
    for row, counted in enumerate(counts):
        for word, count in counted.items():
            column = vocabulary[word]
            document_frequency[column] += 1
            rows.append(row)
            columns.append(column)
            values.append(1.0 + math.log(count))
    idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
    matrix = sparse.csr_matrix(
        (np.asarray(values, dtype=np.float64), (rows, columns)),
        shape=(len(texts), len(vocabulary)),
    )
    matrix = sparse.csr_matrix(matrix @ sparse.diags(idf))  # each column times its idf
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def tfidf_similarity(left: Sequence[str], right: Sequence[str]) -> Matrix:
    """Cosine similarity of each left text with each right text, between 0 and 1; the
    vocabulary and document frequencies come from both sides together."""
    return np.asarray(tfidf_similarity32(left, right), dtype=np.float64)


def tfidf_similarity32(left: Sequence[str], right: Sequence[str]) -> npt.NDArray[np.float32]:
    """tfidf_similarity in the single precision it is worked in: half the memory."""
    rows = tfidf_rows([*left, *right]).astype(np.float32)
    right_rows = rows[len(left) :].T
    if right_rows.shape[0] * right_rows.shape[1] <= DENSE_LIMIT:
        # A dense right side is far quicker than a sparse product with a dense result.
        result = np.asarray(rows[: len(left)] @ right_rows.toarray(), dtype=np.float32)
    else:
        result = np.asarray((rows[: len(left)] @ right_rows).toarray(), dtype=np.float32)
    return np.clip(result, 0.0, 1.0, out=result)


def embedding_similarity(embed: Embedder, left: Sequence[str], right: Sequence[str]) -> Matrix:
    """Cosine similarity of sentence embeddings, negatives counted as 0; empty texts 0."""
    vectors = np.asarray(embed([*left, *right]), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    empty = np.array([not text.strip() for text in [*left, *right]])
    norms[norms == 0] = 1.0
    unit = vectors / norms
    unit[empty] = 0.0
    return np.asarray(np.clip(unit[: len(left)] @ unit[len(left) :].T, 0.0, 1.0), dtype=np.float64)


def load_sentence_embedder(model_dir: str) -> Embedder | None:
    """A sentence-transformers model from a folder on this machine, or None when the
    package is not installed or the folder is not there. Never downloads: the hub is
    switched off before the package is imported."""
    if not model_dir or not Path(model_dir).is_dir():
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    model = SentenceTransformer(model_dir, local_files_only=True)

    def embed(texts: Sequence[str]) -> npt.NDArray[np.floating]:
        return np.asarray(model.encode(list(texts), normalize_embeddings=True))

    return embed
