#!/usr/bin/env bash
# Extract the strings of ONE app (or "templates" for the shared templates) into its Vietnamese
# catalogue, leaving the other apps' catalogues alone:   scripts/messages.sh showcase
# `make messages` does every app at once. Runs from the project root (running inside an app
# folder would let e.g. accounts/rules.py shadow the `rules` package) and ignores every other
# top-level folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: scripts/messages.sh <app directory | templates>}"
target="${target%/}"
cd "$root"
[ -d "$target" ] || { echo "no such folder: $target" >&2; exit 2; }
ignores=(--ignore=tests --ignore=.venv --ignore=staticfiles --ignore=media --ignore=private_media)
for dir in */; do
  dir="${dir%/}"
  # "<dir>/?*" matches paths under that top-level folder only. A bare "<dir>" would also match
  # every nested folder of that name (each app has a "templates" and a "locale" folder).
  [ "$dir" = "$target" ] || [ "$dir" = "locale" ] || ignores+=("--ignore=$dir/?*")
done
# manage.py at the root is not translatable; keep it out too.
DEBUG=1 .venv/bin/python manage.py makemessages -l vi --no-location --no-wrap "${ignores[@]}" --ignore=manage.py
