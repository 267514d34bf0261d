#!/bin/sh
# The container's entry point: migrations first, then motcua in the foreground.
#
#   container-entrypoint.sh [COMMAND ARGS...]      (default: run)
#
# `run` migrates the database (`python -m bot migrate`: one instance at a time on PostgreSQL)
# and then replaces this shell with `python -m bot run`, so SIGTERM reaches motcua directly and
# it drains before exiting. Any other command is passed to `python -m bot` as is
# (e.g. `users add an --role admin`, `kb check`).
set -eu

if [ "$#" -eq 0 ]; then
    set -- run
fi
if [ "$1" = "run" ]; then
    python -m bot migrate
fi
exec python -m bot "$@"
