"""The process's HTTP host: one aiohttp server for every surface.

``server`` assembles the application (middlewares, probes, metrics) and mounts the channels;
``lifecycle`` is the shutdown as requests see it (drain); ``limits`` holds each route's body
limit, declared by the surface that adds the route; ``headers`` adds the security headers;
``probes`` answers ``/healthz``, ``/readyz`` and ``/metrics``. The web chat, the webhooks and the
dashboard are surfaces mounted on it (:mod:`bot.channels.registry`), none of them the host.
"""
