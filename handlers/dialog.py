"""Routes free text, files and /cancel to the conversation the person is in.

Each journey with several steps declares its conversations once, as `Flow` values in
its module's ``FLOWS``; bot/app.py hands them all to one `Router`. The flow a person is
in is read from the database on every message, so after a restart the next message
still reaches the right journey. With no flow, the person gets a short hint.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from telegram import Update
from telegram.ext import filters

from handlers import texts
from handlers.common import identify, reply
from handlers.context import BotContext

Step = Callable[[Update, BotContext], Awaitable[bool]]
"""Takes a message; False if it was not for this step (it goes on)."""

End = Callable[[Update, BotContext], Awaitable[Mapping[str, object] | None]]
"""Leaves a conversation on /cancel; the values its words are formatted with, or None
if there was nothing under way after all."""

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, None]]

MESSAGES = (filters.TEXT & ~filters.COMMAND) | filters.Document.ALL | filters.PHOTO
"""What the router sees: free text, files and pictures (commands have their handlers)."""


@dataclass(frozen=True, slots=True)
class Flow:
    """One multi-step conversation, declared once by its journey.

    ``name`` is what the journey's service writes as ``sessions.flow``. ``cancel`` says
    what /cancel does in it: ``"pause"`` keeps the work for later (the report's draft),
    ``"discard"`` drops it. ``cancelled`` is the catalogue's sentence said afterwards,
    formatted with what ``end`` returns; without ``end`` the session is cleared.
    """

    name: str
    on_message: Step
    cancel: Literal["pause", "discard"]
    cancelled: str
    end: End | None = None

    def __post_init__(self) -> None:
        if self.cancel == "pause" and self.end is None:
            raise ValueError(f"flow {self.name!r} pauses on /cancel but says not how")


class Router:
    """The one place that knows the flows: messages and /cancel go where the person is."""

    def __init__(self, flows: Iterable[Flow]) -> None:
        self.flows: dict[str, Flow] = {}
        for flow in flows:
            if flow.name in self.flows:
                raise ValueError(f"flow {flow.name!r} is declared twice")
            self.flows[flow.name] = flow

    async def _current(self, update: Update, context: BotContext) -> tuple[int, str | None]:
        user = update.effective_user
        assert user is not None  # the guard lets through private chats only
        return user.id, await context.services.conversations.flow_of(user.id)

    async def on_message(self, update: Update, context: BotContext) -> None:
        if update.effective_user is None:
            return
        _, name = await self._current(update, context)
        flow = self.flows.get(name) if name else None
        if flow is not None and await flow.on_message(update, context):
            return
        await idle(update, context)

    def ahead(self, step: Step) -> Callback:
        """A handler that sees some messages before the router; what ``step`` does not
        take (returns False) goes on to the router as any other message."""

        async def handle(update: Update, context: BotContext) -> None:
            if not await step(update, context):
                await self.on_message(update, context)

        return handle

    async def on_cancel(self, update: Update, context: BotContext) -> None:
        """/cancel: the person's conversation pauses or ends as its flow declares."""
        if update.effective_user is None:
            return
        user_id, name = await self._current(update, context)
        flow = self.flows.get(name) if name else None
        if flow is None:
            if name is not None:
                # A conversation no journey declares any more (an older version's):
                # nothing could continue it, so it goes.
                await context.services.conversations.end(user_id, name)
            await nothing_to_cancel(update, context)
            return
        if flow.end is not None:
            values = await flow.end(update, context)
        else:
            ended = await context.services.conversations.end(user_id, flow.name)
            values = {} if ended is not None else None
        if values is None:
            await nothing_to_cancel(update, context)
        else:
            await reply(update, context, flow.cancelled.format(**values))


async def _by_who(update: Update, context: BotContext, *, member: str, office: str) -> None:
    """Reply with ``member``'s text to a unit member, ``office``'s to the office, and
    the invite hint to anyone else."""
    who = await identify(update, context)
    if who is not None and who.is_bound:
        await reply(update, context, member)
    elif who is not None and who.is_office:
        await reply(update, context, office)
    else:
        await reply(update, context, texts.NEED_INVITE)


async def idle(update: Update, context: BotContext) -> None:
    """A message outside any conversation: a hint of what to do."""
    await _by_who(update, context, member=texts.IDLE_BOUND, office=texts.IDLE_OFFICE)


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    """/cancel with nothing under way. A unit member is pointed to /report (the one
    conversation /cancel pauses); the office is told there is nothing to cancel."""
    await _by_who(update, context, member=texts.NOT_IN_REPORT, office=texts.CANCEL_NOTHING)


async def on_unknown_command(update: Update, context: BotContext) -> None:
    who = await identify(update, context)
    await reply(
        update,
        context,
        texts.UNKNOWN_COMMAND if who and (who.is_bound or who.is_office) else texts.NEED_INVITE,
    )
