"""A word in three-row box-drawing letters, in the style of Textual's Digits."""

from __future__ import annotations

from textual.widgets import Static

# Only the letters of LEFT and RIGHT are needed; anything else is shown as is.
LETTERS: dict[str, tuple[str, str, str]] = {
    "L": ("╻  ", "┃  ", "┗━╸"),
    "E": ("┏━╸", "┣━ ", "┗━╸"),
    "F": ("┏━╸", "┣━ ", "╹  "),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "I": ("╻", "┃", "╹"),
    "G": ("┏━╸", "┃╺┓", "┗━┛"),
    "H": ("╻ ╻", "┣━┫", "╹ ╹"),
    " ": ("  ", "  ", "  "),
}


def big_lines(word: str) -> tuple[str, str, str]:
    rows = ["", "", ""]
    for char in word.upper():
        glyph = LETTERS.get(char, (" ", char, " "))
        for row in range(3):
            rows[row] += glyph[row] + " "
    return (rows[0].rstrip(), rows[1].rstrip(), rows[2].rstrip())


class BigWord(Static):
    """Shows ``word`` three rows high, readable from a few metres away."""

    DEFAULT_CSS = """
    BigWord { width: auto; height: 3; }
    """

    def __init__(self, word: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(_render(word), id=id, classes=classes, markup=False)
        self._word = word

    @property
    def word(self) -> str:
        return self._word

    @word.setter
    def word(self, value: str) -> None:
        if value != self._word:
            self._word = value
            self.update(_render(value))


def _render(word: str) -> str:
    return "\n".join(big_lines(word)) if word else ""
