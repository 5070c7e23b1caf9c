//! `frontline serve`: the team results server over PostgreSQL, and
//! `frontline serve admin ...` to manage its teams and tokens.

use clap::Subcommand;
use frontline_server::admin::PlayerRef;
use frontline_server::{DATABASE_ENV, Database, ServerError};
use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

/// Arguments of `frontline serve`.
#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Address to listen on. Anything but loopback needs `--allow-plain-http`
    /// (put a TLS reverse proxy in front: see docs/server.md).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// PostgreSQL URL, e.g. postgres://frontline@127.0.0.1/frontline
    /// (default: $FRONTLINE_DATABASE_URL).
    #[arg(long, global = true, value_name = "URL")]
    pub database: Option<String>,
    /// Listen on a non-loopback address without TLS (tokens then cross the
    /// network in clear text unless a proxy adds TLS).
    #[arg(long)]
    pub allow_plain_http: bool,
    /// Browsers open the dashboard over plain http:// (this machine, or a
    /// trusted network): its session cookie goes without `Secure`, which
    /// would keep browsers from sending it. Leave off behind a TLS proxy.
    #[arg(long)]
    pub dashboard_over_http: bool,
    /// Manage teams and tokens instead of serving.
    #[command(subcommand)]
    pub admin: Option<Admin>,
}

/// `frontline serve admin`.
#[derive(Subcommand, Debug)]
pub enum Admin {
    /// Team and token management.
    #[command(subcommand)]
    Admin(AdminCommand),
}

/// One admin action.
#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create a team (player tokens belong to one).
    CreateTeam {
        /// The team's name, as players type it in the game.
        name: String,
    },
    /// Issue a token, printed once: a player token for `--team`, or `--trainer`.
    IssueToken {
        /// The team of a player token.
        #[arg(long, required_unless_present = "trainer", conflicts_with = "trainer")]
        team: Option<String>,
        /// A trainer token (publishes scenarios, reads and posts for every team).
        #[arg(long)]
        trainer: bool,
    },
    /// Revoke a token at once, by its id (see `list-tokens`).
    RevokeToken {
        /// The token's id.
        id: i64,
    },
    /// List every token issued: id, role, team, when issued and revoked.
    ListTokens,
    /// Print every result held about one player as JSON (a privacy request).
    ExportPlayer {
        /// The player's id, or a name they played under (refused, with the
        /// candidates' ids, when several players used it).
        player: String,
        /// With a name: only the player of this team.
        #[arg(long)]
        team: Option<String>,
    },
    /// Fill the database with real plays for trying the dashboard: simulated
    /// players play the published encounters (publishing `--dialogues` first
    /// when nothing is published yet). Stored in bulk: a million plays
    /// (`--teams 200 --players 25 --plays 200 --weeks 52`) take minutes.
    DemoData {
        /// Teams that play: the existing ones by name, then `Demo team N` ones.
        #[arg(long, default_value_t = 3)]
        teams: usize,
        /// Players per team.
        #[arg(long, default_value_t = 3)]
        players: usize,
        /// Plays per player.
        #[arg(long, default_value_t = 8)]
        plays: usize,
        /// The plays start within this many weeks before now.
        #[arg(long, default_value_t = 8)]
        weeks: u32,
        /// Seed of the simulation.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Scenario folder published when the server has no library yet.
        #[arg(long, default_value = "dialogues")]
        dialogues: std::path::PathBuf,
    },
    /// Recompute the running totals, team days and encounter counters from
    /// the stored results (after a restore or a change made by hand).
    RebuildAggregates,
    /// Delete every result of one player, with their leaderboard totals.
    DeletePlayer {
        /// The player's id, or a name they played under (refused, with the
        /// candidates' ids, when several players used it).
        player: String,
        /// With a name: only the player of this team.
        #[arg(long)]
        team: Option<String>,
    },
}

