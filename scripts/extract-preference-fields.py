#!/usr/bin/env python3
"""Writes crates/mock/data/preference-fields-VERSION.json from a real wiki's preferences form.

Usage: scripts/extract-preference-fields.py VERSION DATA_DIR USER
  e.g. scripts/extract-preference-fields.py 1.43 /tmp/mw43 Admin   (a sysop: every field shows)

Runs scripts/extract-preference-fields.php in the wiki's tree and keeps, per field, what action=options
validates with: `info` (a row the form only shows), `free` (toggles, checkboxes, API-only fields, text
without a check), `select`/`radio` with their values, `int`/`float` with their bounds, `timezone`,
`signature` (nickname). The rights a field needs and the option it depends on are DefaultPreferencesFactory's
conditions, written here (RIGHTS, IF_OPTION): the form of a user without them lacks the field.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TREES = {"1.39": "/usr/share/mediawiki", "1.43": "/opt/mwcheck/mediawiki-1.43"}
RIGHTS = {
    "showrollbackconfirmation": ["rollback"], "watchrollback": ["rollback"], "watchdeletion": ["delete"],
    "hidepatrolled": ["patrol", "patrolmarks"], "watchlisthidepatrolled": ["patrol", "patrolmarks"],
    "newpageshidepatrolled": ["patrol", "patrolmarks"], "watchdefault": ["edit"], "watchmoves": ["move"],
    "watchcreations": ["createpage", "createtalk"], "watchuploads": ["upload"],
    "disablemail": ["sendemail"], "email-allow-new-users": ["sendemail"], "ccmeonemails": ["sendemail"],
}
# Shown only while the option is on (SpecialWatchlist::checkStructuredFilterUiEnabled).
IF_OPTION = {"watchlistreloadautomatically": "wlenhancedfilters-disable"}


def values(options):
    out = []
    items = options.values() if isinstance(options, dict) else options
    for v in items:
        out.extend(values(v) if isinstance(v, (dict, list)) else [str(v)])
    return out


def rule(name, info):
    kind = info.get("type") or info.get("class")
    if kind == "info":
        return {"field": "info"}
    if kind in ("select", "radio"):
        return {"field": kind, "options": values(info.get("options", info.get("options-messages", {})))}
    if kind in ("int", "float"):
        return {"field": kind, **{k: info[k] for k in ("min", "max") if k in info}}
    if kind == "timezone":
        return {"field": "timezone"}
    if name == "nickname":
        return {"field": "signature"}
    return {"field": "free"}


def main():
    version, data_dir, user = sys.argv[1:4]
    tree = TREES[version]
    env = dict(os.environ, MW_INSTALL_PATH=tree, MW_CONFIG_FILE=os.path.join(data_dir, "LocalSettings.php"))
    dump = subprocess.run(["php", os.path.join(HERE, "extract-preference-fields.php"), user], cwd=tree, env=env,
                          check=True, capture_output=True, text=True).stdout
    fields = {}
    for name, info in json.loads(dump)["fields"].items():
        fields[name] = rule(name, info)
        if name in RIGHTS:
            fields[name]["rights"] = RIGHTS[name]
    for name, option in IF_OPTION.items():
        fields[name] = {"field": "free", "if_option": option}
    out = os.path.join(HERE, "..", "crates", "mock", "data", f"preference-fields-{version}.json")
    with open(out, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(json.dumps(k) + ": " + json.dumps(v, ensure_ascii=False)
                                   for k, v in fields.items()) + "\n}\n")


if __name__ == "__main__":
    main()
