//! The scenario folder as the game sees it, loaded by the core's library
//! loader (`scenario::load_paths` + `selftest::check_library`): the same
//! files, the same recursion, the same cross-file checks (duplicate ids,
//! curriculum entries) and the same [`Diagnostic`]s as `frontline check`.
//!
//! Loading never runs on a frame: a background thread ([`watch`]) looks at the
//! folder's files every [`RESCAN_INTERVAL`] (names, sizes, modification times),
//! and when anything changed it loads, validates, compiles and analyses the
//! whole library and sends a [`Snapshot`]. A system picks snapshots up without
//! waiting, swaps the [`Catalog`] and raises [`CatalogChanged`] with what
//! changed, so the session can hot-reload the encounter being played and the
//! toasts can name new and removed files.

use crate::ordering::AppSystems;
use bevy::prelude::*;
use frontline_core::analysis::{self, Analysis};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::{
    self, CURRICULUM_FILE, Curriculum, Diagnostic, Loaded, Scenario, render_human,
};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// How often the background thread looks for changed files.
pub const RESCAN_INTERVAL: Duration = Duration::from_millis(500);

/// A scenario ready to play: compiled once, analysed once, shared.
#[derive(Clone, Debug)]
pub struct Playable {
    /// The compiled scenario (holds the source [`Scenario`] too).
    pub compiled: Arc<CompiledScenario>,
    /// Best and worst scores per need, best path.
    pub analysis: Arc<Analysis>,
}

impl Playable {
    /// The scenario as written.
    pub fn scenario(&self) -> &Scenario {
        &self.compiled.scenario
    }
}

/// One file of the folder (a scenario or the curriculum) with what the
/// loader found in it.
#[derive(Clone, Debug)]
pub struct CatalogFile {
    /// Path relative to the scenario folder (`retail/out-of-stock.ron`).
    pub name: PathBuf,
    /// The file's text, for rendering its diagnostics.
    pub text: String,
    /// SHA-256 of the file's bytes: tells a real edit from a touch.
    pub hash: String,
    /// Every problem found, errors and warnings, as `frontline check` reports them.
    pub diagnostics: Vec<Diagnostic>,
    /// The scenario, when the file has no error.
    pub playable: Option<Playable>,
}

impl CatalogFile {
    fn from_loaded(dir: &Path, loaded: Loaded) -> CatalogFile {
        let playable = loaded
            .playable()
            .and_then(|s| CompiledScenario::new(s).ok())
            .map(|compiled| Playable {
                analysis: Arc::new(analysis::analyse(&compiled)),
                compiled: Arc::new(compiled),
            });
        CatalogFile {
            name: loaded
                .path
                .strip_prefix(dir)
                .unwrap_or(&loaded.path)
                .to_path_buf(),
            text: loaded.text,
            hash: loaded.hash,
            diagnostics: loaded.diagnostics,
            playable,
        }
    }

    /// Number of errors (a file with any is not playable).
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The first error, for one-line listings.
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error())
    }

    /// Only the errors, rendered exactly as `frontline check` prints them
    /// (file:line:col, the source line, a caret and the help), without colour.
    pub fn render_errors(&self) -> String {
        let errors: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        render_human(&errors, &self.text, false)
    }

    /// Whether this is the folder's `curriculum.ron`.
    pub fn is_curriculum(&self) -> bool {
        self.name.file_name().is_some_and(|n| n == CURRICULUM_FILE)
    }
}

/// Everything loaded from the scenario folder at one moment.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Every file, scenarios and the curriculum, sorted by path.
    pub files: Vec<CatalogFile>,
    /// The play order (empty when there is no usable `curriculum.ron`).
    pub curriculum: Curriculum,
}

impl Snapshot {
    /// Loads the folder through the core's library loader and self-tests,
    /// then compiles and analyses every playable scenario.
    pub fn load(dir: &Path) -> Snapshot {
        let mut library = scenario::load_dir(dir);
        frontline_core::selftest::check_library(&mut library);
        let curriculum = library.curriculum.clone().unwrap_or_default();
        Snapshot {
            files: library
                .files
                .into_iter()
                .map(|f| CatalogFile::from_loaded(dir, f))
                .collect(),
            curriculum,
        }
    }
}

