#!/bin/sh
# Regenerates tests/Corral.Prompting.Tests/Jinja/Goldens/native.json with Debian's python3-jinja2
# (apt-get install -y python3-jinja2). Templates come from the committed Corral.Templating.Jinja goldens.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}
exec /usr/bin/python3 "$here/generate.py"
