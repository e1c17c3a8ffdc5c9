//! Finding the scenario files below a folder: every `*.yaml` / `*.yml` regular file, symbolic
//! links followed, each real folder walked once (a link back up the tree, or a second way into a
//! folder, is skipped, so a loop cannot multiply the scenarios), and anything that is not a
//! regular file (a FIFO would hang the reader) or cannot be read skipped and reported.

use super::{Diagnostic, Pos};
use std::collections::HashSet;
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// The scenario files of a folder, and the entries skipped on the way (each with why).
#[derive(Debug, Default)]
pub struct ScenarioFiles {
    /// (id, path), sorted by id; the id is the path below the folder without its extension.
    pub files: Vec<(String, PathBuf)>,
    /// Entries that looked like scenarios or folders of them but were not taken.
    pub skipped: Vec<Diagnostic>,
}

/// Every scenario file below `dir`. Only an unreadable `dir` itself is an error.
pub fn find_files(dir: &Path) -> std::io::Result<ScenarioFiles> {
    let mut found = ScenarioFiles::default();
    let mut walked = HashSet::from([std::fs::canonicalize(dir)?]);
    let entries = std::fs::read_dir(dir)?;
    walk(dir, entries, &mut walked, &mut found);
    found.files.sort();
    found.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(found)
}

fn skip(found: &mut ScenarioFiles, path: &Path, why: String) {
    found.skipped.push(Diagnostic::new(
        &path.display().to_string(),
        "",
        Pos::default(),
        format!("{why}; skipped"),
    ));
}

fn walk(
    root: &Path,
    entries: std::fs::ReadDir,
    walked: &mut HashSet<PathBuf>,
    found: &mut ScenarioFiles,
) {
    // Real entries before symbolic links, each by name: a folder reached both ways is always
    // walked by its real path, whatever order the file system lists them in.
    let mut listed = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let link = entry.file_type().is_ok_and(|t| t.is_symlink());
                listed.push((link, entry.file_name(), entry.path()));
            }
            Err(err) => skip(found, root, format!("a folder entry cannot be read: {err}")),
        }
    }
    listed.sort();
    for (link, _, path) in listed {
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        // What the entry is, a symbolic link followed.
        let file_type = match std::fs::metadata(&path) {
            Ok(meta) => meta.file_type(),
            Err(err) => {
                if is_yaml || link {
                    let what = if link {
                        "a symbolic link that leads nowhere"
                    } else {
                        "cannot be read"
                    };
                    skip(found, &path, format!("{what} ({err})"));
                }
                continue;
            }
        };
        if file_type.is_dir() {
            let real = match std::fs::canonicalize(&path) {
                Ok(real) => real,
                Err(err) => {
                    skip(
                        found,
                        &path,
                        format!("the folder cannot be resolved ({err})"),
                    );
                    continue;
                }
            };
            if !walked.insert(real.clone()) {
                skip(
                    found,
                    &path,
                    format!(
                        "leads to {}, a folder already walked (a loop, or a second way in)",
                        real.display()
                    ),
                );
                continue;
            }
            match std::fs::read_dir(&path) {
                Ok(inner) => walk(root, inner, walked, found),
                Err(err) => skip(found, &path, format!("the folder cannot be read ({err})")),
            }
            continue;
        }
        if !is_yaml {
            continue;
        }
        if !file_type.is_file() {
            skip(
                found,
                &path,
                format!("not a regular file but {}", kind(&file_type)),
            );
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).with_extension("");
        let id = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        found.files.push((id, path));
    }
}

/// What a non-regular file is, in words.
fn kind(file_type: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    let _ = file_type;
    "not a regular file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn loops_second_ways_in_fifos_and_dangling_links_are_skipped_and_said() {
        let root = std::env::temp_dir().join(format!("mwcheck-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/one.yaml"), "x").unwrap();
        std::fs::write(root.join("two.yml"), "x").unwrap();
        std::fs::write(root.join("notes.txt"), "x").unwrap();
        // A link back to the top, a second way into `a`, a dangling link, a FIFO.
        std::os::unix::fs::symlink(&root, root.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("again")).unwrap();
        std::os::unix::fs::symlink(root.join("gone.yaml"), root.join("dangling.yaml")).unwrap();
        let fifo = root.join("pipe.yaml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let found = find_files(&root).unwrap();
        let ids: Vec<&str> = found.files.iter().map(|(id, _)| id.as_str()).collect();
        // `a` is walked by its real path; `again` leads there too and is skipped.
        assert_eq!(ids, ["a/b/one", "two"]);
        let said: Vec<String> = found
            .skipped
            .iter()
            .map(|d| format!("{}: {}", d.file, d.message))
            .collect();
        assert_eq!(said.len(), 4, "{said:#?}");
        let has = |path: &str, words: &str| {
            said.iter()
                .any(|s| s.starts_with(&root.join(path).display().to_string()) && s.contains(words))
        };
        assert!(has("a/b/up", "a folder already walked"), "{said:#?}");
        assert!(has("again", "a folder already walked"), "{said:#?}");
        assert!(has("dangling.yaml", "leads nowhere"), "{said:#?}");
        assert!(has("pipe.yaml", "a FIFO"), "{said:#?}");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