/// The scenario folder as last loaded. Empty (and [`Catalog::is_loaded`]
/// false) until the first load arrives.
#[derive(Resource, Clone, Debug, Default)]
pub struct Catalog {
    /// The latest snapshot.
    pub snapshot: Snapshot,
    /// How many snapshots have been applied; 0 before the first.
    pub revision: u64,
}

impl Catalog {
    /// Whether the folder has been loaded at least once.
    pub fn is_loaded(&self) -> bool {
        self.revision > 0
    }

    /// Every file, scenarios and curriculum, sorted by path.
    pub fn files(&self) -> &[CatalogFile] {
        &self.snapshot.files
    }

    /// The file at this path (relative to the folder).
    pub fn file(&self, name: &Path) -> Option<&CatalogFile> {
        self.files().iter().find(|f| f.name == name)
    }

    /// The files with errors (including a broken curriculum), in path order.
    pub fn broken(&self) -> impl Iterator<Item = &CatalogFile> {
        self.files().iter().filter(|f| f.error_count() > 0)
    }

    /// The playable file whose scenario has this id.
    pub fn find(&self, id: &str) -> Option<&CatalogFile> {
        self.files()
            .iter()
            .find(|f| f.playable.as_ref().is_some_and(|p| p.scenario().id == id))
    }

    /// Playable scenarios in curriculum order (unlisted ones after, by title).
    pub fn playable_in_order(&self) -> Vec<&Playable> {
        let mut list: Vec<&Playable> = self
            .files()
            .iter()
            .filter_map(|f| f.playable.as_ref())
            .collect();
        let rank = |p: &Playable| self.curriculum_rank(&p.scenario().id).unwrap_or(usize::MAX);
        list.sort_by(|a, b| (rank(a), &a.scenario().title).cmp(&(rank(b), &b.scenario().title)));
        list
    }

    /// The position of `id` in the curriculum (0-based).
    pub fn curriculum_rank(&self, id: &str) -> Option<usize> {
        self.snapshot.curriculum.order.iter().position(|o| o == id)
    }
}

/// What changed when a new snapshot replaced the catalog.
#[derive(Message, Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogChanged {
    /// Files that appeared (relative paths).
    pub added: Vec<PathBuf>,
    /// Files that disappeared.
    pub removed: Vec<PathBuf>,
    /// Files whose contents changed.
    pub edited: Vec<PathBuf>,
    /// True for the first load after start-up.
    pub first: bool,
}

impl CatalogChanged {
    fn between(old: &Snapshot, new: &Snapshot, first: bool) -> CatalogChanged {
        let find = |s: &Snapshot, name: &Path| s.files.iter().find(|f| f.name == name).cloned();
        let mut change = CatalogChanged { first, ..default() };
        for f in &new.files {
            match find(old, &f.name) {
                None => change.added.push(f.name.clone()),
                Some(o) if o.hash != f.hash => change.edited.push(f.name.clone()),
                Some(_) => {}
            }
        }
        change.removed = old
            .files
            .iter()
            .filter(|o| find(new, &o.name).is_none())
            .map(|o| o.name.clone())
            .collect();
        change
    }
}

/// Size and modification time of every file the loader would read: when this
/// changes, the folder is loaded again.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    let (files, problems) = scenario::files_to_load(&[dir.to_path_buf()]);
    let mut print: Fingerprint = files
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.and_then(|m| m.modified().ok());
            (path, len, modified)
        })
        .collect();
    // A folder that cannot be read is part of the picture too.
    print.extend(problems.into_iter().map(|p| (p.path, u64::MAX, None)));
    print
}

/// Called by the watcher after it sent a snapshot: wakes a window that
/// sleeps until input, so a changed file shows at once.
pub type Waker = Box<dyn Fn() + Send>;

/// Starts the background thread that loads `dir` now and again whenever its
/// files change, calling `wake` after each new snapshot. It stops by itself
/// when the receiver is dropped.
pub fn watch(dir: PathBuf, wake: Option<Waker>) -> Receiver<Snapshot> {
    let (tx, rx) = channel();
    let spawned = std::thread::Builder::new()
        .name("scenario-folder".into())
        .spawn(move || watch_loop(&dir, &tx, wake));
    if let Err(e) = spawned {
        error!("cannot start the scenario folder watcher: {e}");
    }
    rx
}

