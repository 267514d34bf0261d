"""Container health check: exit 0 when ``GET /healthz`` on this container answers 200.

Used by the Dockerfile's HEALTHCHECK (the slim image has no curl). Standard library only, so it
starts fast; ``PORT`` is the port motcua listens on (default 8080).
"""

from __future__ import annotations

import os
import sys
import urllib.request


def main() -> int:
    url = f"http://127.0.0.1:{os.environ.get('PORT', '8080')}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except OSError as exc:
        print(f"healthcheck: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
