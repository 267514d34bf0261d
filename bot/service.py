"""The chat service every channel calls: one read and one write per turn, middlewares around
the core.

A turn reads one snapshot (state and its version, volunteer link, active ticket), runs the
middlewares and the core, and commits one write set: the new state, if its version is still the
one read, with the message log, unmet requests and feedback, in one transaction.

Several instances may share the database and a citizen's two messages may reach two of them at
once (webhooks behind a load balancer). The state is then protected optimistically: the second
commit finds the version moved on, writes nothing, and the turn runs again on the fresh state
(the core is pure, and the middlewares' side effects on that path are idempotent). Holding a row
lock instead (``SELECT … FOR UPDATE``) would keep a connection and a lock through the core and
the handoff relay's network calls on every turn, and SQLite has no row locks. Within one
instance, one citizen's messages are handled one at a time, in order, so conflicts only arise
between instances.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import partial

from bot.inputs import clean_event
from bot.limits import Limits
from bot.middleware import Middleware, Next, TurnContext
from bot.ordering import PerKeyOrder
from bot.outbound import Outbound
from bot.places import Desks, vietnam_now
from bot.rows import message
from bot.storage.repository import Storage
from bot.storage.turns.records import TurnWrite
from bot.storage.turns.store import TurnStore
from handlers import Context, Incoming, Reply, State, Turn, handle
from knowledge.answers import prepare
from knowledge.base import KnowledgeStore
from knowledge.live import LiveAnswers, LiveMatcher
from knowledge.places import Gazetteer
from knowledge.topics import Menu

log = logging.getLogger("motcua.service")

SORRY = "Xin lỗi, motcua đang gặp trục trặc. Bạn thử lại sau ít phút nhé."
# Runs of one turn while other instances keep changing the citizen's state: each conflict means
# another turn was stored, and waits grow (up to BACKOFF_CAP) until the other burst is over.
ATTEMPTS = 30
BACKOFF_CAP = 0.1
# Decoded states kept (see DecodedStates): every citizen in conversation with one instance at
# the rates measured, at ~3 KB each.
DECODED_STATES = 512


class ClientGone(Exception):
    """The client that sent the event is no longer waiting: the turn was dropped unstored."""


class DecodedStates:
    """The states this instance stored last, decoded, by citizen, the latest :attr:`size`.

    A citizen's next turn usually reads back the very text its previous turn stored; the state
    that text was encoded from is then used again instead of parsing the text (parsing was ~8 %
    of the conversation core's CPU in profiles). Sound because the core never changes the state
    it is given (it works on a fork) and a state the core returns decodes to exactly itself
    (``tests/handlers/test_state_codec.py``). Any other text (another instance's turn, a pushed
    message's options, an erasure) is decoded."""

    def __init__(self, size: int = DECODED_STATES) -> None:
        self.size = size
        self._kept: OrderedDict[tuple[str, str], tuple[str, State]] = OrderedDict()

    def decode(self, key: tuple[str, str], text: str | None) -> State:
        kept = self._kept.get(key)
        if kept is not None and text is not None and kept[0] == text:
            return kept[1]
        return State.decode(text)

    def keep(self, key: tuple[str, str], text: str, state: State) -> None:
        self._kept[key] = (text, state)
        self._kept.move_to_end(key)
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)


class ChatService:
    def __init__(
        self,
        store: KnowledgeStore,
        matcher: LiveMatcher,
        menu: Menu,
        storage: Storage,
        middlewares: Sequence[Middleware] = (),
        turns: TurnStore | None = None,
        max_in_flight: int | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.store, self.matcher, self.menu, self.storage = store, matcher, menu, storage
        self.turns: TurnStore = turns or storage.turns
        self.middlewares = middlewares
        self.outbound = Outbound()  # channels that can push register here when they start
        self.answers = LiveAnswers()  # supervisors' answers in service (bot/admin/answers.py)
        # A new knowledge base (reload, reviews, a new day) has its passage index built in a
        # thread at once; the first one's is built by Runtime.open, before ready.
        store.on_swap(lambda kb: prepare(kb.procedures))
        self.places: Gazetteer | None = None  # every commune and old name (knowledge/places.py)
        self.desks = Desks()  # the communes' desks, by commune code
        self.default_commune: int | None = None  # DEFAULT_LOCALITY
        self.callback_days = 30  # RETENTION_CALLBACKS_DAYS, said to citizens leaving a number
        self._order: PerKeyOrder[tuple[str, str]] = PerKeyOrder()  # one user at a time
        self._states = DecodedStates()
        # Above this many events in flight, entry points refuse new ones (503, Retry-After)
        # rather than queue them: past the instance's capacity, queueing only adds waiting.
        self.max_in_flight = max_in_flight
        self.limits = limits  # rate limits the entry points apply too (per client address)

    @property
    def middlewares(self) -> list[Middleware]:
        return list(self._middlewares)

    @middlewares.setter
    def middlewares(self, middlewares: Sequence[Middleware]) -> None:
        """Set the middlewares (outermost first) and build the call chain once."""
        self._middlewares = list(middlewares)
        call: Next = self._core
        for middleware in reversed(self._middlewares):
            call = partial(middleware, call_next=call)  # type: ignore[call-arg]
        self._chain = call

    @property
    def in_flight(self) -> int:
        """Events being handled or waiting for their user's previous one."""
        return self._order.in_flight

    @property
    def overloaded(self) -> bool:
        """True when a new event should be refused (see ``max_in_flight``)."""
        return self.full(0)

    def full(self, backlog: int) -> bool:
        """True when a new event should be refused, counting ``backlog`` events a channel has
        accepted but not yet handed over (a webhook's queue)."""
        return (
            self.max_in_flight is not None and self._order.in_flight + backlog >= self.max_in_flight
        )

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until no event is being handled, at most ``timeout`` seconds; True if none is."""
        return await self._order.wait_idle(timeout)

    async def handle(self, event: Incoming, wanted: Callable[[], bool] | None = None) -> Turn:
        """Answer one event. One user's messages are handled one at a time, in order.

        Its text is cleaned first (:func:`bot.inputs.clean_event`); an id that cannot be stored
        raises :class:`bot.inputs.BadInput` before anything is read or written. ``wanted``
        (the web chat: is the client still connected?) is asked before the turn's read and
        before its write: once it says no, :class:`ClientGone` is raised and nothing of the turn
        is stored, so a client's retry is not handled twice."""
        event = clean_event(event)
        async with self._order.hold((event.channel, event.user)):
            return await self._turn(event, wanted)

    async def _turn(self, event: Incoming, wanted: Callable[[], bool] | None) -> Turn:
        for attempt in range(1, ATTEMPTS + 1):
            if wanted is not None and not wanted():
                raise ClientGone
            try:
                snapshot = await self.turns.read(event.channel, event.user)
            except Exception:  # refused for this turn alone (an outage is handled below us)
                log.exception("reading a %s turn failed", event.channel)
                return Turn((Reply(SORRY),))
            write = TurnWrite(
                event.channel,
                event.user,
                snapshot.user_id,
                snapshot.version,
                base_turn=snapshot.turn_id,
            )
            try:
                turn = await self._chain(event, TurnContext(event, snapshot, write))
            except Exception:  # a failing middleware (e.g. the relay's database): one reply
                log.exception("turn failed for %s event", event.kind.value)
                turn = Turn((Reply(SORRY),))
                write.messages.append(message("out", SORRY, channel=event.channel))
            if attempt == ATTEMPTS:  # keep the rows; the state others wrote wins
                log.warning("a %s user's state kept changing: this turn's dropped", event.channel)
                write.state = None
            if wanted is not None and not wanted():
                raise ClientGone
            if (await self.turns.write(write)).ok:
                return turn
            await asyncio.sleep(random.uniform(0, min(BACKOFF_CAP, 0.001 * 2**attempt)))
        raise AssertionError("unreachable: the last attempt writes without a state")

    async def remember_pushed(self, channel: str, user: str, replies: tuple[Reply, ...]) -> None:
        """Make the buttons of pushed ``replies`` the options a typed number answers (channels
        without buttons: Zalo), for :class:`bot.handoff.pushed.PushedChoices` in the person's
        next turn.

        Written like a turn's state, through the turn store: conditional on the version read
        (a turn that read the state before conflicts and runs again on it), spooled while the
        database is down. Not under the person's ordering: a push may come from inside a turn of
        the same person. Best effort: a failure is logged and the message is still sent."""
        actions = [b.action for r in replies for b in r.buttons]
        if not actions:
            return
        try:
            for _ in range(ATTEMPTS):
                snapshot = await self.turns.read(channel, user)
                state = State.decode(snapshot.state)
                state.offered = actions
                write = TurnWrite(
                    channel,
                    user,
                    snapshot.user_id,
                    snapshot.version,
                    state=state.encode(),
                    base_turn=snapshot.turn_id,
                )
                if (await self.turns.write(write)).ok:
                    return
        except Exception as exc:
            log.warning("%s: pushed options not stored (%s)", channel, type(exc).__name__)

    async def _core(self, event: Incoming, turn_context: TurnContext) -> Turn:
        now = vietnam_now()  # one reading of the clock: the citizen's day is its date
        kb = self.store.current
        index = prepare(kb.procedures)
        if not index.done():  # built in a thread meanwhile; a failed build is retried inline
            with contextlib.suppress(Exception):
                await asyncio.wrap_future(index)
        context = Context(
            kb,
            self.matcher.current,
            self.menu,
            today=now.date(),
            answers=self.answers.current,
            places=self.places,
            desks=self.desks.current,
            province_fees=self.desks.fees,
            now=now,
            default_commune=self.default_commune,
            callback_days=self.callback_days,
        )
        key = (event.channel, event.user)
        try:
            state = self._states.decode(key, turn_context.snapshot.state)
            turn, new_state = handle(event, state, context)
        except Exception:  # a bug must cost one reply, not the conversation
            log.exception("handler failed for %s event", event.kind.value)
            return Turn((Reply(SORRY),))
        turn_context.write.state = text = new_state.encode()
        self._states.keep(key, text, new_state)
        return turn
