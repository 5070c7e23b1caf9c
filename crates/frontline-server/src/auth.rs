//! Bearer tokens: 32 random bytes from the operating system, shown once as
//! `flt_<64 hex digits>`, stored only as their SHA-256. A player token belongs
//! to one team; a trainer token to none and may do everything.

use crate::{Database, ServerError};
use rand::TryRngCore;
use rand::rngs::OsRng;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// What every token starts with (so a leaked one is easy to search for).
pub const TOKEN_PREFIX: &str = "flt_";

/// Random bytes in a token.
pub const TOKEN_BYTES: usize = 32;

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Posts results for its own team and reads every board.
    Player,
    /// Reads and posts everything and publishes the scenario library.
    Trainer,
}

impl Role {
    /// The name stored and shown (`player`, `trainer`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Player => "player",
            Role::Trainer => "trainer",
        }
    }
}

/// Who is calling: the token's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The token's id (as `list-tokens` shows it).
    pub token_id: i64,
    /// What it may do.
    pub role: Role,
    /// Its team (player tokens only).
    pub team: Option<String>,
}

impl Caller {
    /// Whether this caller may store a result of `team`.
    pub fn may_post_for(&self, team: &str) -> bool {
        match self.role {
            Role::Trainer => true,
            Role::Player => self.team.as_deref() == Some(team),
        }
    }
}

/// A fresh token from the operating system's random source.
pub fn new_token() -> Result<String, ServerError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| ServerError::Refused(format!("no random bytes from the system: {e}")))?;
    Ok(format!("{TOKEN_PREFIX}{}", hex(&bytes)))
}

/// The stored form of a token: hex SHA-256 of its text.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Database {
    /// The caller holding `token`, or `None` when it is unknown or revoked.
    pub async fn caller(&self, token: &str) -> Result<Option<Caller>, ServerError> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT id, role, team FROM tokens WHERE hash = $1 AND revoked_at IS NULL",
                &[&token_hash(token)],
            )
            .await?;
        Ok(row.as_ref().map(caller_of))
    }
}

/// The caller in a row of `(tokens.id, role, team)`.
pub(crate) fn caller_of(r: &tokio_postgres::Row) -> Caller {
    Caller {
        token_id: r.get(0),
        role: if r.get::<_, &str>(1) == "trainer" {
            Role::Trainer
        } else {
            Role::Player
        },
        team: r.get(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), TOKEN_PREFIX.len() + 2 * TOKEN_BYTES);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), token_hash(&b));
        assert!(!token_hash(&a).contains(&a[TOKEN_PREFIX.len()..]));
    }

    #[test]
    fn a_player_posts_only_for_its_team() {
        let player = Caller {
            token_id: 1,
            role: Role::Player,
            team: Some("North".into()),
        };
        assert!(player.may_post_for("North"));
        assert!(!player.may_post_for("South"));
        assert!(!player.may_post_for(""));
        let trainer = Caller {
            role: Role::Trainer,
            team: None,
            ..player
        };
        assert!(trainer.may_post_for("South"));
    }
}
