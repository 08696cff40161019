"""The Bot API stand-in must behave like Telegram for PTB, or e2e tests would prove nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaDocument,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit, ParseMode
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from bot.standin import BotApiStandin, HtmlParseError, SentMessage, html_to_text, parse_html

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)


@pytest.fixture
async def standin() -> AsyncIterator[BotApiStandin]:
    server = BotApiStandin()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def bot(standin: BotApiStandin) -> AsyncIterator[Bot]:
    client = Bot(standin.token, base_url=standin.base_url, base_file_url=standin.base_file_url)
    async with client:
        yield client


async def raw_call(standin: BotApiStandin, method: str, **params: Any) -> dict[str, Any]:
    """Call the stand-in without PTB, to send payloads PTB's types would refuse to build."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{standin.base_url}{standin.token}/{method}", json=params) as resp,
    ):
        body: dict[str, Any] = await resp.json()
        assert resp.status == body.get("error_code", 200)
        return body


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=f"cb:{label}")] for label in labels]
    )


# ---------------------------------------------------------------------- html_check


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("<b>Đậm</b> và <i>nghiêng</i>", "Đậm và nghiêng"),
        ("a &lt; b &amp;&amp; c &gt; d &quot;q&quot;", 'a < b && c > d "q"'),
        ("&#65;&#x42;", "AB"),
        ('<a href="https://x.vn/?a=1&amp;b=2">link</a>', "link"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ("<blockquote expandable>quote</blockquote>", "quote"),
        ("<B>upper</B><u><s>x</s></u>", "upperx"),
        ("  padded \n", "padded"),
        ("1 > 0", "1 > 0"),
    ],
)
def test_html_valid(source: str, text: str) -> None:
    assert html_to_text(source) == text


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("a < b", 'Unsupported start tag ""'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag"),
        ("Tom & Jerry", 'Bare "&"'),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<b", "Unclosed start tag"),
    ],
)
def test_html_invalid(source: str, fragment: str) -> None:
    with pytest.raises(HtmlParseError, match=re.escape(fragment)):
        parse_html(source)


def test_html_entities_use_utf16_offsets() -> None:
    parsed = parse_html('😀 <b>đậm</b> <pre><code class="language-py">x</code></pre>')
    assert parsed.entities == [
        {"type": "bold", "offset": 3, "length": 3},
        {"type": "pre", "offset": 7, "length": 1, "language": "py"},
    ]


# ---------------------------------------------------------------------- basics over HTTP


