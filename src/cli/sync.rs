//! `frontline sync [--status] [--retry-rejected] [--server URL] [--token T]
//! [--data-dir D]`: sends the results kept on this machine that the team
//! server does not have yet (the local store is the outbox), and prints what
//! happened. Exit codes:
//! 0 every local result is on the server; 1 some were refused for good
//! (listed; `--retry-rejected` sends them again) or the local database
//! failed; 2 the server cannot be reached or failed (the rest stays pending
//! for the next run); 3 no server is configured or its setting is wrong
//! (including a refused token).

use frontline_results::SqliteStore;
use frontline_sync::config::{self, Overrides};
use frontline_sync::outbox::MAX_BATCH_RECORDS;
use frontline_sync::{ApiError, Client, ServerConfig, sync_outbox};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `frontline sync`.
#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Only show how many results wait, were delivered or refused; send nothing.
    #[arg(long)]
    pub status: bool,
    /// Make refused results pending again before sending (after fixing the cause).
    #[arg(long)]
    pub retry_rejected: bool,
    #[command(flatten)]
    pub server: ServerArgs,
    /// Folder with results.db (default: $FRONTLINE_DATA, else the platform data folder).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

/// `--server` and `--token`, shared by the commands that talk to the team server.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct ServerArgs {
    /// Team server URL (else $FRONTLINE_SERVER, else `url` in server.ron).
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Access token (else $FRONTLINE_TOKEN, else `token` in server.ron).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}

impl ServerArgs {
    /// The server setting from these flags, the environment and server.ron
    /// in the preferences folder of `data_dir`.
    pub fn resolve(
        &self,
        data_dir: Option<PathBuf>,
    ) -> Result<Option<ServerConfig>, config::ConfigError> {
        let overrides = Overrides {
            server: self.server.clone(),
            token: self.token.clone(),
        };
        config::resolve(
            &overrides,
            frontline_results::config_dir(data_dir).as_deref(),
        )
    }
}

/// Runs `frontline sync` (exit codes in the module docs).
pub fn run(args: Args) -> ExitCode {
    let path = frontline_results::database_path(args.data_dir.clone());
    let setting = args.server.resolve(args.data_dir.clone());
    if args.status {
        return status(&path, setting.ok().flatten());
    }
    let config = match setting {
        Ok(Some(config)) => config,
        Ok(None) => {
            eprintln!(
                "error: no team server is configured: pass --server URL --token T, set {} and {}, or write {} in the preferences folder",
                config::SERVER_ENV,
                config::TOKEN_ENV,
                config::SERVER_FILE
            );
            return ExitCode::from(3);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(3);
        }
    };
    let store = match super::scores::open(path) {
        Ok(store) => store,
        Err(code) => return code,
    };
    if args.retry_rejected {
        match store.retry_rejected() {
            Ok(n) => println!("{n} refused results are pending again"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let url = config.url.clone();
    let report = match sync_outbox(&store, &Client::new(config), MAX_BATCH_RECORDS) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "sent to {url}: {} stored, {} already there, {} refused; {} waiting",
        report.stored,
        report.already_present,
        report.rejected.len(),
        report.pending
    );
    for (id, reason, message) in &report.rejected {
        eprintln!("refused: result {id} ({reason}): {message}");
    }
    let refused_total = store.outbox_counts().map_or(0, |c| c.rejected);
    match &report.stopped {
        Some(e @ ApiError::Unauthorized(_)) => {
            eprintln!("error: {e}");
            ExitCode::from(3)
        }
        Some(e) => {
            eprintln!("error: {e}; the waiting results will be sent next time");
            ExitCode::from(2)
        }
        None if report.pending > 0 => {
            eprintln!("error: the server did not take every result; try again later");
            ExitCode::from(2)
        }
        None if refused_total > 0 => {
            eprintln!(
                "{refused_total} results were refused by the server (see `frontline sync --status`)"
            );
            ExitCode::from(1)
        }
        None => ExitCode::SUCCESS,
    }
}

/// `--status`: counts from the local store only; no request is made.
fn status(path: &std::path::Path, config: Option<ServerConfig>) -> ExitCode {
    match &config {
        Some(c) => println!("team server: {}", c.url),
        None => println!("team server: none configured (results stay on this machine)"),
    }
    if !path.exists() {
        println!("no results yet (looked for {})", path.display());
        return ExitCode::SUCCESS;
    }
    let store = match SqliteStore::open_read_only(path) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let (counts, rejected) = match store
        .outbox_counts()
        .and_then(|c| Ok((c, store.rejected()?)))
    {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "{} waiting to sync, {} on the server, {} refused",
        counts.pending, counts.delivered, counts.rejected
    );
    for r in rejected {
        println!("refused: result {} ({}): {}", r.id, r.reason, r.message);
    }
    ExitCode::SUCCESS
}
