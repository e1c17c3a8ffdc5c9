//! `mwcheck serve`: the mock wiki on an address of the user's choosing, until Ctrl-C; refuses
//! an outbox file it cannot write, and warns about what a non-loopback address exposes.

use super::USAGE;
use crate::cli::ServeArgs;
use mwcheck_mock::password_hash::MEDIAWIKI_PBKDF2_ITERATIONS;
use mwcheck_mock::{ConnectionLimits, MockWiki, TestEndpoints, WikiConfig};
use std::process::ExitCode;
use std::time::Duration;

pub async fn serve(args: ServeArgs) -> ExitCode {
    let version = match super::versions::of_builtin(args.mediawiki_version) {
        Ok(version) => version,
        Err(problem) => {
            eprintln!("error: {problem}");
            return ExitCode::from(USAGE);
        }
    };
    let Some(named) = WikiConfig::named(&args.config) else {
        eprintln!("error: unknown wiki configuration `{}`", args.config);
        return ExitCode::from(USAGE);
    };
    // A mail the wiki sends must not vanish: the outbox file has to be writable before serving.
    if let Some(path) = &args.outbox
        && let Err(err) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
    {
        eprintln!(
            "error: cannot write the outbox file {}: {err}",
            path.display()
        );
        return ExitCode::from(USAGE);
    }
    let config = WikiConfig {
        test_endpoints: if args.test_endpoints {
            TestEndpoints::On
        } else {
            TestEndpoints::OnLoopback
        },
        connection_limits: ConnectionLimits {
            max_connections: args.max_connections as usize,
            idle_timeout: Duration::from_secs(args.idle_timeout),
        },
        outbox_file: args.outbox.clone(),
        pbkdf2_iterations: args.pbkdf2_iterations,
        mediawiki: version,
        ..named
    };
    let mock = match MockWiki::bind((args.host, args.port).into(), config).await {
        Ok(mock) => mock,
        Err(err) => {
            eprintln!(
                "error: cannot start the mock wiki on {}:{}: {err}",
                args.host, args.port
            );
            return ExitCode::from(1);
        }
    };
    println!("{}", mock.api_url());
    eprintln!(
        "serving the mock wiki in configuration `{}`, answering as MediaWiki {version}",
        args.config
    );
    if !args.host.is_loopback() {
        eprintln!(
            "warning: listening on {}: other machines can reach this mock and create and log in to its accounts",
            args.host
        );
        if args.test_endpoints {
            eprintln!(
                "warning: --test-endpoints: /_mwcheck/outbox (every mail, temporary passwords included) and \
                 /_mwcheck/captcha (any session's captcha answer) are open to every machine that can connect: \
                 anyone can take over accounts"
            );
        } else {
            eprintln!(
                "note: the test endpoints (/_mwcheck/outbox, /_mwcheck/captcha) are off, since this is not \
                 a loopback address; --test-endpoints serves them anyway"
            );
        }
    }
    if args.pbkdf2_iterations != MEDIAWIKI_PBKDF2_ITERATIONS {
        eprintln!(
            "note: passwords are hashed with {} PBKDF2 round(s), not MediaWiki's {MEDIAWIKI_PBKDF2_ITERATIONS}: for tests only",
            args.pbkdf2_iterations
        );
    }
    if let Err(err) = tokio::signal::ctrl_c().await {
        eprintln!("error: cannot wait for Ctrl-C: {err}");
    }
    mock.shutdown().await;
    ExitCode::SUCCESS
}
