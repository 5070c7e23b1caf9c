//! `frontline lrs push`: every stored result the endpoint has not accepted
//! yet, as xAPI statements, in batches.
//!
//! Rules:
//! - Results go in storage order, `batch_results` at a time (all statements
//!   of a result in the same POST). After each batch the outcome of each of
//!   its results is committed to the store in one transaction, so a push
//!   killed at any point resumes after the last committed batch; a batch that
//!   was sent but not recorded is sent again, which is harmless: statement ids
//!   are derived from the result id, so the LRS finds them already stored
//!   (204, or 200 for the part that was missing) and keeps one copy.
//! - No answer, a timeout, HTTP 429 or 5xx: the same batch is tried again
//!   after a pause that doubles each time (from `first_pause`), up to
//!   `attempts` tries; then the push stops with [`PushError::Unavailable`],
//!   everything before that batch kept.
//! - 401 / 403 stop the push at once: no batch can succeed.
//! - Any other 4xx, or a 409 for several statements: the batch is split in
//!   halves and each half sent again, down to single statements, so the
//!   statements the LRS refuses are found and every other one is delivered.
//!   A result with a refused statement is recorded as rejected with the
//!   statement id and the LRS's reason, and is not sent again unless asked.
//! - A 409 for one statement means the LRS already holds a statement with
//!   that id (sent earlier, possibly by an older Frontline): delivered.
//! - A stored result that cannot be read or fails validation is never sent;
//!   it is recorded as rejected with the reason.

use crate::client::{Answer, Client};
use frontline_results::sqlite::delivery::{Delivery, PendingResult};
use frontline_results::{ResultRecord, SqliteStore, StoreError, xapi};
use serde_json::Value;
use std::time::{Duration, Instant};

/// How a push batches and retries.
#[derive(Clone, Debug)]
pub struct PushOptions {
    /// Results per POST (their statements all go together).
    pub batch_results: usize,
    /// Tries per batch while the LRS is unreachable or answers 429 / 5xx.
    pub attempts: u32,
    /// The pause after the first failed try; it doubles after each further one.
    pub first_pause: Duration,
    /// Send again the results this endpoint rejected before.
    pub resend_rejected: bool,
    /// Stop after this many batches (`None`: until everything is sent).
    pub max_batches: Option<usize>,
}

impl Default for PushOptions {
    fn default() -> PushOptions {
        PushOptions {
            batch_results: 50,
            attempts: 6,
            first_pause: Duration::from_millis(500),
            resend_rejected: false,
            max_batches: None,
        }
    }
}

/// One result the LRS refused (or that could not be sent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The result id.
    pub result_id: String,
    /// Which statement and why.
    pub reason: String,
}

/// What a push did so far.
#[derive(Clone, Debug, Default)]
pub struct PushReport {
    /// Batches sent and recorded.
    pub batches: usize,
    /// Results now held by the LRS.
    pub delivered: usize,
    /// Statements of those results.
    pub statements: usize,
    /// Results refused or unsendable, with the reason.
    pub rejected: Vec<Rejection>,
    /// Statements the LRS already held under the same id with other content
    /// (HTTP 409 for that statement alone): counted as delivered.
    pub conflicts: Vec<String>,
    /// Tries that had to be repeated (no answer, 429, 5xx).
    pub retries: u32,
    /// Time spent so far.
    pub elapsed: Duration,
}

/// Why a push stopped before the end.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The results store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The LRS refused the credentials.
    #[error("the learning record store refused the credentials (HTTP {0}): {1}")]
    Unauthorised(u16, String),
    /// The LRS did not answer usefully after every try.
    #[error(
        "the learning record store did not take the batch after {attempts} tries ({last}); run the push again later: it resumes where it stopped"
    )]
    Unavailable {
        /// Tries made.
        attempts: u32,
        /// The last failure.
        last: String,
    },
}

/// Turns a result into the statements sent for it.
pub type Render<'a> = dyn Fn(&ResultRecord) -> Vec<Value> + 'a;

/// A push of one store to one LRS.
pub struct Push<'a> {
    store: &'a SqliteStore,
    client: &'a Client,
    endpoint: &'a str,
    options: PushOptions,
    render: Box<Render<'a>>,
}

impl<'a> Push<'a> {
    /// A push of `store` through `client`, its state kept under `endpoint`.
    pub fn new(store: &'a SqliteStore, client: &'a Client, endpoint: &'a str) -> Push<'a> {
        Push {
            store,
            client,
            endpoint,
            options: PushOptions::default(),
            render: Box::new(xapi::result_statements),
        }
    }

    /// Batching and retry settings.
    pub fn options(mut self, options: PushOptions) -> Push<'a> {
        self.options = options;
        self
    }

