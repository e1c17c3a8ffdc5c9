//! Running one program through its runtime wrapper (`samples/runtime/bin/NAME PROGRAM`, the
//! contract with the runtime side): in a fresh temporary folder holding the program and the files
//! that come with it, stdin empty, `MWCHECK_API` set to the recording proxy's api.php, killed (with
//! everything it started) when the timeout passes. Each wrapper's `--check` says whether its
//! runtime is usable; a program whose runtime is not is skipped with that line as the reason.
//! `MWCHECK_MEDIAWIKI_VERSION` tells the runtimes the target's version when it is known.

use super::language::Language;
use super::model::Program;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;
use tokio::process::Command;

/// Output kept per stream (a program that floods its output is cut).
const MAX_OUTPUT: usize = 256 * 1024;

/// The runtime wrappers in one folder (`samples/runtime/bin`), each checked once.
pub struct Runtimes {
    bin: PathBuf,
    /// `MWCHECK_MEDIAWIKI_VERSION` for the wrappers.
    mediawiki_version: Option<String>,
    checked: tokio::sync::Mutex<HashMap<Language, Result<String, String>>>,
}

/// What a program did.
#[derive(Clone, Debug, Default)]
pub struct Ran {
    /// Its exit status (`None`: killed, or ended by a signal).
    pub exit: Option<i32>,
    pub timed_out: bool,
    pub stdout: String,
    pub stderr: String,
    pub duration: Duration,
}

impl Runtimes {
    pub fn new(bin: &Path, mediawiki_version: Option<&str>) -> Runtimes {
        Runtimes {
            // Programs run in another folder: a relative path would not find the wrappers there.
            bin: std::path::absolute(bin).unwrap_or_else(|_| bin.to_owned()),
            mediawiki_version: mediawiki_version.map(str::to_owned),
            checked: tokio::sync::Mutex::new(HashMap::new()),
        }
    }

    fn wrapper(&self, language: Language) -> PathBuf {
        self.bin.join(language.wrapper())
    }

    /// The wrapper's command, with the environment every run of it gets.
    fn command(&self, language: Language) -> Command {
        let mut command = Command::new(self.wrapper(language));
        if let Some(version) = &self.mediawiki_version {
            command.env("MWCHECK_MEDIAWIKI_VERSION", version);
        }
        command
    }

    /// `Ok(line)` when `language`'s runtime is usable; else why not (the wrapper's own line when
    /// it has one).
    pub async fn check(&self, language: Language) -> Result<String, String> {
        let mut checked = self.checked.lock().await;
        if let Some(known) = checked.get(&language) {
            return known.clone();
        }
        let wrapper = self.wrapper(language);
        let found = if !wrapper.is_file() {
            Err(format!(
                "no {} runtime: {} does not exist",
                language.name(),
                wrapper.display()
            ))
        } else {
            let output = tokio::time::timeout(
                Duration::from_secs(60),
                self.command(language)
                    .arg("--check")
                    .stdin(Stdio::null())
                    .kill_on_drop(true)
                    .output(),
            )
            .await;
            match output {
                Ok(Ok(output)) => {
                    let said = [&output.stdout[..], &output.stderr[..]]
                        .iter()
                        .map(|b| String::from_utf8_lossy(b).trim().to_owned())
                        .find(|s| !s.is_empty())
                        .unwrap_or_default();
                    let said = said.lines().next().unwrap_or_default().to_owned();
                    if output.status.success() {
                        Ok(said)
                    } else {
                        Err(format!(
                            "the {} runtime is not usable ({} --check: {})",
                            language.name(),
                            wrapper.display(),
                            if said.is_empty() {
                                output.status.to_string()
                            } else {
                                said
                            }
                        ))
                    }
                }
                Ok(Err(err)) => Err(format!("cannot run {} --check: {err}", wrapper.display())),
                Err(_) => Err(format!(
                    "{} --check did not answer in 60 s",
                    wrapper.display()
                )),
            }
        };
        checked.insert(language, found.clone());
        found
    }

