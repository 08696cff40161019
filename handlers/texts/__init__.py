"""What the bot says in Telegram: one module per journey, every name re-exported here.

Where a sentence goes: into the module of the journey that says it, named like the handler
that serves the journey, so handlers/report.py's wording is in handlers/texts/report.py and
handlers/desk_periods.py's in handlers/texts/desk_periods.py. Words several journeys share
(who may use what, an unknown unit or period, the apology for an error) are in
``common.py``. Add the constant to that module and to its ``__all__``;
tests/unit/test_chat_catalogue.py checks that every module is a journey, that no name is
defined in two modules and that every name is reachable here.

Why the package re-exports: handlers write ``from handlers import texts`` and
``texts.RECEIPT`` whatever the journey, so a journey that reuses another's sentence (the
invite note, an unknown unit) needs no import by path, and a sentence can move between
modules without touching the handlers. The star imports are safe because no name is defined
twice (one text would silently replace the other; the test forbids it).

Strings are HTML (parse mode HTML); every ``{placeholder}`` that carries user or roster text
must be filled with an escaped value (``handlers.telegram_text.esc``). What the core writes
(terminal, files, audit sentences) is in ``bot/texts/``.
"""

from handlers.texts.appraisal import *  # noqa: F403
from handlers.texts.awards import *  # noqa: F403
from handlers.texts.broadcast import *  # noqa: F403
from handlers.texts.commands import *  # noqa: F403
from handlers.texts.common import *  # noqa: F403
from handlers.texts.desk import *  # noqa: F403
from handlers.texts.desk_periods import *  # noqa: F403
from handlers.texts.office import *  # noqa: F403
from handlers.texts.practices import *  # noqa: F403
from handlers.texts.publish import *  # noqa: F403
from handlers.texts.reminders import *  # noqa: F403
from handlers.texts.report import *  # noqa: F403
from handlers.texts.report_excel import *  # noqa: F403
from handlers.texts.review import *  # noqa: F403
from handlers.texts.standing import *  # noqa: F403
from handlers.texts.start import *  # noqa: F403
from handlers.texts.unit_status import *  # noqa: F403
