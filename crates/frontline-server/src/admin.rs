//! What `frontline serve admin` does: teams, tokens, and one player's data
//! (export and deletion, for privacy requests).

use crate::auth::{Role, new_token, token_hash};
use crate::rows::{RECORD_COLUMNS, Where, decode};
use crate::{Database, ServerError};
use chrono::{DateTime, Utc};
use frontline_results::{Filter, ResultRecord};
use uuid::Uuid;

/// One row of `list-tokens` (never the token itself: only its hash is kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    /// Its id, for `revoke-token`.
    pub id: i64,
    /// `player` or `trainer`.
    pub role: String,
    /// The team of a player token.
    pub team: Option<String>,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token just issued: the only time its text is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedToken {
    /// Its id.
    pub id: i64,
    /// The secret to hand to the player or trainer.
    pub token: String,
}

impl Database {
    /// Creates a team; its name follows the result record's name rules.
    pub async fn create_team(&self, name: &str) -> Result<(), ServerError> {
        if let Some(p) = frontline_results::validate::name_problems("team", name).first() {
            return Err(ServerError::Refused(format!("team name: {}", p.message)));
        }
        let added = self
            .client()
            .await?
            .execute(
                "INSERT INTO teams (name) VALUES ($1) ON CONFLICT DO NOTHING",
                &[&name],
            )
            .await?;
        if added == 0 {
            return Err(ServerError::Refused(format!(
                "team `{name}` already exists"
            )));
        }
        Ok(())
    }

    /// Issues a token: a player token for `team`, or a trainer token when
    /// `team` is `None`. The team must exist.
    pub async fn issue_token(&self, team: Option<&str>) -> Result<IssuedToken, ServerError> {
        let client = self.client().await?;
        if let Some(team) = team {
            let known = client
                .query_opt("SELECT 1 FROM teams WHERE name = $1", &[&team])
                .await?;
            if known.is_none() {
                return Err(ServerError::Refused(format!(
                    "there is no team `{team}`; create it first with `frontline serve admin create-team`"
                )));
            }
        }
        let role = if team.is_some() {
            Role::Player
        } else {
            Role::Trainer
        };
        let token = new_token()?;
        let id: i64 = client
            .query_one(
                "INSERT INTO tokens (hash, role, team) VALUES ($1, $2, $3) RETURNING id",
                &[&token_hash(&token), &role.name(), &team],
            )
            .await?
            .get(0);
        Ok(IssuedToken { id, token })
    }

    /// Revokes token `id` at once (every server process checks each request).
    pub async fn revoke_token(&self, id: i64) -> Result<(), ServerError> {
        let changed = self
            .client()
            .await?
            .execute(
                "UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
                &[&id],
            )
            .await?;
        if changed == 0 {
            return Err(ServerError::Refused(format!(
                "no active token has the id {id} (see `list-tokens`)"
            )));
        }
        self.end_sessions_of(id).await?;
        Ok(())
    }

    /// Every token ever issued, oldest first.
    pub async fn list_tokens(&self) -> Result<Vec<TokenInfo>, ServerError> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT id, role, team, created_at, revoked_at FROM tokens ORDER BY id",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| TokenInfo {
                id: r.get(0),
                role: r.get(1),
                team: r.get(2),
                created_at: r.get(3),
                revoked_at: r.get(4),
            })
            .collect())
    }
}

/// Whom a privacy command is about: a player id, or a name (in one team
/// when given) that must name exactly one player.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlayerRef {
    /// The player's id (as `export-player` shows it and the game keeps it).
    Id(Uuid),
    /// Any name the player played under, optionally narrowed to a team.
    Name {
        /// The name.
        name: String,
        /// Only in this team.
        team: Option<String>,
    },
}

impl PlayerRef {
    /// `text` as an id when it is one (`team` is then not needed), else as
    /// a name in `team`.
    pub fn parse(text: &str, team: Option<String>) -> PlayerRef {
        match text.parse() {
            Ok(id) => PlayerRef::Id(id),
            Err(_) => PlayerRef::Name {
                name: text.to_string(),
                team,
            },
        }
    }
}

impl Database {
    /// The one player id `who` names. A name that several players used (two
    /// Sams, or one name in two teams) is refused with every candidate's id,
    /// team and newest name, so the admin can pick one.
    pub async fn resolve_player(&self, who: &PlayerRef) -> Result<Uuid, ServerError> {
        let (name, team) = match who {
            PlayerRef::Id(id) => return Ok(*id),
            PlayerRef::Name { name, team } => (name, team),
        };
        let ids: Vec<Uuid> = self
            .client()
            .await?
            .query(
                "SELECT DISTINCT player_id FROM results WHERE player = $1 \
                 AND ($2::text IS NULL OR team = $2)",
                &[name, team],
            )
            .await?
            .iter()
            .map(|r| r.get(0))
            .collect();
        match ids.as_slice() {
            [one] => Ok(*one),
            [] => Err(ServerError::Refused(format!(
                "no result was played under the name `{name}`{}",
                team.as_ref()
                    .map_or(String::new(), |t| format!(" in team `{t}`"))
            ))),
            _ => {
                let mut lines = Vec::new();
                for p in self.players(team.as_deref()).await? {
                    if ids.contains(&p.player_id) {
                        lines.push(format!(
                            "  {}  team `{}`, now called `{}`",
                            p.player_id, p.team, p.name
                        ));
                    }
                }
                Err(ServerError::Refused(format!(
                    "`{name}` names {} players; give one of their ids instead:\n{}",
                    ids.len(),
                    lines.join("\n")
                )))
            }
        }
    }

    /// Every stored result of the player with id `player_id`, in every team,
    /// oldest first: what the server holds about that person.
    pub async fn player_results(&self, player_id: Uuid) -> Result<Vec<ResultRecord>, ServerError> {
        let w = Where::of(&Filter::player_id(player_id));
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM results {} ORDER BY started_at, id",
            w.clause
        );
        let rows = self.client().await?.query(&sql, &w.refs()).await?;
        rows.iter().map(decode).collect()
    }

    /// Deletes every result of the player with id `player_id` and their
    /// running totals, in one transaction; returns how many results.
    pub async fn delete_player(&self, player_id: Uuid) -> Result<u64, ServerError> {
        let w = Where::of(&Filter::player_id(player_id));
        let mut client = self.client().await?;
        let tx = client.transaction().await?;
        tx.execute(&crate::days::note_days_sql(&w.clause), &w.refs())
            .await?;
        tx.execute(&crate::days::subtract_sql(&w.clause), &w.refs())
            .await?;
        let deleted = tx
            .execute(&format!("DELETE FROM results {}", w.clause), &w.refs())
            .await?;
        tx.execute(crate::days::BEST_AGAIN_SQL, &[]).await?;
        tx.execute(crate::days::DROP_EMPTY_SQL, &[]).await?;
        // Totals are per team, player id and scenario: all of this player's
        // rows summed only the results just deleted.
        for totals in ["totals", "player_totals"] {
            tx.execute(&format!("DELETE FROM {totals} {}", w.clause), &w.refs())
                .await?;
        }
        tx.commit().await?;
        Ok(deleted)
    }
}
