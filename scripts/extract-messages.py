#!/usr/bin/env python3
"""Writes crates/mock/data/messages/LANG.json: MediaWiki 1.39's LANG texts of the message keys the mock knows in English
(crates/mock/src/messages_en.rs, messages_ext.rs and messages_preferences.rs), from Debian's mediawiki package. Keys LANG does not translate are left out: the mock
falls back to English for them, as MediaWiki does for a language without a fallback chain.

Keys only MediaWiki 1.43 has (its time zone field's `timezone-invalid`) are taken from the 1.43 tree (--later).

Usage: scripts/extract-messages.py [--mediawiki /usr/share/mediawiki] [--later /opt/mwcheck/mediawiki-1.43] LANG...
"""
import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Where MediaWiki and the bundled extensions the mock follows keep their i18n files.
I18N_DIRS = [
    "languages/i18n",
    "includes/api/i18n",
    "includes/libs/ParamValidator/i18n",
    "extensions/ConfirmEdit/i18n",
    "extensions/ConfirmEdit/QuestyCaptcha/i18n",
    "extensions/OATHAuth/i18n",
]


def english_keys():
    keys = []
    for name in ("messages_en.rs", "messages_ext.rs", "messages_preferences.rs"):
        source = (ROOT / "crates/mock/src" / name).read_text(encoding="utf-8")
        keys += re.findall(r'^\s*\(\s*"([^"]+)",', source, re.M)
    return keys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mediawiki", default="/usr/share/mediawiki")
    parser.add_argument("--later", default="/opt/mwcheck/mediawiki-1.43")
    parser.add_argument("langs", nargs="+")
    args = parser.parse_args()
    keys = sorted(set(english_keys()))
    if not keys:
        sys.exit("no message keys found in crates/mock/src/messages_en.rs")
    for lang in args.langs:
        texts = {}
        folders = [pathlib.Path(args.mediawiki) / f for f in I18N_DIRS]
        folders += [pathlib.Path(args.later) / f for f in I18N_DIRS + ["languages/i18n/preferences"]]
        for folder in folders:
            path = folder / f"{lang}.json"
            if path.exists():
                data = json.loads(path.read_text(encoding="utf-8"))
                for key in keys:
                    if key in data and key not in texts:
                        texts[key] = data[key]
        out = ROOT / "crates/mock/data/messages" / f"{lang}.json"
        out.write_text(json.dumps(dict(sorted(texts.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.relative_to(ROOT)}: {len(texts)} of {len(keys)} keys")


if __name__ == "__main__":
    main()
