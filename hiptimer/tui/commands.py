"""The command palette offers each screen's own key bindings: one declaration, two ways in."""

from __future__ import annotations

from functools import partial
from typing import Iterator

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen


def binding_commands(screen: Screen) -> Iterator[SystemCommand]:
    """One palette command per binding of ``screen`` that has an ``id`` and is available now."""
    seen: set[str] = set()
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        if binding.id is None or binding.id in seen:
            continue
        seen.add(binding.id)
        action_name, _, _ = binding.action.partition("(")
        if "." not in action_name and not screen.check_action(action_name, ()):
            continue
        yield SystemCommand(binding.description, binding.tooltip or binding.description,
                            partial(screen.run_action, binding.action))
