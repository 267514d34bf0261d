"""Split a long reply into messages a channel accepts, at line or word boundaries.

Replies are plain text, so "markup" means lines: a chunk breaks after a whole line when it can,
else after a whole word, and only cuts inside a word longer than the limit itself.
"""

from __future__ import annotations


def split_text(text: str, limit: int) -> list[str]:
    if limit < 1:
        raise ValueError("limit must be positive")
    chunks: list[str] = []
    current = ""
    for line in (raw.rstrip() for raw in text.split("\n")):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        current = ""
        for piece in _words(line, limit):
            candidate = f"{current} {piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current or not chunks:
        chunks.append(current)
    return [c.strip("\n") or "…" for c in chunks]


def _words(line: str, limit: int) -> list[str]:
    pieces: list[str] = []
    for word in line.split(" "):
        while len(word) > limit:
            pieces.append(word[:limit])
            word = word[limit:]
        pieces.append(word)
    return pieces
