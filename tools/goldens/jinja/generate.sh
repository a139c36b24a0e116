#!/bin/sh
# Regenerates the Jinja goldens with Debian's python3-jinja2 (apt-get install -y python3-jinja2).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
src=${1:-/work/shared/templates}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}
exec /usr/bin/python3 "$here/generate.py" "$src" "$root/tests/Corral.Templating.Jinja.Tests/Goldens"
