#!/usr/bin/env bash
# Re-records snapshots/VERSION/ from real MediaWiki wikis of one version (1.43, the default, or 1.39): one fresh
# wiki in the default configuration for the scenarios outside scenarios/configs/, then one fresh wiki per named
# configuration for its scenarios; configurations that do not apply to the version (their `// mwcheck-versions:`
# line in scripts/mediawiki/configs/NAME.php) are skipped. Each scenario's step files are rewritten only when the
# scenario passes on the real wiki; snapshot folders under snapshots/VERSION/ whose scenario no longer exists are
# removed. Review the result with `git diff snapshots/` before committing.
#
# Usage: scripts/record-snapshots.sh [--version 1.43|1.39] [--port-base N] [GROUP...]
#   GROUP is `default` or a configuration name (default: all of them).
#   Needs that MediaWiki version installed (sudo scripts/mediawiki.sh install --version all).
#   Ports: port-base+1, +2, … (default 18400 for 1.43 and 18300 for 1.39, so both versions can record at once).
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.43
port_base=""
groups=()
while [[ $# -gt 0 ]]; do
	case "$1" in
		--version) version="$2"; shift 2 ;;
		--port-base) port_base="$2"; shift 2 ;;
		-h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		-*) echo "error: unknown option $1" >&2; exit 2 ;;
		*) groups+=("$1"); shift ;;
	esac
done
case "$version" in
	1.43) : "${port_base:=18400}" ;;
	1.39) : "${port_base:=18300}" ;;
	*) echo "error: unknown --version $version (1.43 or 1.39)" >&2; exit 2 ;;
esac
snapshots="snapshots/$version"
if [[ ${#groups[@]} -eq 0 ]]; then
	mapfile -t groups < <(echo default; ls scenarios/configs)
fi

cargo build --locked -q
mwcheck=target/debug/mwcheck
status=0
port=$port_base
for group in "${groups[@]}"; do
	if [[ "$group" != default && ! -d "scenarios/configs/$group" ]]; then
		echo "error: no scenarios/configs/$group" >&2
		exit 2
	fi
	versions=$(scripts/mediawiki.sh config-versions "$group") || exit 2
	if [[ " $versions " != *" $version "* ]]; then
		echo "== skipping $group: the configuration does not apply to MediaWiki $version"
		continue
	fi
	port=$((port + 1))
	data=$(mktemp -d "/tmp/mwcheck-record-$version-$group.XXXXXX")
	echo "== recording $group on a fresh real MediaWiki $version (port $port)"
	scripts/mediawiki.sh start --version "$version" --config "$group" --port "$port" --dir "$data" --fresh >/dev/null
	eval "$(scripts/mediawiki.sh env --version "$version" --port "$port" --dir "$data")"
	# Scenarios for another configuration are skipped (so the default wiki records all the others).
	"$mwcheck" run --target "$MW_API" --outbox "$MW_OUTBOX" --config "$group" --mediawiki-version "$version" --allow-no-verdict \
		--update-snapshots --report-json "target/record-$version-$group.json" | grep -v '^skipped' || status=1
	grep -q '"failed": 0' "target/record-$version-$group.json" || status=1
	scripts/mediawiki.sh stop --port "$port" --dir "$data" >/dev/null
	rm -rf "$data"
done

# Snapshot folders of scenarios that are gone.
if [[ -d "$snapshots" ]]; then
	while IFS= read -r folder; do
		id=${folder#"$snapshots"/}
		if [[ ! -f "scenarios/$id.yaml" ]]; then
			echo "removing $version snapshots of the deleted scenario $id"
			rm -rf "$folder"
		fi
	done < <(find "$snapshots" -name 'step-*.snap' -printf '%h\n' | sort -u)
fi

if [[ $status -ne 0 ]]; then
	echo "some scenarios failed on the real MediaWiki $version; their snapshots were not rewritten" >&2
fi
exit $status
