"""Turn persistence, shaped like python-telegram-bot's persistence: what a turn reads and writes,
and where it goes.

- :mod:`~bot.storage.turns.records`: the snapshot a turn reads, the write set it commits, the
  rows in it, and their spool codec (plain data);
- :mod:`~bot.storage.turns.store`: the protocols a store implements;
- :mod:`~bot.storage.turns.sql`: the reference backend in SQLAlchemy Core (every database);
- :mod:`~bot.storage.turns.pg` and :mod:`~bot.storage.turns.sqlite`: the batched fast paths
  (:mod:`~bot.storage.turns.batch`), measured and kept because they carry the load;
- :mod:`~bot.storage.turns.durable` and :mod:`~bot.storage.turns.spool`: answers from memory
  and writes to a local spool while the database is down.
"""
