"""The volunteers' web console: the handoff queue, claims and a two-way chat with the citizen on
whatever channel they use, live through Server-Sent Events (:mod:`bot.live`).

:func:`bot.console.app.setup_console` makes the console a channel the handoff can push to and
keeps its desk on the app for the dashboard's routes (:mod:`bot.console.routes`).
"""
