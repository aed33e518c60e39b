import pathlib

import pytest

from crosswire.errors import ConfigError
from crosswire.settings import SETTINGS, load_settings

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in text, f"README lacks a row for setting {setting.name}"


def test_layers_file_then_environment_then_command_line(tmp_path):
    config = tmp_path / "crosswire.toml"
    config.write_text('[crosswire]\nmax_bytes = 1000\nbatch_size = 8\nembeddings = false\n')
    env = {"CROSSWIRE_BATCH_SIZE": "4", "CROSSWIRE_SPACY_MODEL": "/models/en"}
    values = load_settings(["spacy_model=/other/en"], environ=env, config=config)
    assert values["max_bytes"] == 1000  # from the file
    assert values["batch_size"] == 4  # the environment beats the file
    assert values["spacy_model"] == "/other/en"  # --set beats the environment
    assert values["embeddings"] is False
    assert values["processes"] == 1  # the default


@pytest.mark.parametrize(
    "overrides, message",
    [(["colour=red"], "unknown setting 'colour'"), (["max_bytes=lots"], "max_bytes must be int"),
     (["embeddings=maybe"], "must be true or false"), (["max_bytes"], "expected name=value")],
)
def test_a_bad_setting_is_one_clear_error(overrides, message, tmp_path):
    with pytest.raises(ConfigError, match=message):
        load_settings(overrides, environ={}, config=tmp_path / "none.toml")
