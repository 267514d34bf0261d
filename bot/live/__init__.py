"""Live updates: a wake-up bus across instances (:mod:`bot.live.bus`), Server-Sent Events on it
(:mod:`bot.live.stream`), and the web chat's stream of pushed messages (:mod:`bot.live.chat`)."""
