//! `frontline serve admin demo-data`: fills a server with real plays
//! (frontline-results' simulated teams playing the published encounters),
//! so the dashboard can be tried and tested on believable data.

use crate::library::{LibraryFile, problems, version_of};
use crate::{Database, ServerError};
use chrono::Utc;
use frontline_core::scenario::load_str;
use frontline_results::simulate::{Simulation, simulate};
use std::path::Path;
use std::sync::Arc;

/// What [`Database::fill_demo`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoReport {
    /// Whether it published `dialogues` (nothing was published before).
    pub published: bool,
    /// The teams that played.
    pub teams: Vec<String>,
    /// Results stored.
    pub stored: usize,
}

/// How much to simulate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoShape {
    /// Teams that play.
    pub teams: usize,
    /// Players per team.
    pub players: usize,
    /// Plays per player.
    pub plays: usize,
    /// The plays start within this many weeks before now.
    pub weeks: u32,
    /// Seed of the simulation.
    pub seed: u64,
}

impl Default for DemoShape {
    /// Three teams of three players, eight plays each, over eight weeks.
    fn default() -> DemoShape {
        DemoShape {
            teams: 3,
            players: 3,
            plays: 8,
            weeks: 8,
            seed: 1,
        }
    }
}

/// Results simulated and stored per transaction, so memory stays flat
/// however many plays are asked for.
const CHUNK_RESULTS: usize = 20_000;

impl Database {
    /// Stores `shape.plays` plays per player of `shape.teams` teams: the
    /// teams already created first (by name), then `Demo team k` ones created
    /// as needed. The plays are of the published library; when none is
    /// published, `dialogues` is checked and published first. Stored in
    /// bulk ([`Database::bulk_insert`]), a few teams at a time.
    pub async fn fill_demo(
        &self,
        dialogues: &[LibraryFile],
        shape: DemoShape,
    ) -> Result<DemoReport, ServerError> {
        let mut published = false;
        if self.library_version().await? == version_of(&[]) {
            let upload = crate::library::LibraryUpload {
                files: dialogues.to_vec(),
            };
            if let Some(p) = problems(&upload).first() {
                return Err(ServerError::Refused(format!(
                    "the dialogues cannot be published: {}: {}",
                    p.field, p.message
                )));
            }
            self.publish(dialogues, None).await?;
            published = true;
        }
        let library = self.library().await?;
        let scenarios: Arc<Vec<_>> = Arc::new(
            library
                .files
                .iter()
                .filter_map(|f| load_str(Path::new(&f.path), &f.text).playable().cloned())
                .collect(),
        );
        let names = self.demo_teams(shape.teams).await?;
        let teams = Simulation::teams_named(&names, shape.players);
        let per_chunk = (CHUNK_RESULTS / (shape.players * shape.plays).max(1)).max(1);
        let end = Utc::now();
        let mut stored = 0;
        for (k, chunk) in teams.chunks(per_chunk).enumerate() {
            let sim = Simulation {
                teams: chunk.to_vec(),
                plays_per_player: shape.plays,
                weeks: shape.weeks,
                end,
                seed: shape.seed.wrapping_add(k as u64),
            };
            let scenarios = Arc::clone(&scenarios);
            let records = tokio::task::spawn_blocking(move || simulate(&scenarios, &sim))
                .await
                .map_err(|e| ServerError::Refused(format!("the simulation failed: {e}")))?;
            stored += self.bulk_insert(&records).await?;
        }
        // As autovacuum would in time: fresh statistics for the planner and
        // a visibility map that lets index-only scans skip the table.
        self.client()
            .await?
            .batch_execute("VACUUM (ANALYZE) results")
            .await?;
        Ok(DemoReport {
            published,
            teams: names,
            stored: stored as usize,
        })
    }

    /// The first `n` teams by name, creating `Demo team k` ones when fewer exist.
    async fn demo_teams(&self, n: usize) -> Result<Vec<String>, ServerError> {
        let rows = self
            .client()
            .await?
            .query("SELECT name FROM teams ORDER BY name", &[])
            .await?;
        let mut names: Vec<String> = rows.iter().map(|r| r.get(0)).take(n).collect();
        let mut k = 1;
        while names.len() < n {
            let name = format!("Demo team {k}");
            k += 1;
            if !names.contains(&name) {
                // Already there from an earlier run: fine, use it.
                let _ = self.create_team(&name).await;
                names.push(name);
            }
        }
        Ok(names)
    }
}
