"""Poster requests as files: which procedures and place a request names, and the bytes to hand out.

Shared by ``motcua qr`` and the dashboard's poster page, so both accept the same names (an id or a
code; a topic id of ``topics.yaml`` or a group name, with or without diacritics; a locality id or
name) and give the same file names. A group is one PDF with a page per procedure, or a ZIP of PNG
or SVG files.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from bot.posters import render
from bot.posters.content import Links, build
from knowledge.base import KnowledgeBase
from knowledge.locality import Locality
from knowledge.problems import KnowledgeError
from knowledge.schema import Procedure
from knowledge.text import key
from knowledge.topics import Menu, load_menu

CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
ZIP = "application/zip"


@dataclass(frozen=True)
class PosterFile:
    name: str  # ASCII file name: "<procedure id>[.<locality id>].<format>"
    content_type: str
    data: bytes


def find_procedure(kb: KnowledgeBase, ident: str) -> Procedure | None:
    """A procedure by id or by code (``dang-ky-khai-sinh``, ``1.001193``)."""
    ident = ident.strip()
    return (kb.get(ident) or kb.by_code(ident)) if ident else None


def find_locality(kb: KnowledgeBase, text: str) -> Locality | None:
    """A locality by id or by name (``vi-du-phuong-mau``, ``phường mẫu``)."""
    text = text.strip()
    return (kb.localities.get(text) or kb.find_locality(text)) if text else None


def menu_or_none() -> Menu | None:
    try:
        return load_menu()
    except KnowledgeError:
        return None


def group_procedures(kb: KnowledgeBase, name: str, menu: Menu | None = None) -> list[Procedure]:
    """Every procedure of a topic (by id) or of a group (by name); empty when neither matches."""
    menu = menu if menu is not None else menu_or_none()
    topic = menu.topic(name.strip()) if menu is not None else None
    wanted = key(name)
    groups = topic.groups if topic else [g for g in kb.groups if wanted and key(g) == wanted]
    return [kb.procedures[i] for g in groups for i in kb.groups.get(g, ())]


def slug(name: str) -> str:
    """An ASCII file-name stem for a group or topic: ``Chứng thực`` → ``chung-thuc``."""
    return "-".join(key(name).split()) or "ap-phich"


def _stem(proc: Procedure, locality: Locality | None) -> str:
    return proc.id + (f".{locality.id}" if locality else "")


def poster_file(
    kb: KnowledgeBase, proc: Procedure, links: Links, locality: Locality | None, fmt: str
) -> PosterFile:
    """One procedure's poster. Raises :class:`PosterError` when it cannot be made."""
    data = render(build(kb, proc, links, locality), fmt)
    return PosterFile(f"{_stem(proc, locality)}.{fmt}", CONTENT_TYPES[fmt], data)


def bundle(
    kb: KnowledgeBase,
    procs: list[Procedure],
    links: Links,
    locality: Locality | None,
    fmt: str,
    name: str,
) -> PosterFile:
    """Several posters in one file: a PDF with a page each, or a ZIP of PNG or SVG files."""
    suffix = f".{locality.id}" if locality else ""
    if fmt == "pdf":
        from bot.posters import render_pdf
        from bot.posters.layout import layout

        pages = [layout(build(kb, proc, links, locality)) for proc in procs]
        data = render_pdf.render_many(pages, name)
        return PosterFile(f"{slug(name)}{suffix}.pdf", CONTENT_TYPES["pdf"], data)
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if fmt == "png" else zipfile.ZIP_DEFLATED  # PNG is compressed
    with zipfile.ZipFile(out, "w", method) as archive:
        for proc in procs:
            one = poster_file(kb, proc, links, locality, fmt)
            archive.writestr(one.name, one.data)
    return PosterFile(f"{slug(name)}{suffix}-{fmt}.zip", ZIP, out.getvalue())
