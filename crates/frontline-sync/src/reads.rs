//! Reading the team server on a background thread, for the game: a query is
//! handed to [`BackgroundReads::submit`], which returns at once; the thread
//! runs it against the [`RemoteStore`] and the game collects the answer with
//! [`PendingRead::try_take`], which never waits. A slow, hanging or absent
//! server therefore delays an answer, never a frame.

use crate::remote::RemoteStore;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

type Job = Box<dyn FnOnce(&RemoteStore) + Send>;

/// Handle of the thread that answers queries from the server, one at a time
/// in the order submitted. Dropping it ends the thread after its current query.
pub struct BackgroundReads {
    /// In a mutex only so the handle is `Sync` (a game resource); submitting
    /// never waits on it for long (it guards a channel send).
    jobs: Mutex<Sender<Job>>,
}

/// A query's answer that may not have arrived yet.
pub struct PendingRead<T> {
    answer: Mutex<Receiver<T>>,
}

/// What [`PendingRead::try_take`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadState<T> {
    /// The thread is still working on it (or on queries before it).
    Waiting,
    /// The answer.
    Ready(T),
    /// The thread is gone (it could not start, or the query panicked).
    Lost,
}

impl BackgroundReads {
    /// Starts the thread over `store`.
    pub fn start(store: RemoteStore) -> BackgroundReads {
        let (jobs, inbox) = channel::<Job>();
        std::thread::Builder::new()
            .name("frontline-reads".into())
            .spawn(move || {
                for job in inbox {
                    job(&store);
                }
            })
            .map(|_| ())
            .unwrap_or_else(|e| eprintln!("warning: cannot start reading the team server: {e}"));
        BackgroundReads {
            jobs: Mutex::new(jobs),
        }
    }

    /// Queues `query`; its answer arrives in the returned [`PendingRead`].
    pub fn submit<T: Send + 'static>(
        &self,
        query: impl FnOnce(&RemoteStore) -> T + Send + 'static,
    ) -> PendingRead<T> {
        let (reply, answer) = channel();
        let job: Job = Box::new(move |store| {
            let _ = reply.send(query(store));
        });
        let jobs = self.jobs.lock().unwrap_or_else(|p| p.into_inner());
        // A thread that is gone drops the job, and with it `reply`: the
        // pending read then reports `Lost`.
        let _ = jobs.send(job);
        PendingRead {
            answer: Mutex::new(answer),
        }
    }
}

impl<T> PendingRead<T> {
    /// The answer if it has arrived, without waiting. After `Ready` the
    /// read reports `Lost`.
    pub fn try_take(&mut self) -> ReadState<T> {
        let answer = self.answer.get_mut().unwrap_or_else(|p| p.into_inner());
        match answer.try_recv() {
            Ok(value) => ReadState::Ready(value),
            Err(TryRecvError::Empty) => ReadState::Waiting,
            Err(TryRecvError::Disconnected) => ReadState::Lost,
        }
    }
}
