"""The one list of tables: every module that defines tables, imported here and nowhere else for
that purpose. Alembic (``migrations/env.py``) and the test that compares the models with the
migrations read :data:`metadata`.

A feature owns its tables (``bot.handoff.models``, ``bot.callbacks.models``…) and derives them from
:class:`bot.storage.base.Base`; adding a table module means adding it below and a migration.
"""

from __future__ import annotations

from bot.callbacks import models as callback_models
from bot.console import models as console_models
from bot.handoff import models as handoff_models
from bot.live import bus as live_bus
from bot.storage import (
    admin_models,
    deliveries,
    models,
    outbox_models,
    place_models,
    privacy_models,
    review_models,
)
from bot.storage.base import Base

TABLE_MODULES = (
    models,
    admin_models,
    handoff_models,
    console_models,
    live_bus,
    callback_models,
    place_models,
    privacy_models,
    review_models,
    outbox_models,
    deliveries,
)
metadata = Base.metadata

__all__ = ["TABLE_MODULES", "metadata"]
