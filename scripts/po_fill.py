"""Fill the Vietnamese catalogues from a JSON file of {msgid: msgstr}.

    .venv/bin/python scripts/po_fill.py translations.json [more.json ...]

Only empty or fuzzy entries are filled; for a plural entry give the one Vietnamese form.
Also clears the "fuzzy" flag of each catalogue's header. Prints what is still untranslated.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocop_portal.management.commands.compile_translations import catalogue_paths  # noqa: E402


def main(paths):
    table = {}
    for path in paths:
        table.update(json.loads(Path(path).read_text(encoding="utf-8")))
    missing = 0
    for po_path in catalogue_paths(ROOT):
        if po_path.parts[-3] != "vi":
            continue
        catalogue = polib.pofile(str(po_path), wrapwidth=0)
        changed = bool(catalogue.metadata_is_fuzzy) or catalogue.metadata.get("Language") != "vi"
        catalogue.metadata_is_fuzzy = False
        catalogue.metadata["Language"] = "vi"
        catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        for entry in catalogue:
            if entry.obsolete:
                continue
            needs = entry.fuzzy or not (entry.msgstr or any(entry.msgstr_plural.values()))
            if needs and entry.msgid in table:
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: table[entry.msgid]}
                else:
                    entry.msgstr = table[entry.msgid]
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
                    entry.previous_msgid = None
                    entry.previous_msgid_plural = None
                    entry.previous_msgctxt = None
                changed = True
        if changed:  # other apps' catalogues are left untouched (several people work at once)
            catalogue.save()
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
            if not entry.obsolete:
                missing += 1
                print(f"{po_path.relative_to(ROOT)}: {entry.msgid!r}")
    print(f"{missing} entries still need a translation")


if __name__ == "__main__":
    main(sys.argv[1:])