    /// Runs `source` (the program as substituted) in a fresh temporary folder.
    pub async fn run(
        &self,
        program: &Program,
        source: &str,
        api: &str,
        timeout: Duration,
    ) -> std::io::Result<Ran> {
        let dir =
            std::env::temp_dir().join(format!("mwcheck-sample-{}", crate::vars::random_hex(12)));
        std::fs::create_dir_all(&dir)?;
        let result = self.run_in(&dir, program, source, api, timeout).await;
        let _ = std::fs::remove_dir_all(&dir);
        result
    }

    /// Writes the program and its companion files into `dir`; the program's path.
    pub fn prepare(dir: &Path, program: &Program, source: &str) -> std::io::Result<PathBuf> {
        let file = dir.join(&program.file_name);
        std::fs::write(&file, source)?;
        for companion in &program.companions {
            std::fs::write(dir.join(&companion.name), &companion.text)?;
            // Where web frameworks look for templates.
            std::fs::create_dir_all(dir.join("templates"))?;
            std::fs::write(dir.join("templates").join(&companion.name), &companion.text)?;
        }
        Ok(file)
    }

    /// Starts `file` through its wrapper in `dir`, as the leader of a new process group (ended
    /// with `kill_group`), its output piped.
    pub fn spawn(
        &self,
        language: Language,
        file: &Path,
        dir: &Path,
        api: &str,
    ) -> std::io::Result<tokio::process::Child> {
        let mut command = self.command(language);
        command
            .arg(file)
            .current_dir(dir)
            .env("MWCHECK_API", api)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        #[cfg(unix)]
        command.process_group(0);
        command.spawn()
    }

    async fn run_in(
        &self,
        dir: &Path,
        program: &Program,
        source: &str,
        api: &str,
        timeout: Duration,
    ) -> std::io::Result<Ran> {
        let file = Self::prepare(dir, program, source)?;
        let started = Instant::now();
        let mut child = self.spawn(program.language, &file, dir, api)?;
        let group = child.id();
        let output = OutputReaders::start(&mut child);
        let (exit, timed_out) = match tokio::time::timeout(timeout, child.wait()).await {
            Ok(status) => (status?.code(), false),
            Err(_) => (None, true),
        };
        // Whatever the program started and left running is ended with it.
        kill_group(group, &mut child).await;
        let (stdout, stderr) = output.collect().await;
        Ok(Ran {
            exit,
            timed_out,
            stdout,
            stderr,
            duration: started.elapsed(),
        })
    }
}

/// A started program's stdout and stderr, read (up to the cap) while it runs.
pub(super) struct OutputReaders {
    stdout: tokio::task::JoinHandle<String>,
    stderr: tokio::task::JoinHandle<String>,
}

impl OutputReaders {
    /// Starts reading the child's piped stdout and stderr.
    pub(super) fn start(child: &mut tokio::process::Child) -> OutputReaders {
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        OutputReaders {
            stdout: tokio::spawn(async move { read_capped(&mut stdout).await }),
            stderr: tokio::spawn(async move { read_capped(&mut stderr).await }),
        }
    }

    /// What the program wrote (stdout, stderr), once it has ended: each stream is waited for at
    /// most 5 s more (a grandchild may still hold it open).
    pub(super) async fn collect(self) -> (String, String) {
        let wait = |handle| async move {
            tokio::time::timeout(Duration::from_secs(5), handle)
                .await
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default()
        };
        (wait(self.stdout).await, wait(self.stderr).await)
    }
}

async fn read_capped(stream: &mut (impl AsyncReadExt + Unpin)) -> String {
    let mut kept = Vec::new();
    let mut buffer = [0u8; 8192];
    while let Ok(n) = stream.read(&mut buffer).await {
        if n == 0 {
            break;
        }
        if kept.len() < MAX_OUTPUT {
            kept.extend_from_slice(&buffer[..n.min(MAX_OUTPUT - kept.len())]);
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// Ends the program's process group (the wrapper and what it started): the group the program
/// was started as the leader of (`process_group(0)`), never any other.
pub(super) async fn kill_group(group: Option<u32>, child: &mut tokio::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = group
        .and_then(|pid| i32::try_from(pid).ok())
        .filter(|pid| *pid > 1)
    {
        // SAFETY: kill(2) with a negative pid signals exactly that process group; it touches no
        // memory of ours.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill().await;
}
