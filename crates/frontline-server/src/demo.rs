//! `frontline serve admin demo-data`: fills a server with real plays
//! (frontline-results' simulated teams playing the published encounters),
//! so the dashboard can be tried and tested on believable data.

use crate::library::{LibraryFile, problems, version_of};
use crate::{Database, Posted, ServerError};
use chrono::Utc;
use frontline_core::scenario::load_str;
use frontline_results::simulate::{Simulation, simulate};
use std::path::Path;

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

/// Players per simulated team.
pub const PLAYERS_PER_TEAM: usize = 3;

/// Weeks back the simulated plays spread over.
pub const DEMO_WEEKS: u32 = 8;

impl Database {
    /// Stores `plays` plays per player for `teams` teams: the teams already
    /// created first (by name), then `Demo team 1`, ... created as needed.
    /// The plays are of the published library; when none is published,
    /// `dialogues` is checked and published first.
    pub async fn fill_demo(
        &self,
        dialogues: &[LibraryFile],
        teams: usize,
        plays: usize,
        seed: u64,
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
        let scenarios: Vec<_> = library
            .files
            .iter()
            .filter_map(|f| load_str(Path::new(&f.path), &f.text).playable().cloned())
            .collect();
        let names = self.demo_teams(teams).await?;
        let sim = Simulation {
            teams: Simulation::teams_named(&names, PLAYERS_PER_TEAM),
            plays_per_player: plays,
            weeks: DEMO_WEEKS,
            end: Utc::now(),
            seed,
        };
        let records = tokio::task::spawn_blocking(move || simulate(&scenarios, &sim))
            .await
            .map_err(|e| ServerError::Refused(format!("the simulation failed: {e}")))?;
        let mut stored = 0;
        for r in &records {
            if self.post(r).await? == Posted::Stored {
                stored += 1;
            }
        }
        Ok(DemoReport {
            published,
            teams: names,
            stored,
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
