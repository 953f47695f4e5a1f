"""The core (model, loader, plan, engine) is pure: standard library only."""

import ast
import subprocess
import sys
from pathlib import Path

import hiptimer.core

CORE = Path(hiptimer.core.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_core_modules_import_only_the_standard_library_and_the_core() -> None:
    offenders = {}
    for path in sorted(CORE.glob("*.py")):
        bad = {name for name in imported_modules(path)
               if name.split(".")[0] not in sys.stdlib_module_names
               and not name.startswith("hiptimer.core")}
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_plain_runner_and_core_load_no_ui_or_sound_library() -> None:
    code = ("import sys, hiptimer.core.engine, hiptimer.core.loader, hiptimer.plain, hiptimer.cli;"
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('textual', 'rich', 'simpleaudio'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


def test_the_import_contracts_hold() -> None:
    """pyproject.toml's [tool.importlinter] contracts: the core, the listeners, the two shells."""
    result = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports;"
                             "raise SystemExit(lint_imports())"],
                            capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "stat",
              "iterdir", "is_file", "mkdir", "unlink", "listdir", "scandir"}
IO_MODULES = {"io", "shutil", "subprocess", "sqlite3", "socket", "tempfile", "glob"}


def test_the_core_does_no_file_io() -> None:
    """The core parses text it is given; reading files is the library's (hiptimer/files.py)."""
    offenders = []
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else (
                    node.func.id if isinstance(node.func, ast.Name) else "")
                if name in FILE_CALLS:
                    offenders.append(f"{path.name}:{node.lineno} {name}()")
        offenders += [f"{path.name}: imports {name}" for name in imported_modules(path)
                      if name.split(".")[0] in IO_MODULES or name == "pathlib.Path"]
    assert offenders == []
