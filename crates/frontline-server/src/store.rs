//! The PostgreSQL side: a connection pool, migrations at start, and storing
//! results with the SQLite store's rules (keyed by id; the same id twice is a
//! no-op, the same id with other content a reported conflict).

use crate::rows::{INSERT_SQL, RECORD_COLUMNS, decode, insert_many_sql, insert_params};
use crate::{ServerError, schema};
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use frontline_results::ResultRecord;
use tokio_postgres::NoTls;

/// Most connections one server process opens.
pub const POOL_SIZE: usize = 16;

/// The team server's database: a pool of connections to one PostgreSQL
/// database. Cheap to clone; every clone shares the pool.
#[derive(Clone)]
pub struct Database {
    pool: Pool,
}

/// What posting one result did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Posted {
    /// It was new and is now stored.
    Stored,
    /// The same result (same id, same content) was already stored.
    AlreadyPresent,
    /// Another result with this id is stored; these fields differ.
    Conflict(Vec<&'static str>),
}

impl Database {
    /// Connects to `url` (`postgres://user@host:port/db`), runs the missing
    /// migrations, and refuses a database written by a newer build.
    pub async fn connect(url: &str) -> Result<Database, ServerError> {
        let config: tokio_postgres::Config = url
            .parse()
            .map_err(|e: tokio_postgres::Error| ServerError::BadUrl(e.to_string()))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .build()
            .map_err(|e| ServerError::BadUrl(e.to_string()))?;
        let db = Database { pool };
        let mut client = db.client().await?;
        let found = schema::migrate(&mut client).await?;
        if found > schema::LATEST_VERSION {
            return Err(ServerError::TooNew {
                found,
                supported: schema::LATEST_VERSION,
            });
        }
        Ok(db)
    }

    /// One connection from the pool.
    pub async fn client(&self) -> Result<Object, ServerError> {
        Ok(self.pool.get().await?)
    }

    /// Stores `record` unless its id is stored; says which it was.
    pub async fn post(&self, record: &ResultRecord) -> Result<Posted, ServerError> {
        let client = self.client().await?;
        post_with(&client, record).await
    }

    /// Stores many results in one statement (ids already stored are
    /// skipped without comparing content); returns how many were new. The
    /// same conversion and trigger as [`Database::post`], so running totals
    /// stay right: for filling a database fast (benches, imports).
    pub async fn insert_many(&self, records: &[ResultRecord]) -> Result<u64, ServerError> {
        if records.is_empty() {
            return Ok(0);
        }
        let mut params = Vec::with_capacity(records.len() * 20);
        for r in records {
            params.extend(insert_params(r)?);
        }
        let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = params
            .iter()
            .map(|p| p.as_ref() as &(dyn tokio_postgres::types::ToSql + Sync))
            .collect();
        let client = self.client().await?;
        Ok(client
            .execute(&insert_many_sql(records.len()), &refs)
            .await?)
    }

    /// The stored result with this id.
    pub async fn get(&self, id: uuid::Uuid) -> Result<Option<ResultRecord>, ServerError> {
        let client = self.client().await?;
        let sql = format!("SELECT {RECORD_COLUMNS} FROM results WHERE id = $1");
        let row = client.query_opt(&sql, &[&id]).await?;
        row.as_ref().map(decode).transpose()
    }
}

/// [`Database::post`] on a given connection.
pub async fn post_with(
    client: &tokio_postgres::Client,
    record: &ResultRecord,
) -> Result<Posted, ServerError> {
    let params = insert_params(record)?;
    let refs: Vec<&(dyn tokio_postgres::types::ToSql + Sync)> = params
        .iter()
        .map(|p| p.as_ref() as &(dyn tokio_postgres::types::ToSql + Sync))
        .collect();
    if client.execute(INSERT_SQL, &refs).await? == 1 {
        return Ok(Posted::Stored);
    }
    let sql = format!("SELECT {RECORD_COLUMNS} FROM results WHERE id = $1");
    let row = client.query_one(&sql, &[&record.id]).await?;
    let fields = match decode(&row) {
        Ok(stored) => stored.differing_fields(record),
        Err(_) => vec!["stored row unreadable"],
    };
    Ok(if fields.is_empty() {
        Posted::AlreadyPresent
    } else {
        Posted::Conflict(fields)
    })
}