/// Runs `frontline serve` or one of its admin commands.
pub fn run(args: Args) -> ExitCode {
    let Some(url) = args
        .database
        .clone()
        .or_else(|| std::env::var(DATABASE_ENV).ok().filter(|v| !v.is_empty()))
    else {
        eprintln!("error: give the PostgreSQL database with --database URL or {DATABASE_ENV}");
        return ExitCode::from(2);
    };
    if args.admin.is_none()
        && !frontline_server::is_loopback(&args.listen)
        && !args.allow_plain_http
    {
        eprintln!(
            "error: {} is reachable from other machines and this server speaks plain HTTP, so \
             tokens would cross the network unencrypted. Listen on 127.0.0.1 behind a TLS reverse \
             proxy (docs/server.md), or pass --allow-plain-http if the network is trusted.",
            args.listen
        );
        return ExitCode::from(2);
    }
    let runtime = match frontline_server::runtime() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let outcome = runtime.block_on(async {
        let db = Database::connect(&url).await?;
        match args.admin {
            None => serve(db, args.listen, args.dashboard_over_http).await,
            Some(Admin::Admin(command)) => admin(&db, command).await,
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

async fn serve(db: Database, listen: SocketAddr, plain_http: bool) -> Result<(), ServerError> {
    let cookies = frontline_server::dashboard::CookiePolicy {
        secure: !plain_http,
    };
    frontline_server::serve_with(db, listen, cookies, |addr| {
        println!("frontline serve: listening on http://{addr}");
        let _ = std::io::stdout().flush();
    })
    .await
}

async fn admin(db: &Database, command: AdminCommand) -> Result<(), ServerError> {
    match command {
        AdminCommand::CreateTeam { name } => {
            db.create_team(&name).await?;
            println!("created team `{name}`");
        }
        AdminCommand::IssueToken { team, .. } => {
            let issued = db.issue_token(team.as_deref()).await?;
            let whom = team.map_or("trainer".to_string(), |t| format!("player of team `{t}`"));
            println!("token {} ({whom}); it is shown only now:", issued.id);
            println!("{}", issued.token);
        }
        AdminCommand::RevokeToken { id } => {
            db.revoke_token(id).await?;
            println!("revoked token {id}");
        }
        AdminCommand::ExportPlayer { player, team } => {
            let id = db.resolve_player(&PlayerRef::parse(&player, team)).await?;
            let results = db.player_results(id).await?;
            let json = serde_json::to_string_pretty(&results)
                .map_err(|e| ServerError::Refused(e.to_string()))?;
            println!("{json}");
        }
        AdminCommand::DeletePlayer { player, team } => {
            let id = db.resolve_player(&PlayerRef::parse(&player, team)).await?;
            let n = db.delete_player(id).await?;
            println!("deleted {n} results of player {id}");
        }
        AdminCommand::DemoData {
            teams,
            players,
            plays,
            weeks,
            seed,
            dialogues,
        } => {
            let files =
                super::publish::upload_files(&super::check::scenario_paths(vec![dialogues]))
                    .map_err(ServerError::Io)?
                    .into_iter()
                    .filter_map(|v| serde_json::from_value(v).ok())
                    .collect::<Vec<frontline_server::library::LibraryFile>>();
            let shape = frontline_server::demo::DemoShape {
                teams,
                players,
                plays,
                weeks,
                seed,
            };
            let report = db.fill_demo(&files, shape).await?;
            if report.published {
                println!("published {} scenario files", files.len());
            }
            println!(
                "stored {} plays of teams {}",
                report.stored,
                report.teams.join(", ")
            );
        }
        AdminCommand::RebuildAggregates => {
            db.rebuild_aggregates().await?;
            println!("rebuilt the totals, team days and encounter counters from the results");
        }
        AdminCommand::ListTokens => {
            println!(
                "{:>5}  {:<8}  {:<20}  {:<20}  revoked",
                "id", "role", "team", "issued"
            );
            for t in db.list_tokens().await? {
                let when =
                    |d: chrono::DateTime<chrono::Utc>| d.format("%Y-%m-%d %H:%M").to_string();
                println!(
                    "{:>5}  {:<8}  {:<20}  {:<20}  {}",
                    t.id,
                    t.role,
                    t.team.unwrap_or_else(|| "-".into()),
                    when(t.created_at),
                    t.revoked_at.map_or_else(|| "-".into(), when)
                );
            }
        }
    }
    Ok(())
}
