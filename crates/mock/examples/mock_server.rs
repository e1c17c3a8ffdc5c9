//! Runs the mock wiki on a fixed address until interrupted (used by scripts/diff_mock_vs_real.py).
//! Usage: cargo run --example mock_server -- [ADDR] [PBKDF2_ITERATIONS]

use mwcheck_mock::{MockWiki, WikiConfig};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:18080".to_string());
    let addr = addr
        .parse()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{e}")))?;
    let mut config = WikiConfig::default();
    if let Some(iterations) = args.next().and_then(|s| s.parse().ok()) {
        config.pbkdf2_iterations = iterations;
    }
    let wiki = MockWiki::bind(addr, config).await?;
    println!("mock wiki at {}", wiki.api_url());
    tokio::signal::ctrl_c().await?;
    wiki.shutdown().await;
    Ok(())
}
