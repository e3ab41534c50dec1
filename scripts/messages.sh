#!/usr/bin/env bash
# Extract the strings of ONE app (or "templates" for the shared templates) into its Vietnamese
# catalogue, leaving the other apps' catalogues alone:   scripts/messages.sh showcase
# `make messages` does every app at once.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: scripts/messages.sh <app directory | templates>}"
cd "$root/$dir"
DEBUG=1 DJANGO_SETTINGS_MODULE=ocop_portal.settings PYTHONPATH="$root" \
  "$root/.venv/bin/django-admin" makemessages -l vi --no-location --no-wrap --ignore=tests
