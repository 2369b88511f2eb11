"""Terminal tables that line up with Korean text: widths are display columns, not characters.

A Hangul syllable takes two columns on a terminal; `f"{s:<16}"` counts it as one, so every row
with Korean in it pushed the next column out of line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wcwidth import wcswidth, wcwidth


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (control characters count as one, not -1)."""
    total = wcswidth(text)
    if total >= 0:
        return total
    return sum(max(wcwidth(ch), 1) for ch in text)


def cut(text: str, columns: int) -> str:
    """``text`` shortened to at most ``columns`` display columns, with … when cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > columns - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, columns: int, align: str = "<") -> str:
    gap = " " * max(columns - width(text), 0)
    return gap + text if align == ">" else text + gap


@dataclass(frozen=True)
class Column:
    align: str = "<"  # "<" left, ">" right
    max_width: int | None = None


def render(rows: Sequence[Sequence[str]], columns: Sequence[Column], sep: str = "  ") -> list[str]:
    """Rows of cells as aligned lines; the last column is not padded."""
    cells = [[cut(str(c), col.max_width) if col.max_width else str(c) for c, col in zip(row, columns, strict=True)]
             for row in rows]  # fmt: skip
    widths = [max((width(r[i]) for r in cells), default=0) for i in range(len(columns))]
    lines = []
    for row in cells:
        parts = [
            pad(cell, widths[i], columns[i].align) if i < len(columns) - 1 or columns[i].align == ">" else cell
            for i, cell in enumerate(row)
        ]
        lines.append(sep.join(parts).rstrip())
    return lines