fn watch_loop(dir: &Path, tx: &Sender<Snapshot>, wake: Option<Waker>) {
    let mut last: Option<Fingerprint> = None;
    loop {
        let now = fingerprint(dir);
        if last.as_ref() != Some(&now) {
            // Loaded after the fingerprint: a file saved in between is seen
            // again on the next round, never missed.
            if tx.send(Snapshot::load(dir)).is_err() {
                return;
            }
            if let Some(wake) = &wake {
                wake();
            }
            last = Some(now);
        }
        std::thread::sleep(RESCAN_INTERVAL);
    }
}

/// The watcher's channel (a `Mutex` only to make it `Sync`; one system reads it).
#[derive(Resource)]
pub struct CatalogFeed(pub Mutex<Receiver<Snapshot>>);

/// The scenario folder being watched.
#[derive(Resource, Clone, Debug)]
pub struct DialogueDir(pub PathBuf);

/// Plugin: the catalog, its background watcher and the change messages.
pub struct CatalogPlugin {
    /// The scenario folder.
    pub dir: PathBuf,
}

impl Plugin for CatalogPlugin {
    fn build(&self, app: &mut App) {
        // In a window (not in headless apps), a new snapshot wakes the event
        // loop, which otherwise sleeps until input.
        let wake = app
            .world()
            .get_resource::<bevy::winit::EventLoopProxyWrapper>()
            .map(|proxy| {
                let proxy = (**proxy).clone();
                Box::new(move || {
                    // A closed event loop needs no waking.
                    let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
                }) as Waker
            });
        app.insert_resource(DialogueDir(self.dir.clone()))
            .insert_resource(CatalogFeed(Mutex::new(watch(self.dir.clone(), wake))))
            .init_resource::<Catalog>()
            .add_message::<CatalogChanged>()
            .init_resource::<crate::toast::Toasts>()
            .add_systems(
                Update,
                (
                    receive_snapshots.in_set(AppSystems::Receive),
                    announce_file_changes.in_set(AppSystems::React),
                ),
            );
    }
}

/// Tells the player (a trainer, usually) about files that appeared or went
/// away while the game runs; the first load says nothing.
fn announce_file_changes(
    mut changes: MessageReader<CatalogChanged>,
    mut toasts: ResMut<crate::toast::Toasts>,
) {
    for change in changes.read().filter(|c| !c.first) {
        for added in &change.added {
            toasts.push_info(format!("New scenario file: {}", added.display()));
        }
        for gone in &change.removed {
            toasts.push_info(format!("Scenario file removed: {}", gone.display()));
        }
    }
}

/// Applies the newest snapshot the watcher sent, if any, without waiting.
fn receive_snapshots(
    feed: Res<CatalogFeed>,
    mut catalog: ResMut<Catalog>,
    mut changed: MessageWriter<CatalogChanged>,
) {
    let Ok(rx) = feed.0.lock() else { return };
    let mut newest = None;
    while let Ok(snapshot) = rx.try_recv() {
        newest = Some(snapshot);
    }
    let Some(snapshot) = newest else { return };
    let change = CatalogChanged::between(&catalog.snapshot, &snapshot, catalog.revision == 0);
    catalog.snapshot = snapshot;
    catalog.revision += 1;
    changed.write(change);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The watcher wakes a sleeping window after every new snapshot: once for
    /// the first load, again when a file changes, not while nothing changes.
    #[test]
    fn the_watcher_wakes_the_window_for_each_new_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let wakes = Arc::new(AtomicUsize::new(0));
        let counter = wakes.clone();
        let rx = watch(
            dir.path().to_path_buf(),
            Some(Box::new(move || {
                counter.fetch_add(1, Ordering::SeqCst);
            })),
        );
        let first = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(first.files.is_empty());
        std::thread::sleep(RESCAN_INTERVAL * 3);
        assert_eq!(wakes.load(Ordering::SeqCst), 1, "nothing changed");
        std::fs::write(dir.path().join("new.ron"), "(").unwrap();
        rx.recv_timeout(Duration::from_secs(10)).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(wakes.load(Ordering::SeqCst), 2, "a new file wakes it");
    }
}
