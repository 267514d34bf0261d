"""Everything a running motcua needs, opened in order and closed in reverse.

``await runtime.close()`` is the graceful end: it waits for the turns being handled (at most
``SHUTDOWN_TIMEOUT_SECONDS``), replays into the database whatever the spool holds and the
database takes, leaves the rest in the spool for the next start, then closes the database.
Stop the sources of new events first (web server, channels); events arriving during ``close``
are still answered, while the database is open.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass

from bot.callbacks.middleware import StoreCallbacks
from bot.callbacks.repo import CallbackRepo
from bot.config import Settings
from bot.handoff.pushed import PushedChoices
from bot.handoff.relay import HandoffRelay
from bot.handoff.repo import HandoffRepo
from bot.limits import ADDRESS, CITIZEN, NEW_IDS, Limits, redis_client
from bot.metrics import Observe
from bot.middleware import LogMessages, Middleware, RecordOutcomes, Throttle
from bot.places import default_commune
from bot.privacy.erasure import Eraser
from bot.privacy.middleware import PrivacyRights
from bot.service import ChatService
from bot.storage.alias_repo import AliasRepo
from bot.storage.answer_repo import AnswerRepo
from bot.storage.desk_repo import DeskRepo
from bot.storage.repository import Storage
from bot.storage.review_repo import ReviewRepo
from bot.storage.turns.durable import DurableTurns
from bot.storage.turns.spool import Spool, spool_directory
from knowledge.answers import index_for
from knowledge.base import KnowledgeStore
from knowledge.cache import open_snapshot
from knowledge.live import LiveMatcher
from knowledge.places import gazetteer
from knowledge.topics import load_menu

log = logging.getLogger("motcua")


@dataclass
class Runtime:
    settings: Settings
    store: KnowledgeStore
    matcher: LiveMatcher
    storage: Storage
    service: ChatService
    handoff: HandoffRelay
    turns: DurableTurns
    closed: bool = False

    @classmethod
    async def open(
        cls,
        settings: Settings,
        store: KnowledgeStore | None = None,
        matcher: LiveMatcher | None = None,
    ) -> Runtime:
        """Load and validate the knowledge base, migrate the database, wire the service.

        Raises :class:`knowledge.problems.KnowledgeError` when the knowledge files are invalid.
        A store and matcher may be passed in to share them (tests build them once).
        """
        menu = None
        if store is None:  # from the cache of the validated files when it has this build
            snapshot = open_snapshot(settings.knowledge_cache)
            store = KnowledgeStore(files=snapshot.files())
            matcher = matcher or LiveMatcher(store, built=snapshot.matcher)
            menu = snapshot.menu
        matcher = matcher or LiveMatcher(store)
        timeout = settings.database_timeout_seconds
        storage = await Storage.open(
            settings.database_url, timeout=timeout, lanes=settings.database_lanes
        )
        spool = Spool(spool_directory(settings.spool_dir, settings.database_url))
        turns = DurableTurns(
            storage.turns, spool, timeout=timeout, retry_every=settings.database_retry_seconds
        )
        turns.eraser = Eraser(storage.engine, spool.directory)  # erasures spooled while down
        try:
            await turns.start()  # replays what a previous run left in the spool
            learned = await AliasRepo(storage.engine).learned()
            answers = await AnswerRepo(storage.engine).answers()
            desk_repo = DeskRepo(storage.engine)
            desks, fees = await desk_repo.desks(), await desk_repo.all_province_fees()
            store.set_reviews(await ReviewRepo(storage.engine).overlay())
        except BaseException:
            await turns.close(timeout=0)
            await storage.close()
            raise
        matcher.set_learned(learned)  # the dashboard's aliases
        limits = Limits(
            {
                CITIZEN: settings.rate_limit_per_minute,
                ADDRESS: settings.address_messages_per_minute,
                NEW_IDS: settings.address_new_ids_per_minute,
            },
            redis=redis_client(settings.redis_url) if settings.redis_url else None,
        )
        service = ChatService(
            store,
            matcher,
            menu or load_menu(),
            storage,
            turns=turns,
            max_in_flight=settings.max_turns_in_flight or None,
            limits=limits,
        )
        service.answers.set_answers(a.live() for a in answers)  # the supervisors' answers
        service.places = gazetteer()  # every commune and old name (restored with the snapshot)
        service.default_commune = default_commune(settings.default_locality, service.places)
        service.desks.replace(desks, fees)
        service.callback_days = settings.retention_callbacks_days
        handoff = HandoffRelay(
            HandoffRepo(storage.engine), service.outbound, storage, store, matcher
        )
        middlewares: list[Middleware] = [
            Observe(),  # metrics and request ids (bot/metrics.py); outermost
            Throttle(settings.rate_limit_per_minute, limits=limits),
            PrivacyRights(storage.engine, turns, service.outbound, settings),  # outside the log
            LogMessages(),
            PushedChoices(),  # a typed number answering a pushed message (Zalo)
            handoff,
            StoreCallbacks(CallbackRepo(storage.engine)),  # the number, in its own table only
            RecordOutcomes(),
        ]
        service.middlewares = middlewares
        log.info("knowledge base: %d procedures", len(store.current.procedures))
        # The passage index that answers inside a procedure: ~40 ms once the answer words come
        # from the knowledge cache, so built here, before ready, rather than by the first
        # question after the start (a new knowledge base later has its own built in a thread).
        index_for(store.current.procedures)
        # What startup allocated (the knowledge base, the matcher's index: ~60 ms for one full
        # collection) is kept out of the garbage collector's scans: without this, collections
        # under load stall every turn in flight (they were the p99 latency). Undone by close().
        gc.freeze()
        return cls(settings, store, matcher, storage, service, handoff, turns)

    async def close(self) -> None:
        """Let in-flight turns finish, flush the spool into the database if it answers, close.

        Closing twice is harmless."""
        if self.closed:
            return
        self.closed = True
        timeout = self.settings.shutdown_timeout_seconds
        if not await self.service.wait_idle(timeout):
            log.warning(
                "close: %d turn(s) still running after %.0f s", self.service.in_flight, timeout
            )
        await self.turns.close(timeout=timeout)
        await self.storage.close()
        if self.service.limits is not None:
            await self.service.limits.close()
        gc.unfreeze()
