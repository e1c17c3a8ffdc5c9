//! What differs between MediaWiki versions, said in the scenario file: conditions on the version
//! (`"<1.43"`, `">=1.39, <1.43"`, `"1.39"`), the `{$versions: {CONDITION: FORM, …}}` switch that may
//! stand for any value (a parameter, an expected body or part of one, a status, a `drift` note),
//! whose forms must cover every version exactly once (`$absent` = the key or list entry is not
//! there in those versions), and a step's `versions:` (the step is sent only there). A file is
//! resolved for one version before it is parsed, so the rest of the harness sees plain scenarios.

use super::node::{Key, Node, NodeValue, Pos};
use mwcheck_shared::MediaWikiVersion;
use std::fmt;

/// The real MediaWiki versions the project records snapshots from and reads every scenario file
/// for (`mwcheck lint` reads each file once per version): adding the next version starts here,
/// then `snapshots/<version>/` is recorded with `scripts/record-snapshots.sh --version X`.
pub const REFERENCE_VERSIONS: &[MediaWikiVersion] =
    &[MediaWikiVersion::V1_39, MediaWikiVersion::V1_43];

/// The key of the switch.
pub const SWITCH: &str = "$versions";
/// A form meaning "not there in these versions".
pub const ABSENT: &str = "$absent";

/// A condition on the version: every clause must hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionCondition {
    text: String,
    clauses: Vec<(Op, MediaWikiVersion)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

impl VersionCondition {
    /// `"<1.43"`, `">= 1.39, < 1.43"`, `"1.39"` (that release line only).
    pub fn parse(text: &str) -> Result<VersionCondition, String> {
        let mut clauses = Vec::new();
        for clause in text.split(',') {
            let clause = clause.trim();
            let (op, rest) = [
                ("<=", Op::Le),
                (">=", Op::Ge),
                ("<", Op::Lt),
                (">", Op::Gt),
                ("=", Op::Eq),
            ]
            .iter()
            .find_map(|(sign, op)| clause.strip_prefix(sign).map(|rest| (*op, rest)))
            .unwrap_or((Op::Eq, clause));
            let version = rest.trim().parse::<MediaWikiVersion>().map_err(|_| {
                format!(
                    "`{text}` is not a version condition (write e.g. \"<1.43\", \">=1.43\", \"1.39\" or \">=1.39, <1.43\")"
                )
            })?;
            clauses.push((op, version));
        }
        Ok(VersionCondition {
            text: text.trim().to_owned(),
            clauses,
        })
    }

    pub fn matches(&self, version: MediaWikiVersion) -> bool {
        self.clauses.iter().all(|(op, bound)| match op {
            Op::Lt => version < *bound,
            Op::Le => version <= *bound,
            Op::Gt => version > *bound,
            Op::Ge => version >= *bound,
            Op::Eq => version == *bound,
        })
    }

    /// The versions this condition's clauses name.
    fn bounds(&self) -> impl Iterator<Item = MediaWikiVersion> + '_ {
        self.clauses.iter().map(|(_, v)| *v)
    }
}

impl fmt::Display for VersionCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The file's tree as it reads for `version`: each switch replaced by its form for the version,
/// `$absent` forms and steps for other versions left out; or every malformed switch.
pub fn resolve(root: &Node, version: MediaWikiVersion) -> Result<Node, Vec<(Pos, String)>> {
    let mut resolver = Resolver {
        version,
        errors: Vec::new(),
    };
    let resolved = resolver.node(root, Place::Top);
    if resolver.errors.is_empty() {
        Ok(resolved.unwrap_or(Node {
            value: NodeValue::Null,
            pos: root.pos,
        }))
    } else {
        Err(resolver.errors)
    }
}

/// Where a node stands, for the rules that depend on it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The top-level mapping.
    Top,
    /// The `steps` list.
    Steps,
    Other,
}

struct Resolver {
    version: MediaWikiVersion,
    errors: Vec<(Pos, String)>,
}