    /// Sends other statements than the standard export's (tests use it to
    /// make one statement one an LRS refuses).
    pub fn render(mut self, render: impl Fn(&ResultRecord) -> Vec<Value> + 'a) -> Push<'a> {
        self.render = Box::new(render);
        self
    }

    /// Runs the push; `progress` sees the report after every batch.
    pub fn run(&self, progress: &mut dyn FnMut(&PushReport)) -> Result<PushReport, PushError> {
        let started = Instant::now();
        let mut report = PushReport::default();
        let mut after = 0;
        let batch = self.options.batch_results.max(1);
        loop {
            if self
                .options
                .max_batches
                .is_some_and(|max| report.batches >= max)
            {
                break;
            }
            let pending = self.store.pending_deliveries(
                self.endpoint,
                after,
                batch,
                self.options.resend_rejected,
            )?;
            let Some(last) = pending.last() else { break };
            after = last.position;
            let outcomes = self.send_batch(pending, &mut report)?;
            self.store.record_deliveries(self.endpoint, &outcomes)?;
            for (id, outcome) in outcomes {
                match outcome {
                    Delivery::Delivered => report.delivered += 1,
                    Delivery::Rejected(reason) => report.rejected.push(Rejection {
                        result_id: id,
                        reason,
                    }),
                }
            }
            report.batches += 1;
            report.elapsed = started.elapsed();
            progress(&report);
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Sends one batch; the outcome of each of its results.
    fn send_batch(
        &self,
        pending: Vec<PendingResult>,
        report: &mut PushReport,
    ) -> Result<Vec<(String, Delivery)>, PushError> {
        let mut outcomes = Vec::with_capacity(pending.len());
        let mut statements: Vec<(usize, Value)> = Vec::new();
        for p in pending {
            let not_sent = match p.record.map(|r| (r.validate(), r)) {
                Err(e) => Some(format!("not sent: {e}")),
                Ok((Err(problems), _)) => {
                    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    Some(format!("not sent: {}", list.join("; ")))
                }
                Ok((Ok(()), record)) => {
                    let index = outcomes.len();
                    statements.extend((self.render)(&record).into_iter().map(|s| (index, s)));
                    None
                }
            };
            let outcome = not_sent.map_or(Delivery::Delivered, Delivery::Rejected);
            outcomes.push((p.id, outcome));
        }
        let all: Vec<(usize, &Value)> = statements.iter().map(|(i, s)| (*i, s)).collect();
        let mut refused = Vec::new();
        self.deliver(&all, &mut refused, report)?;
        for (index, reason) in refused {
            if let Delivery::Delivered = outcomes[index].1 {
                outcomes[index].1 = Delivery::Rejected(reason);
            }
        }
        report.statements += statements.len()
            - statements
                .iter()
                .filter(|(i, _)| matches!(outcomes[*i].1, Delivery::Rejected(_)))
                .count();
        Ok(outcomes)
    }

    /// Sends `statements`, splitting on refusal (see the module docs); the
    /// refused ones go to `refused` with the reason.
    fn deliver(
        &self,
        statements: &[(usize, &Value)],
        refused: &mut Vec<(usize, String)>,
        report: &mut PushReport,
    ) -> Result<(), PushError> {
        if statements.is_empty() {
            return Ok(());
        }
        let values: Vec<&Value> = statements.iter().map(|(_, s)| *s).collect();
        let answer = self.post_with_retries(&values, report)?;
        match (answer, statements) {
            (Answer::Stored, _) => Ok(()),
            (Answer::Conflict(_), [(_, single)]) => {
                report.conflicts.push(statement_name(single));
                Ok(())
            }
            (Answer::Rejected(status, text), [(index, single)]) => {
                let reason = format!(
                    "statement {} refused (HTTP {status}): {text}",
                    statement_name(single)
                );
                refused.push((*index, reason));
                Ok(())
            }
            _ => {
                let (first, second) = statements.split_at(statements.len() / 2);
                self.deliver(first, refused, report)?;
                self.deliver(second, refused, report)
            }
        }
    }

    /// POSTs once, and again after growing pauses while the LRS is unavailable.
    fn post_with_retries(
        &self,
        statements: &[&Value],
        report: &mut PushReport,
    ) -> Result<Answer, PushError> {
        let attempts = self.options.attempts.max(1);
        let mut pause = self.options.first_pause;
        let mut tries = 0;
        loop {
            tries += 1;
            match self.client.post(statements) {
                Answer::Unavailable(last) if tries >= attempts => {
                    return Err(PushError::Unavailable { attempts, last });
                }
                Answer::Unavailable(_) => {
                    report.retries += 1;
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_secs(60));
                }
                Answer::Unauthorised(status, text) => {
                    return Err(PushError::Unauthorised(status, text));
                }
                answer => return Ok(answer),
            }
        }
    }
}

/// `<id> (<verb>)` of a statement, for messages.
fn statement_name(statement: &Value) -> String {
    let id = statement["id"].as_str().unwrap_or("without id");
    let verb = statement["verb"]["id"].as_str().unwrap_or("");
    let verb = verb.rsplit('/').next().unwrap_or(verb);
    format!("{id} ({verb})")
}
