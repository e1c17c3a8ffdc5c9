//! Which MediaWiki version a run is about (binary side): the target's, from `--mediawiki-version`
//! or siteinfo's `generator`, or the one the built-in mock answers as; and which snapshot set the
//! fidelity verdict compares with (`--reference`, else that version).

use crate::cli::RunArgs;
use mwcheck_harness::fidelity;
use mwcheck_harness::snapshot::{SnapshotMode, Snapshots};
use mwcheck_harness::target::Target;
use mwcheck_mock::{MOCK_VERSIONS, MediaWikiVersion};
use std::path::Path;

/// The version the built-in mock answers as (`run` and `serve`): `--mediawiki-version` when the
/// mock speaks it, else an error naming the versions it does speak.
pub fn of_builtin(given: Option<MediaWikiVersion>) -> Result<MediaWikiVersion, String> {
    match given {
        None => Ok(MOCK_VERSIONS[0]),
        Some(version) if MOCK_VERSIONS.contains(&version) => Ok(version),
        Some(version) => Err(format!(
            "the built-in mock does not answer as MediaWiki {version} (it speaks {}); run a real {version} with scripts/mediawiki.sh --version {version} and give --target",
            list(MOCK_VERSIONS)
        )),
    }
}

/// The --target's version: `--mediawiki-version` (with a warning when siteinfo names another),
/// else siteinfo's `generator`; when neither tells (`--no-probe`, a private wiki), the newest
/// reference version, with a note saying so.
pub fn of_target(args: &RunArgs, target: &Target) -> MediaWikiVersion {
    let generator = target
        .capabilities
        .as_ref()
        .and_then(|c| c.generator.as_deref());
    let told = generator.and_then(MediaWikiVersion::from_generator);
    match (args.mediawiki_version, told) {
        (Some(given), Some(told)) if given != told => {
            eprintln!(
                "warning: --mediawiki-version {given}, but the target says it is {}; its scenarios are read for {given}",
                generator.unwrap_or_default()
            );
            given
        }
        (Some(given), _) => given,
        (None, Some(told)) => told,
        (None, None) => {
            let newest = *fidelity::REFERENCE_VERSIONS
                .iter()
                .max()
                .unwrap_or(&MOCK_VERSIONS[0]);
            let why = match generator {
                Some(generator) => {
                    format!("its generator `{generator}` names no MediaWiki version")
                }
                None if args.no_probe => "--no-probe asks nothing".to_owned(),
                None => "it did not tell (siteinfo refused, or no generator)".to_owned(),
            };
            eprintln!(
                "note: the target's MediaWiki version is not known ({why}); its scenarios are read for {newest} (give --mediawiki-version to choose)"
            );
            newest
        }
    }
}

/// Points the snapshot options at the reference version's set under `root`. Checking needs that
/// set: without it fidelity is not measured (a note says so); recording creates it.
pub fn choose_snapshots(snapshots: &mut Snapshots, root: &Path, reference: MediaWikiVersion) {
    snapshots.dir = fidelity::snapshot_dir(root, reference);
    if snapshots.mode == SnapshotMode::Check && !snapshots.dir.is_dir() {
        let recorded: Vec<MediaWikiVersion> = fidelity::REFERENCE_VERSIONS
            .iter()
            .copied()
            .filter(|v| fidelity::snapshot_dir(root, *v).is_dir())
            .collect();
        eprintln!(
            "note: no snapshots of MediaWiki {reference} at {} (sets recorded there: {}); fidelity is not measured",
            snapshots.dir.display(),
            if recorded.is_empty() {
                "none".to_owned()
            } else {
                list(&recorded)
            }
        );
        snapshots.mode = SnapshotMode::Off;
    }
}

fn list(versions: &[MediaWikiVersion]) -> String {
    versions
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
