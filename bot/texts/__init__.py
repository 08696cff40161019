"""The catalogue of what the core writes: the terminal (CLI, demo), files (exports,
templates, invite sheets), load errors of the office's data files, and the sentences of
the audit trail. One module per area. What the bot says in Telegram is in
``handlers/texts/``. The core cannot import ``handlers``, so its wording lives here.
"""