impl Resolver {
    /// The node for the version; `None` when it is absent there.
    fn node(&mut self, node: &Node, place: Place) -> Option<Node> {
        match &node.value {
            NodeValue::Map(entries) if entries.len() == 1 && entries[0].0.name == SWITCH => {
                let form = self.switch(&entries[0].1)?;
                self.node(form, place)
            }
            NodeValue::String(text) if text == ABSENT => None,
            NodeValue::Map(entries) => {
                let mut kept = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    if key.name == SWITCH {
                        self.errors.push((
                            key.pos,
                            format!("`{SWITCH}` must be the only key of its mapping: `{{{SWITCH}: {{\"<1.43\": A, \">=1.43\": B}}}}` stands for one value"),
                        ));
                        continue;
                    }
                    let inner = if place == Place::Top && key.name == "steps" {
                        Place::Steps
                    } else {
                        Place::Other
                    };
                    if let Some(value) = self.node(value, inner) {
                        kept.push((key.clone(), value));
                    }
                }
                Some(Node {
                    value: NodeValue::Map(kept),
                    pos: node.pos,
                })
            }
            NodeValue::Seq(items) => {
                let mut kept = Vec::with_capacity(items.len());
                for item in items {
                    if place == Place::Steps && !self.step_applies(item) {
                        continue;
                    }
                    if let Some(item) = self.node(item, Place::Other) {
                        kept.push(self.without_step_versions(item, place));
                    }
                }
                Some(Node {
                    value: NodeValue::Seq(kept),
                    pos: node.pos,
                })
            }
            _ => Some(node.clone()),
        }
    }

    /// The form of a switch for the version, after checking that its forms cover every version
    /// exactly once.
    fn switch<'n>(&mut self, forms: &'n Node) -> Option<&'n Node> {
        let NodeValue::Map(entries) = &forms.value else {
            self.errors.push((
                forms.pos,
                format!(
                    "`{SWITCH}` must map version conditions to forms, found {}",
                    forms.value.kind()
                ),
            ));
            return None;
        };
        let mut conditions: Vec<(VersionCondition, &Key, &Node)> = Vec::new();
        for (key, value) in entries {
            match VersionCondition::parse(&key.name) {
                Ok(condition) => conditions.push((condition, key, value)),
                Err(message) => self.errors.push((key.pos, message)),
            }
        }
        if conditions.len() != entries.len() {
            return None;
        }
        if let Some(problem) = coverage_problem(conditions.iter().map(|(c, _, _)| c)) {
            self.errors.push((forms.pos, problem));
            return None;
        }
        conditions
            .iter()
            .find(|(c, _, _)| c.matches(self.version))
            .map(|(_, _, form)| *form)
    }

    /// Whether a step (an entry of `steps`) is sent in the version: its `versions:` holds.
    fn step_applies(&mut self, step: &Node) -> bool {
        let NodeValue::Map(entries) = &step.value else {
            return true;
        };
        let Some((_, condition)) = entries.iter().find(|(k, _)| k.name == "versions") else {
            return true;
        };
        let NodeValue::String(text) = &condition.value else {
            self.errors.push((
                condition.pos,
                format!(
                    "a step's `versions` must be a version condition such as \">=1.43\", found {}",
                    condition.value.kind()
                ),
            ));
            return true;
        };
        match VersionCondition::parse(text) {
            Ok(condition) => condition.matches(self.version),
            Err(message) => {
                self.errors.push((condition.pos, message));
                true
            }
        }
    }

    /// A step without its `versions:` (already applied).
    fn without_step_versions(&self, mut step: Node, place: Place) -> Node {
        if place == Place::Steps
            && let NodeValue::Map(entries) = &mut step.value
        {
            entries.retain(|(k, _)| k.name != "versions");
        }
        step
    }
}

/// Why a switch's conditions do not cover every version exactly once (tried just below, at and
/// just above every version they name, and far on either side); `None` when they do.
pub fn coverage_problem<'c>(
    conditions: impl Iterator<Item = &'c VersionCondition> + Clone,
) -> Option<String> {
    // Around the versions named first, so that a gap or overlap is told where it is.
    let mut probes = Vec::new();
    for bound in conditions.clone().flat_map(VersionCondition::bounds) {
        probes.push(bound);
        probes.push(MediaWikiVersion::new(bound.major, bound.minor + 1));
        if bound.minor > 0 {
            probes.push(MediaWikiVersion::new(bound.major, bound.minor - 1));
        }
    }
    probes.sort_unstable();
    probes.dedup();
    probes.extend([MediaWikiVersion::new(1, 0), MediaWikiVersion::new(99, 0)]);
    for probe in probes {
        let matching: Vec<String> = conditions
            .clone()
            .filter(|c| c.matches(probe))
            .map(|c| format!("\"{c}\""))
            .collect();
        match matching.len() {
            1 => {}
            0 => {
                return Some(format!(
                    "`{SWITCH}` has no form for MediaWiki {probe}: its conditions must cover every version exactly once (use `$absent` for \"not there\")"
                ));
            }
            _ => {
                return Some(format!(
                    "`{SWITCH}` has several forms for MediaWiki {probe} ({}): its conditions must cover every version exactly once",
                    matching.join(", ")
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> MediaWikiVersion {
        text.parse().unwrap()
    }

    #[test]
    fn conditions_match_versions() {
        let before = VersionCondition::parse("<1.43").unwrap();
        assert!(before.matches(v("1.39")) && !before.matches(v("1.43")));
        let range = VersionCondition::parse(">= 1.39, <1.43").unwrap();
        assert!(range.matches(v("1.42")) && !range.matches(v("1.38")));
        let one = VersionCondition::parse("1.39").unwrap();
        assert!(one.matches(v("1.39")) && !one.matches(v("1.40")));
        assert!(VersionCondition::parse("newer").is_err());
        assert!(VersionCondition::parse("<1.43,").is_err());
    }

    #[test]
    fn coverage_needs_every_version_once() {
        let parse = |list: &[&str]| -> Vec<VersionCondition> {
            list.iter()
                .map(|t| VersionCondition::parse(t).unwrap())
                .collect()
        };
        assert_eq!(coverage_problem(parse(&["<1.43", ">=1.43"]).iter()), None);
        assert_eq!(
            coverage_problem(parse(&["<1.39", "1.39", ">1.39"]).iter()),
            None
        );
        let gap = coverage_problem(parse(&["1.39", ">=1.43"]).iter()).unwrap();
        assert!(gap.contains("no form for MediaWiki 1.38"), "{gap}");
        let below = coverage_problem(parse(&[">=1.39"]).iter()).unwrap();
        assert!(below.contains("no form for MediaWiki 1.38"), "{below}");
        let overlap = coverage_problem(parse(&["<=1.43", ">=1.43"]).iter()).unwrap();
        assert!(
            overlap.contains("several forms for MediaWiki 1.43"),
            "{overlap}"
        );
    }
}