async def test_get_me_and_routing(standin: BotApiStandin, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "cchc_test_bot"
    assert me.id == 123456
    assert me.is_bot
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{standin.base_url}{standin.token}/GETME") as resp:
            assert resp.status == 200
            assert (await resp.json())["result"]["username"] == "cchc_test_bot"
        async with session.get(f"{standin.base_url}999:WRONG/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    assert [e.error_code for e in standin.errors] == [401, 404]
    standin.errors.clear()


async def test_json_and_form_bodies_are_decoded(standin: BotApiStandin) -> None:
    user = standin.user(42, "An")
    await user.send("hi")
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    url = f"{standin.base_url}{standin.token}/sendMessage"
    async with aiohttp.ClientSession() as session:
        async with session.post(
            url, json={"chat_id": 42, "text": "json", "reply_markup": markup}
        ) as resp:
            body = await resp.json()
            assert body["ok"], body
            assert body["result"]["reply_markup"] == markup
        form = {"chat_id": "42", "text": "123", "disable_notification": "true"}
        async with session.post(url, data=form) as resp:
            body = await resp.json()
            assert body["result"]["text"] == "123"
    assert standin.requests[-1].params == {
        "chat_id": 42,
        "text": "123",
        "disable_notification": True,
    }
    assert [m.text for m in user.messages] == ["json", "123"]
    assert not standin.errors


# ---------------------------------------------------------------------- sending


async def test_send_message_with_inline_keyboard(standin: BotApiStandin, bot: Bot) -> None:
    user = standin.user(1001, "Lan", username="lan")
    await user.send("/start")
    message = await bot.send_message(
        1001,
        "<b>Xin chào</b> Lan &amp; các bạn",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard("Đồng ý", "Huỷ"),
    )
    assert message.text == "Xin chào Lan & các bạn"
    assert message.entities == (MessageEntity(MessageEntity.BOLD, 0, 8),)
    assert message.reply_markup is not None
    assert message.reply_markup.inline_keyboard[0][0].callback_data == "cb:Đồng ý"
    assert message.chat.id == 1001
    assert message.from_user is not None
    assert message.from_user.id == 123456

    seen = await user.expect("Xin chào")
    assert seen.html == "<b>Xin chào</b> Lan &amp; các bạn"
    assert seen.parse_mode == "HTML"
    assert [b["text"] for b in seen.buttons] == ["Đồng ý", "Huỷ"]
    second = await bot.send_message(1001, "tiếp")
    assert second.message_id == message.message_id + 1
    assert not standin.errors


async def test_sending_to_unknown_or_blocked_chat(standin: BotApiStandin, bot: Bot) -> None:
    standin.user(7, "Chưa bắt đầu")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(7, "x")
    user = standin.user(8, "Chặn")
    await user.send("/start")
    standin.block(8)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(8, "x")
    await user.send("/start")  # writing again lifts the block
    await bot.send_message(8, "ok")
    assert [e.description for e in standin.errors] == [
        "Bad Request: chat not found",
        "Forbidden: bot was blocked by the user",
    ]


@pytest.mark.parametrize(
    "html",
    ["<b>unclosed", "a < b", "Tom & Jerry", "<div>x</div>", "<b><i>x</b></i>"],
)
async def test_bad_html_is_rejected(standin: BotApiStandin, bot: Bot, html: str) -> None:
    await standin.user(5).send("hi")
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(5, html, parse_mode=ParseMode.HTML)
    assert len(standin.errors) == 1
    assert standin.errors[0].method == "sendMessage"
    assert standin.sent.get(5, []) == []


async def test_length_limits_count_utf16_after_parsing(standin: BotApiStandin, bot: Bot) -> None:
    await standin.user(5).send("hi")
    most, caption = MessageLimit.MAX_TEXT_LENGTH, MessageLimit.CAPTION_LENGTH
    await bot.send_message(5, "<b>" + "a" * most + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(5, "a" * (most + 1))
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(5, "😀" * (most // 2 + 1))  # two UTF-16 units each
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(5, "<b> </b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_document(5, InputFile(b"x", filename="a.txt"), caption="c" * (caption + 1))
    assert len(standin.errors) == 4


async def test_keyboard_validation(standin: BotApiStandin, bot: Bot) -> None:
    await standin.user(5).send("hi")
    too_long = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "x", callback_data="đ" * (InlineKeyboardButtonLimit.MAX_CALLBACK_DATA // 2 + 1)
                )
            ]
        ]
    )
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(5, "x", reply_markup=too_long)
    bad = {"inline_keyboard": [[{"text": "x"}]]}
    body = await raw_call(standin, "sendMessage", chat_id=5, text="x", reply_markup=bad)
    assert "can't parse inline keyboard button" in body["description"]
    both = {"inline_keyboard": [[{"text": "x", "url": "https://a.vn", "callback_data": "y"}]]}
    body = await raw_call(standin, "sendMessage", chat_id=5, text="x", reply_markup=both)
    assert "exactly one of" in body["description"]
    reply_kb = {"keyboard": [["Có", {"text": "Không"}]], "resize_keyboard": True}
    body = await raw_call(standin, "sendMessage", chat_id=5, text="x", reply_markup=reply_kb)
    assert body["ok"]
    assert standin.sent[5][-1].reply_markup == reply_kb
    assert len(standin.errors) == 3


async def test_edits(standin: BotApiStandin, bot: Bot) -> None:
    user = standin.user(9, "Minh")
    await user.send("/start")
    message = await bot.send_message(9, "Đang xử lý…", reply_markup=keyboard("A"))
    await user.expect("Đang xử lý")
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "Đang xử lý…", chat_id=9, message_id=message.message_id, reply_markup=keyboard("A")
        )
    edited = await bot.edit_message_text(
        "<i>Xong</i>", chat_id=9, message_id=message.message_id, parse_mode=ParseMode.HTML
    )
    assert not isinstance(edited, bool)
    assert edited.text == "Xong"
    assert edited.reply_markup is None  # omitting reply_markup drops the keyboard
    assert (await user.expect("Xong")).message_id == message.message_id
    sent = user.messages[0]
    assert sent.edits == ["Đang xử lý…"]
    assert sent.text == "Xong"

    await bot.edit_message_reply_markup(9, message.message_id, reply_markup=keyboard("B"))
    assert user.unread() == []  # a keyboard change is not new text to read
    assert [b["text"] for b in sent.buttons] == ["B"]
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=9, message_id=999)
    assert await bot.delete_message(9, message.message_id)
    assert sent.deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(9, message.message_id)
    assert len(standin.errors) == 3


# ---------------------------------------------------------------------- updates


async def test_long_poll_delivers_messages_and_button_presses(
    standin: BotApiStandin, bot: Bot
) -> None:
    user = standin.user(2002, "Hoa", last_name="Trần", username="hoa")
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    await user.send("/start ABC123")
    updates = await poll
    assert time.monotonic() - started < 2
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None
    assert message.text == "/start ABC123"
    assert message.parse_entities([MessageEntity.BOT_COMMAND]) == {
        MessageEntity(MessageEntity.BOT_COMMAND, 0, 6): "/start"
    }
    assert message.from_user is not None
    assert message.from_user.language_code == "vi"
    assert message.chat.type == "private"

    await bot.send_message(2002, "Chọn:", reply_markup=keyboard("Gửi báo cáo", "Huỷ"))
    await user.click("Gửi")
    updates = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=5)
    assert len(updates) == 1
    query = updates[0].callback_query
    assert query is not None
    assert query.data == "cb:Gửi báo cáo"
    assert query.from_user.id == 2002
    assert query.message is not None
    assert isinstance(query.message, Message)
    assert query.message.text == "Chọn:"
    assert await bot.answer_callback_query(query.id, text="Đã nhận")
    assert standin.callback_answers[query.id]["text"] == "Đã nhận"
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("nonsense")

    # Confirming by offset drops delivered updates; an empty poll times out promptly.
    started = time.monotonic()
    assert (
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=dt.timedelta(seconds=0.2))
        == ()
    )
    assert time.monotonic() - started < 2
    assert len(standin.errors) == 2


