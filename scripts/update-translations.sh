#!/usr/bin/env bash
# Brings assets/i18n/*.po up to date with the strings the code marks (_(), wxPLURAL): new ones
# arrive untranslated (the i18n.catalogs_complete test fails until they are translated), ones the
# code no longer uses are dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT
xgettext --from-code=UTF-8 -k_ -kwxPLURAL:1,2 -k_C:1c,2 --no-location -o "$pot" ui/src/*.cpp app/sanad_reception.cpp
for po in assets/i18n/*.po; do
  msgmerge -q --no-fuzzy-matching --no-location --update --backup=none "$po" "$pot"
  msgattrib --no-obsolete -o "$po" "$po"
  echo "$po: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
done
