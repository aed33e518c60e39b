import crosswire


def test_public_api_does_not_drift():
    assert sorted(crosswire.__all__) == sorted(
        [
            "Analysis", "Article", "Claim", "Comparison", "CrosswireError", "Entity", "Evidence", "Finding",
            "InputError", "ModelError", "Note", "Problem", "Quantity", "Quote", "Span", "TimeExpr",
            "__version__", "compare", "extract", "render",
        ]
    )
    for name in crosswire.__all__:
        assert hasattr(crosswire, name), name


def test_importing_crosswire_loads_no_model_library():
    import subprocess
    import sys

    code = "import sys, crosswire; print(any(m in sys.modules for m in ('spacy', 'onnxruntime', 'trafilatura')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
