#!/usr/bin/env bash
# Re-records snapshots/ from real MediaWiki 1.39 wikis: one fresh wiki in the default configuration for the
# scenarios outside scenarios/configs/, then one fresh wiki per named configuration for its scenarios. Each
# scenario's step files are rewritten only when the scenario passes on the real wiki; snapshot folders whose
# scenario no longer exists are removed. Review the result with `git diff snapshots/` before committing.
#
# Usage: scripts/record-snapshots.sh [--port-base N] [GROUP...]
#   GROUP is `default` or a configuration name (default: all of them).
#   Needs Debian's mediawiki package (sudo scripts/mediawiki.sh install).
set -euo pipefail
cd "$(dirname "$0")/.."

port_base=18300
groups=()
while [[ $# -gt 0 ]]; do
	case "$1" in
		--port-base) port_base="$2"; shift 2 ;;
		-h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		-*) echo "error: unknown option $1" >&2; exit 2 ;;
		*) groups+=("$1"); shift ;;
	esac
done
if [[ ${#groups[@]} -eq 0 ]]; then
	groups=(default $(ls scenarios/configs))
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
	port=$((port + 1))
	data=$(mktemp -d "/tmp/mwcheck-record-$group.XXXXXX")
	echo "== recording $group on a fresh real wiki (port $port)"
	scripts/mediawiki.sh start --config "$group" --port "$port" --dir "$data" --fresh >/dev/null
	eval "$(scripts/mediawiki.sh env --port "$port" --dir "$data")"
	# Scenarios for another configuration are skipped (so the default wiki records all the others).
	"$mwcheck" run --target "$MW_API" --outbox "$MW_OUTBOX" --config "$group" --update-snapshots \
		--report-json "target/record-$group.json" | grep -v '^skipped' || status=1
	grep -q '"failed": 0' "target/record-$group.json" || status=1
	scripts/mediawiki.sh stop --port "$port" --dir "$data" >/dev/null
	rm -rf "$data"
done

# Snapshot folders of scenarios that are gone.
while IFS= read -r folder; do
	id=${folder#snapshots/}
	if [[ ! -f "scenarios/$id.yaml" ]]; then
		echo "removing snapshots of the deleted scenario $id"
		rm -rf "$folder"
	fi
done < <(find snapshots -name 'step-*.snap' -printf '%h\n' | sort -u)

if [[ $status -ne 0 ]]; then
	echo "some scenarios failed on the real wiki; their snapshots were not rewritten" >&2
fi
exit $status
