#!/bin/sh
# Install motcua and its runtime dependencies (no dev extras) into a fresh virtualenv.
#
#   scripts/install-runtime.sh VENV [SOURCE]
#
# The Dockerfile's build stage runs exactly this (VENV=/opt/motcua, SOURCE=/src), and
# tests/ops/test_image.py runs it into a temporary directory. The venv ends without pip or
# setuptools: nothing can be installed into the image at run time.
set -eu

venv=${1:?usage: install-runtime.sh VENV [SOURCE]}
source_dir=${2:-.}
python=${PYTHON:-python3}

"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --no-cache-dir --disable-pip-version-check --quiet "$source_dir"
# The installed package must find its own data: knowledge files, migrations, templates.
"$venv/bin/python" -m bot kb check > /dev/null
"$venv/bin/python" -c "import bot.storage.migrations, bot.web, bot.admin; print('motcua installed')"
"$venv/bin/python" -m pip uninstall --quiet --yes pip setuptools
