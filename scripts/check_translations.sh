#!/usr/bin/env bash
# Re-extract every translatable string in a scratch copy of the tree and check that the
# zh-Hans and zh-Hant catalogues translate all of them (the committed files stay untouched).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$scratch"/
cd "$scratch"
"$root/.venv/bin/python" manage.py makemessages -l zh_Hans -l zh_Hant --no-obsolete \
  --ignore=tests --ignore=bench --ignore=scripts -v 0
# The .mo files are not in git: compile them, or the runtime check of the default language fails.
"$root/.venv/bin/python" manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
BIHUAN_LOCALE_DIR="$scratch/locale" "$root/.venv/bin/python" -m pytest -q -p no:cacheprovider \
  "$root/tests/test_translations.py" --rootdir="$root" -c "$root/pyproject.toml"
