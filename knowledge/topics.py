"""The citizen-facing menu (``knowledge/topics.yaml``): everyday topics over procedure groups."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from knowledge.problems import KnowledgeError, Problem
from knowledge.schema import ProcedureId, Strict, Text
from knowledge.yamlio import read_yaml

TOPICS_FILE = Path(__file__).with_name("topics.yaml")


class Topic(Strict):
    id: ProcedureId
    label: Text
    groups: list[Text] = Field(min_length=1)


class Menu(Strict):
    topics: list[Topic] = Field(min_length=1)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def topic_of(self, group: str) -> Topic | None:
        return next((t for t in self.topics if group in t.groups), None)


def load_menu(path: Path = TOPICS_FILE) -> Menu:
    try:
        return Menu.model_validate(read_yaml(path))
    except ValueError as exc:
        raise KnowledgeError([Problem(str(path), "topics", str(exc))]) from exc
