"""Mutations of every built-in routine file: whatever a slip of the hand does to one, the loader
answers with a valid routine or located problems, and the library and `list` keep working.

(test_loader_properties.py fuzzes random bytes, random TOML and mutations of the example.)
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer import cli
from hiptimer.core.loader import parse_routine
from hiptimer.library import load_routine
from hiptimer.library import builtin_folder, discover
from hiptimer.paths import user_paths

from test_loader_properties import REPLACEMENTS, VALUE_LINE, assert_answered

BUILTINS = sorted(builtin_folder().glob("*.toml"))
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in BUILTINS}
PATH = "routines/mutated.toml"
BOUNDED = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])
# Characters that matter to TOML, and a few that matter to people.
NOISE = ['"', "'", "[", "]", "{", "}", "=", ",", "#", "\n", "\\", " ", "\t", ".", "-", "é",
         "\x00", "\u202e", "\r", "\ufeff", "1e999", "0x1F"]


def test_there_are_built_in_routines_and_all_are_valid() -> None:
    assert len(BUILTINS) >= 5
    for path in BUILTINS:
        assert load_routine(path).ok, path


@st.composite
def line_mutations(draw: st.DrawFn) -> str:
    """A built-in file with lines deleted, duplicated, moved or given a value of the wrong type."""
    lines = TEXTS[draw(st.sampled_from(sorted(TEXTS)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        position = draw(st.integers(0, len(lines) - 1))
        mutation = draw(st.sampled_from(["delete", "duplicate", "move", "retype", "cut"]))
        if mutation == "delete":
            del lines[position]
        elif mutation == "duplicate":
            lines.insert(position, lines[position])
        elif mutation == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(position))
        elif mutation == "retype" and (match := VALUE_LINE.match(lines[position])):
            lines[position] = match.group(1) + draw(st.sampled_from(REPLACEMENTS)) + "\n"
        elif mutation == "cut":
            lines = lines[:position]
    return "".join(lines)


@st.composite
def character_mutations(draw: st.DrawFn) -> str:
    """A built-in file with characters deleted, inserted or replaced anywhere, or cut short."""
    text = TEXTS[draw(st.sampled_from(sorted(TEXTS)))]
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        mutation = draw(st.sampled_from(["delete", "insert", "replace", "truncate"]))
        length = draw(st.integers(1, 8))
        noise = draw(st.sampled_from(NOISE) | st.text(max_size=3))
        if mutation == "delete":
            text = text[:at] + text[at + length:]
        elif mutation == "insert":
            text = text[:at] + noise + text[at:]
        elif mutation == "replace":
            text = text[:at] + noise + text[at + len(noise):]
        else:
            text = text[:at]
    return text


@BOUNDED
@given(line_mutations())
def test_line_mutations_of_every_built_in(text: str) -> None:
    assert_answered(parse_routine(text, PATH), PATH)


@BOUNDED
@given(character_mutations())
def test_character_mutations_of_every_built_in(text: str) -> None:
    assert_answered(parse_routine(text, PATH), PATH)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(TEXTS)), st.data())
def test_byte_damage_to_a_built_in_file(name: str, data: st.DataObject) -> None:
    """Bytes flipped on disk (a bad copy, a half-written file): read from the file itself."""
    raw = bytearray(TEXTS[name].encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    raw = raw[:data.draw(st.integers(0, len(raw)))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(bytes(raw))
        assert_answered(load_routine(path), str(path))


@settings(max_examples=15, deadline=None)
@given(st.lists(line_mutations() | character_mutations(), min_size=1, max_size=6))
def test_a_folder_of_damaged_copies_still_lists(texts: list[str]) -> None:
    """The library and `hiptimer list` show every file, valid or with its first problem."""
    with tempfile.TemporaryDirectory() as folder:
        paths = user_paths({"HIPTIMER_HOME": folder})
        paths.routines.mkdir()
        for number, text in enumerate(texts):
            (paths.routines / f"copy-{number}.toml").write_text(text, encoding="utf-8")
        entries = [entry for entry in discover(paths) if not entry.builtin]
        assert sorted(entry.stem for entry in entries) == [f"copy-{n}" for n in range(len(texts))]
        for entry in entries:
            assert (entry.routine is None) == (entry.error is not None)
            if entry.error is not None:
                assert re.match(rf"{re.escape(str(entry.path))}:", entry.error)


def test_list_shows_damaged_copies_with_their_first_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HIPTIMER_HOME", str(tmp_path))
    (tmp_path / "routines").mkdir()
    for number, (name, text) in enumerate(sorted(TEXTS.items())):
        broken = (text.replace("[[exercise]]", "[[exercise]", 1)
                  if number % 2 and "[[exercise]]" in text  # a routine of parts has none
                  else text.replace("name", "nmae", 1))
        (tmp_path / "routines" / f"broken-{name}").write_text(broken, encoding="utf-8")
    assert cli.main(["list"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and f"{len(TEXTS)} invalid routine file(s)" in out
    for name in TEXTS:
        assert f"  broken-{name.removesuffix('.toml')}: " in out
