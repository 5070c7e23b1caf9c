//! Posting results: one, or a batch judged record by record.

use super::{ApiError, Body, MAX_BATCH, Problem, Who};
use crate::auth::Caller;
use crate::{Database, Posted};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use frontline_results::ResultRecord;
use serde::Serialize;
use serde_json::{Value, json};

/// `POST /api/v1/results`: 201 stored, 200 already present, 409 conflict,
/// 422 invalid, 403 another team's result.
pub async fn post_one(
    State(db): State<Database>,
    axum::Extension(caller): Who,
    Body(mut record): Body<ResultRecord>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    record.derive_missing_player_id();
    admit(&caller, &record)?;
    match db.post(&record).await? {
        Posted::Stored => Ok((StatusCode::CREATED, Json(json!({"status": "stored"})))),
        Posted::AlreadyPresent => Ok((StatusCode::OK, Json(json!({"status": "already_present"})))),
        Posted::Conflict(fields) => Err(ApiError::conflict(record.id, fields)),
    }
}

/// Validation, then the team rule: the checks every posted record passes.
fn admit(caller: &Caller, record: &ResultRecord) -> Result<(), ApiError> {
    let problems = record.problems();
    if !problems.is_empty() {
        return Err(ApiError::invalid(
            problems.into_iter().map(Problem::from).collect(),
        ));
    }
    if !caller.may_post_for(&record.team) {
        return Err(ApiError::forbidden(format!(
            "this token posts results for team `{}` only",
            caller.team.as_deref().unwrap_or_default()
        )));
    }
    Ok(())
}

/// One record's fate in a batch.
#[derive(Serialize)]
pub struct BatchItem {
    /// The record's id (null when the item had none readable).
    id: Option<String>,
    /// `stored`, `already_present`, `conflict`, `invalid` or `forbidden`.
    status: &'static str,
    /// Why, for the last three.
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

/// `POST /api/v1/results/batch`: up to [`MAX_BATCH`] records, each judged
/// alone (one bad record never fails the others).
pub async fn post_batch(
    State(db): State<Database>,
    axum::Extension(caller): Who,
    Body(items): Body<Vec<Value>>,
) -> Result<Json<Value>, ApiError> {
    if items.len() > MAX_BATCH {
        return Err(ApiError::invalid(vec![Problem {
            field: "batch".into(),
            message: format!("{} results, more than {MAX_BATCH}", items.len()),
        }]));
    }
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        let id = item.get("id").and_then(Value::as_str).map(str::to_string);
        let record = match serde_json::from_value::<ResultRecord>(item) {
            Ok(mut record) => {
                record.derive_missing_player_id();
                record
            }
            Err(e) => {
                results.push(BatchItem {
                    id,
                    status: "invalid",
                    message: Some(e.to_string()),
                });
                continue;
            }
        };
        results.push(judge(&db, &caller, &record).await?);
    }
    Ok(Json(json!({ "results": results })))
}

async fn judge(
    db: &Database,
    caller: &Caller,
    record: &ResultRecord,
) -> Result<BatchItem, ApiError> {
    let item = |status, message| BatchItem {
        id: Some(record.id.to_string()),
        status,
        message,
    };
    if let Err(e) = admit(caller, record) {
        return Ok(item(e.error, Some(e.message)));
    }
    Ok(match db.post(record).await? {
        Posted::Stored => item("stored", None),
        Posted::AlreadyPresent => item("already_present", None),
        Posted::Conflict(fields) => item(
            "conflict",
            Some(ApiError::conflict(record.id, fields).message),
        ),
    })
}
