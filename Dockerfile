# syntax=docker/dockerfile:1
# motcua: the production image (README "## Deploy").
#
# Two stages: the build stage installs motcua with scripts/install-runtime.sh (the same script
# tests/ops/test_image.py runs) into /opt/motcua; the runtime stage copies only that venv: no
# source tree, no pip, no dev extras, no build tools. It runs as an unprivileged user, migrates the
# database, then serves (scripts/container-entrypoint.sh). `make lint` checks this file with
# hadolint; tests/ops/test_deploy.py checks the rules below.
#
# Base: Python 3.11 (the version the tests run on), Debian 12 slim, pinned by tag and by the
# digest of its multi-platform index. Bump both together.

FROM python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY scripts/install-runtime.sh /usr/local/bin/install-runtime.sh
RUN sh /usr/local/bin/install-runtime.sh /opt/motcua /src


FROM python:3.11.14-slim-bookworm@sha256:65a93d69fa75478d554f4ad27c85c1e69fa184956261b4301ebaf6dbb0a3543d AS runtime

LABEL org.opencontainers.image.title="motcua" \
      org.opencontainers.image.description="Trợ lý thủ tục hành chính: Telegram, Zalo, web chat" \
      org.opencontainers.image.licenses="MIT"

RUN groupadd --system --gid 10001 motcua \
    && useradd --system --uid 10001 --gid motcua --home-dir /app --shell /usr/sbin/nologin motcua \
    && install -d -o motcua -g motcua -m 0750 /app /app/data

COPY --from=build /opt/motcua /opt/motcua
COPY scripts/container-entrypoint.sh /usr/local/bin/motcua-entrypoint
COPY scripts/healthcheck.py /usr/local/bin/motcua-healthcheck

ENV PATH=/opt/motcua/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=8080 \
    LOG_FORMAT=json \
    DATABASE_URL=sqlite+aiosqlite:////app/data/motcua.db \
    KNOWLEDGE_CACHE_DIR=/app/data/cache

WORKDIR /app
USER 10001:10001
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "/usr/local/bin/motcua-healthcheck"]
ENTRYPOINT ["sh", "/usr/local/bin/motcua-entrypoint"]
CMD ["run"]
