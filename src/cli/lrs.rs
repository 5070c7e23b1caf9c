//! `frontline lrs push|status [--lrs URL --user U --password P] [--data-dir D]`:
//! sends stored results to a learning record store, and shows how far that
//! got. The rules (batches, retries, resuming, refused statements) are in
//! `frontline_lrs::push`.

use super::scores::{open, terminal_text};
use frontline_lrs::{Client, PartialConfig, Push, PushOptions, PushReport};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `frontline lrs`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub action: Action,
}

/// `frontline lrs push` / `frontline lrs status`.
#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Send every result the LRS has not accepted yet (resumes after a stop).
    Push(PushArgs),
    /// Show how many results were delivered, refused, or are still to send.
    Status(Where),
}

/// Which LRS and which results.
#[derive(clap::Args, Debug, Default)]
pub struct Where {
    /// The LRS's xAPI base URL (else $FRONTLINE_LRS_URL, else lrs.ron in the config folder).
    #[arg(long = "lrs", value_name = "URL")]
    pub endpoint: Option<String>,
    /// Basic-auth user (else $FRONTLINE_LRS_USER, else lrs.ron).
    #[arg(long)]
    pub user: Option<String>,
    /// Basic-auth password (else $FRONTLINE_LRS_PASSWORD, else lrs.ron).
    #[arg(long)]
    pub password: Option<String>,
    /// Folder with results.db (default: $FRONTLINE_DATA, else the platform data folder).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
}

/// Arguments of `frontline lrs push`.
#[derive(clap::Args, Debug)]
pub struct PushArgs {
    /// Which LRS and which results.
    #[command(flatten)]
    pub target: Where,
    /// Results per request.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub batch: u32,
    /// Tries per batch while the LRS does not answer (or answers 429 / 5xx).
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub attempts: u32,
    /// Pause after the first failed try, in milliseconds (doubles each time).
    #[arg(long, default_value_t = 500)]
    pub pause_ms: u64,
    /// Also send again the results the LRS refused before.
    #[arg(long)]
    pub resend_rejected: bool,
    /// Print a line after every batch.
    #[arg(long)]
    pub progress: bool,
}

/// Runs `frontline lrs ...`: exit 0 when everything went, 1 on an error
/// (nothing lost: a new push resumes), 2 for a bad configuration, 3 when
/// some results were refused (listed).
pub fn run(args: Args) -> ExitCode {
    match args.action {
        Action::Push(a) => push(a),
        Action::Status(w) => status(w),
    }
}

/// The store and LRS configuration of `target`, or the exit code after
/// printing why not.
fn prepare(
    target: Where,
) -> Result<(frontline_results::SqliteStore, frontline_lrs::LrsConfig), ExitCode> {
    let flags = PartialConfig {
        endpoint: target.endpoint,
        user: target.user,
        password: target.password,
    };
    let config_dir = frontline_results::config_dir(target.data_dir.clone());
    let config = frontline_lrs::resolve(flags, config_dir.as_deref()).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    let store = open(frontline_results::database_path(target.data_dir))?;
    Ok((store, config))
}

fn push(args: PushArgs) -> ExitCode {
    let (store, config) = match prepare(args.target) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let options = PushOptions {
        batch_results: args.batch as usize,
        attempts: args.attempts,
        first_pause: Duration::from_millis(args.pause_ms),
        resend_rejected: args.resend_rejected,
        max_batches: None,
    };
    let client = Client::new(&config);
    let show = args.progress;
    let outcome = Push::new(&store, &client, &config.endpoint)
        .options(options)
        .run(&mut |r| {
            if show {
                eprintln!(
                    "batch {}: {} results delivered, {} refused",
                    r.batches,
                    r.delivered,
                    r.rejected.len()
                );
            }
        });
    match outcome {
        Ok(report) => summarise(&report, &config.endpoint),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn summarise(report: &PushReport, endpoint: &str) -> ExitCode {
    let seconds = report.elapsed.as_secs_f64();
    let rate = if seconds > 0.0 {
        report.statements as f64 / seconds
    } else {
        0.0
    };
    println!(
        "sent {} results ({} statements) to {endpoint} in {seconds:.1} s ({rate:.0} statements/s)",
        report.delivered, report.statements
    );
    if report.retries > 0 {
        println!("{} requests had to be repeated", report.retries);
    }
    for statement in &report.conflicts {
        println!("already held with other content (kept as delivered): {statement}");
    }
    for r in &report.rejected {
        println!(
            "refused: result {}: {}",
            r.result_id,
            terminal_text(&r.reason)
        );
    }
    if report.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!(
            "{} results were refused; fix the cause, then `frontline lrs push --resend-rejected`",
            report.rejected.len()
        );
        ExitCode::from(3)
    }
}

fn status(target: Where) -> ExitCode {
    let (store, config) = match prepare(target) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let counts = match store.delivery_counts(&config.endpoint) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!("{}", config.endpoint);
    println!("  results:   {}", counts.results);
    println!("  delivered: {}", counts.delivered);
    println!("  refused:   {}", counts.rejected);
    println!("  to send:   {}", counts.pending);
    if let Ok(rejected) = store.rejected_deliveries(&config.endpoint, 20) {
        for (id, why) in rejected {
            println!("  refused {id}: {}", terminal_text(&why));
        }
    }
    ExitCode::SUCCESS
}
