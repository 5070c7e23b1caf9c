//! The shared screens' reads of the team server, off the frame: a screen
//! asks [`ServerReads::read`] for an answer by key; the first time, the query
//! goes to a background thread ([`frontline_sync::BackgroundReads`]) and the
//! screen gets nothing yet (it shows this machine's results marked
//! "loading"). [`ServerReads::collect`], run every frame, picks answers up
//! without waiting; the screens then rebuild and find the server's answer.
//! A query that fails (server down, slow or unreachable) is not repeated
//! until the data or the connection changes; the screen shows this
//! machine's results marked offline.

use bevy::log::warn;
use frontline_results::{ResultStore, StoreError};
use frontline_sync::{BackgroundReads, PendingRead, ReadState, RemoteStore};
use std::any::Any;
use std::collections::HashMap;
use std::sync::Mutex;

/// An answer of any screen's query type.
type AnyAnswer = Box<dyn Any + Send + Sync>;

/// Where one query stands.
enum Slot {
    /// Sent to the thread; no answer yet.
    Waiting(PendingRead<Result<AnyAnswer, StoreError>>),
    /// The server's answer.
    Answered(AnyAnswer),
    /// The server could not answer (the reason was logged).
    Failed,
}

/// What [`ServerReads::read`] has for a key.
#[derive(Debug, PartialEq)]
pub enum ServerAnswer<V> {
    /// The query is on its way (it was sent now, or earlier).
    Loading,
    /// The server's answer.
    Ready(V),
    /// The server could not answer.
    Failed,
}

/// The background thread and the answers it gave since the last change.
pub struct ServerReads {
    thread: BackgroundReads,
    /// Behind a mutex because screens read through a shared `Res<Records>`.
    slots: Mutex<HashMap<String, Slot>>,
}

impl ServerReads {
    /// Starts the thread over `server`.
    pub fn start(server: RemoteStore) -> ServerReads {
        ServerReads {
            thread: BackgroundReads::start(server),
            slots: Mutex::default(),
        }
    }

    /// The answer to `query` under `key` (equal keys must mean equal
    /// queries). Sends it to the thread when it was never asked since the
    /// last [`ServerReads::forget`]; never waits.
    pub fn read<V, Q>(&self, key: &str, query: Q) -> ServerAnswer<V>
    where
        V: Clone + Send + Sync + 'static,
        Q: FnOnce(&dyn ResultStore) -> Result<V, StoreError> + Send + 'static,
    {
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        match slots.get(key) {
            Some(Slot::Answered(answer)) => match answer.downcast_ref::<V>() {
                Some(value) => ServerAnswer::Ready(value.clone()),
                None => ServerAnswer::Failed,
            },
            Some(Slot::Failed) => ServerAnswer::Failed,
            Some(Slot::Waiting(_)) => ServerAnswer::Loading,
            None => {
                let pending = self.thread.submit(move |server: &RemoteStore| {
                    query(server).map(|v| Box::new(v) as AnyAnswer)
                });
                slots.insert(key.to_string(), Slot::Waiting(pending));
                ServerAnswer::Loading
            }
        }
    }

    /// Takes the answers that arrived, without waiting; true when any did
    /// (the screens should rebuild).
    pub fn collect(&mut self) -> bool {
        let slots = self.slots.get_mut().unwrap_or_else(|p| p.into_inner());
        let mut arrived = false;
        for (key, slot) in slots.iter_mut() {
            let Slot::Waiting(pending) = slot else {
                continue;
            };
            *slot = match pending.try_take() {
                ReadState::Waiting => continue,
                ReadState::Ready(Ok(answer)) => Slot::Answered(answer),
                ReadState::Ready(Err(e)) => {
                    warn!("team server query {key:?} failed, showing local results: {e}");
                    Slot::Failed
                }
                ReadState::Lost => Slot::Failed,
            };
            arrived = true;
        }
        arrived
    }

    /// Drops every answer (the server's data or the connection changed);
    /// the next reads ask again. Queries still on their way are ignored.
    pub fn forget(&mut self) {
        self.slots
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}
