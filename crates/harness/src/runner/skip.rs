//! Why a target cannot run a scenario: a capability it lacks (writes also when a request would
//! write, whatever the scenario declares), another configuration, a MediaWiki version the
//! scenario or its configuration does not apply to, or what the probe found missing.

use crate::scenario::{Capability, Scenario};
use crate::target::Target;

/// Why the target cannot run the scenario (`None`: it can). In documentation mode a target in
/// the scenario's `mediawiki-config` runs it too (as MediaWiki 1.39).
pub fn skip_reason(scenario: &Scenario, target: &Target, docs: bool) -> Option<String> {
    if let Some(reason) = scenario.version_mismatch() {
        return Some(reason);
    }
    if let Some(reason) = scenario.requires.iter().find_map(|cap| target.lacks(*cap)) {
        return Some(reason);
    }
    // Decided by the requests too, not only by what the scenario declares.
    if let Some(((step, why), refused)) =
        scenario.first_write().zip(target.lacks(Capability::Writes))
    {
        return Some(format!("step {} sends {why}: {refused}", step.number));
    }
    // What the probe found missing, once the configuration fits.
    let lacking = || {
        target
            .capabilities
            .as_ref()
            .and_then(|c| c.lacks_for(scenario))
    };
    let as_mediawiki = docs && scenario.mediawiki_config.as_deref() == Some(target.config.as_str());
    if as_mediawiki {
        return lacking();
    }
    let Some(reason) = target.lacks_config(&scenario.config) else {
        return lacking();
    };
    Some(match (&scenario.mediawiki_config, docs) {
        (Some(other), true) => format!("{reason}, or `{other}` for MediaWiki's side"),
        (None, true) if scenario.is_docs() => {
            format!("{reason}; no configuration of a real MediaWiki shows what this page documents")
        }
        _ => reason,
    })
}
