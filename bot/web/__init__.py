"""The aiohttp web server: the citizen web chat (and later the admin dashboard)."""