async def test_superseded_poll_gets_conflict(standin: BotApiStandin, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    # PTB keeps a single connection for getUpdates, so the rival poller goes around it.
    second = asyncio.create_task(raw_call(standin, "getUpdates", timeout=0.2))
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first
    assert await second == {"ok": True, "result": []}
    assert [e.error_code for e in standin.errors] == [409]


async def test_click_and_expect_failures_explain_themselves(
    standin: BotApiStandin, bot: Bot
) -> None:
    user = standin.user(3, "Tú")
    await user.send("/start")
    await bot.send_message(3, "Menu", reply_markup=keyboard("Báo cáo tháng", "Báo cáo quý"))
    with pytest.raises(AssertionError, match="ambiguous"):
        await user.click("Báo cáo")
    with pytest.raises(AssertionError, match="Báo cáo tháng"):
        await user.click("Không có")
    with pytest.raises(AssertionError, match=r"(?s)Unread bot messages:.*'Menu'"):
        await user.expect("Không tồn tại", timeout=0.1)
    await user.click("Báo cáo quý")
    assert standin.pending_updates[-1]["callback_query"]["data"] == "cb:Báo cáo quý"


async def test_idle_and_on_bot_message(standin: BotApiStandin, bot: Bot) -> None:
    shown: list[SentMessage] = []
    standin.on_bot_message = shown.append
    user = standin.user(4, "Vy")
    await user.send("hi")

    async def chatter() -> None:
        for i in range(3):
            await bot.send_message(4, f"tin {i}")
            await asyncio.sleep(0.05)

    task = asyncio.create_task(chatter())
    unread = await user.idle(quiet=0.2)
    await task
    assert [m.text for m in unread] == ["tin 0", "tin 1", "tin 2"]
    assert user.unread() == []
    assert [m.text for m in shown] == ["tin 0", "tin 1", "tin 2"]
    await bot.send_message(4, "tin 3")
    assert (await user.expect(re.compile(r"tin \d"))).text == "tin 3"


# ---------------------------------------------------------------------- files


async def test_user_documents_download_and_size_limit(standin: BotApiStandin, bot: Bot) -> None:
    user = standin.user(6, "Đức")
    content = "Báo cáo quý I".encode()
    await user.send_document("bao-cao.pdf", "application/pdf", content, caption="nộp")
    await user.send_document_meta("lon.pdf", "application/pdf", 30 * 1024 * 1024)
    await user.send_photo(PNG_1x1, caption="ảnh")
    updates = await bot.get_updates(timeout=1)
    assert len(updates) == 3
    doc = updates[0].message.document  # type: ignore[union-attr]
    assert doc is not None
    assert (doc.file_name, doc.mime_type, doc.file_size) == (
        "bao-cao.pdf",
        "application/pdf",
        len(content),
    )
    file = await bot.get_file(doc.file_id)
    assert bytes(await file.download_as_bytearray()) == content

    big = updates[1].message.document  # type: ignore[union-attr]
    assert big is not None
    assert big.file_size == 30 * 1024 * 1024
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(big.file_id)

    photo = updates[2].message.photo  # type: ignore[union-attr]
    assert (photo[-1].width, photo[-1].height) == (1, 1)
    assert updates[2].message.caption == "ảnh"  # type: ignore[union-attr]
    assert len(standin.errors) == 1


async def test_bot_documents_upload_reuse_and_media_group(
    standin: BotApiStandin, bot: Bot
) -> None:
    user = standin.user(10, "Quang")
    await user.send("/start")
    sent = await bot.send_document(
        10,
        InputFile(b"col1,col2\n", filename="tong-hop.csv"),
        caption="<b>Tổng hợp</b>",
        parse_mode=ParseMode.HTML,
    )
    assert sent.document is not None
    assert sent.document.file_name == "tong-hop.csv"
    assert sent.caption == "Tổng hợp"
    again = await bot.send_document(10, sent.document.file_id)
    assert again.document is not None
    assert again.document.file_unique_id == sent.document.file_unique_id
    got = await user.expect_document()
    assert got.text == "Tổng hợp"
    assert got.document is not None
    assert (await user.expect_document()).message_id == again.message_id

    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(10, "no-such-file-id")
    photo = await bot.send_photo(10, InputFile(PNG_1x1, filename="a.png"))
    with pytest.raises(BadRequest, match="(?i)can't use file of type photo as document"):
        await bot.send_document(10, photo.photo[-1].file_id)

    group = await bot.send_media_group(
        10,
        [
            InputMediaDocument(b"a", filename="a.txt", caption="một"),
            InputMediaDocument(b"b", filename="b.txt"),
        ],
    )
    assert [m.document.file_name for m in group if m.document] == ["a.txt", "b.txt"]
    assert group[0].media_group_id == group[1].media_group_id is not None
    assert [m.method for m in user.messages][-2:] == ["sendMediaGroup", "sendMediaGroup"]
    assert len(standin.errors) == 2


async def test_copy_forward_and_get_chat(standin: BotApiStandin, bot: Bot) -> None:
    admin = standin.user(1, "Admin")
    user = standin.user(2, "Gửi", username="gui")
    await admin.send("/start")
    await user.send_document("a.pdf", "application/pdf", b"%PDF")
    updates = await bot.get_updates()
    source = updates[-1].message
    assert source is not None
    copied = await bot.copy_message(1, 2, source.message_id, caption="Từ @gui")
    assert admin.messages[-1].message_id == copied.message_id
    assert admin.messages[-1].text == "Từ @gui"
    assert admin.messages[-1].document is not None
    forwarded = await bot.forward_message(1, 2, source.message_id)
    assert forwarded.forward_origin is not None
    chat = await bot.get_chat("@gui")
    assert (chat.id, chat.username, chat.first_name) == (2, "gui", "Gửi")
    assert not standin.errors


# ---------------------------------------------------------------------- misc methods & hooks


async def test_commands_per_scope(standin: BotApiStandin, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Bắt đầu"), BotCommand("help", "Trợ giúp")])
    await bot.set_my_commands(
        [BotCommand("admin", "Quản trị")], scope=BotCommandScopeChat(77), language_code="vi"
    )
    assert [c["command"] for c in standin.commands["default"]] == ["start", "help"]
    scoped_key = '{"chat_id": 77, "type": "chat"}|vi'
    assert standin.commands[scoped_key] == [{"command": "admin", "description": "Quản trị"}]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start", "x")])
    assert await bot.delete_my_commands()
    assert "default" not in standin.commands
    assert await bot.delete_webhook()
    assert await bot.set_chat_menu_button()
    assert len(standin.errors) == 1


async def test_fault_injector_can_answer_429(
    standin: BotApiStandin, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the opt-in PTB warns (an error here) when it builds RetryAfter.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    await standin.user(5).send("hi")
    calls: list[tuple[str, dict[str, Any]]] = []

    async def injector(method: str, params: dict[str, Any]) -> dict[str, Any] | None:
        calls.append((method, params))
        if method == "sendMessage" and len(calls) == 1:
            return BotApiStandin.error_response(
                429, "Too Many Requests: retry after 3", retry_after=3
            )
        return None

    standin.fault_injector = injector
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(5, "x")
    assert caught.value.retry_after == dt.timedelta(seconds=3)
    await bot.send_message(5, "x")
    assert [m.text for m in standin.sent[5]] == ["x"]
    assert standin.errors[0].error_code == 429
    assert calls[0] == ("sendMessage", {"chat_id": 5, "text": "x"})


# ---------------------------------------------------------------------- the real Application


async def test_ptb_application_polls_and_stops_cleanly(standin: BotApiStandin) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        payload = " ".join(context.args or []) or "không có"
        await update.effective_message.reply_html(
            f"Mã mời: <code>{payload}</code>", reply_markup=keyboard("Xác nhận")
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("OK")
        await query.edit_message_text(f"Đã chọn {query.data}")

    app = (
        ApplicationBuilder()
        .token(standin.token)
        .base_url(standin.base_url)
        .base_file_url(standin.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    user = standin.user(555, "Thảo")
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=dt.timedelta(seconds=5))
        await user.send("/start INV-42")
        message = await user.expect("Mã mời: INV-42")
        await user.click("Xác nhận")
        assert (await user.expect("Đã chọn cb:Xác nhận")).message_id == message.message_id
        assert message.buttons == []
        await app.updater.stop()
        await app.stop()
    assert standin.pending_updates == []
    assert list(standin.callback_answers.values())[0]["text"] == "OK"
    assert not standin.errors
