"""Citizens' personal data at runtime: the notice, their rights from the chat, the privacy
page, erasure (with the spool's copies) and the retention purge. The processing record for the
ward is ``docs/privacy.md``; the SQL is in :mod:`bot.storage.privacy`."""
