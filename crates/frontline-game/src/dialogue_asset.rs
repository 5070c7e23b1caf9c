//! Scenario files as Bevy assets, so saving a file while the game runs
//! reloads it (the `file_watcher` feature). The files come from an asset
//! source named `dialogues` rooted at the scenario folder
//! (`dialogues://bank-urgent-withdrawal.ron`); the loader reuses the core's
//! loader and validator (`scenario::load_bytes`), compiles and analyses the scenario off the main
//! thread, and never fails: a broken file loads as an asset that carries its
//! errors, so the picker can list them and the hot-reload toast show them.

use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use frontline_core::analysis::{self, Analysis};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::{self, Curriculum, Scenario};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Name of the asset source that holds the scenario files.
pub const SOURCE: &str = "dialogues";

pub use frontline_core::scenario::CURRICULUM_FILE;

/// One scenario file, loaded, validated, compiled and analysed.
#[derive(Asset, TypePath, Clone, Debug)]
pub struct DialogueFile {
    /// File name inside the scenario folder.
    pub path: PathBuf,
    /// The playable scenario, `None` when the file has errors.
    pub playable: Option<Playable>,
    /// Every error found, rendered for people (empty when playable).
    pub errors: Vec<String>,
}

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

impl DialogueFile {
    /// Parses, validates, compiles and analyses one file's bytes.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> DialogueFile {
        let (scenario, mut errors) = parse(path, bytes);
        let playable = scenario.and_then(|s| match CompiledScenario::new(&s) {
            Ok(compiled) => {
                let analysis = Arc::new(analysis::analyse(&compiled));
                Some(Playable {
                    compiled: Arc::new(compiled),
                    analysis,
                })
            }
            Err(e) => {
                errors.push(format!("{}: {e}", path.display()));
                None
            }
        });
        DialogueFile {
            path: path.to_path_buf(),
            playable: if errors.is_empty() { playable } else { None },
            errors,
        }
    }

    /// The first error, for one-line listings.
    pub fn first_error(&self) -> Option<&str> {
        self.errors.first().map(String::as_str)
    }
}

/// RON bytes to scenario through the core loader and validator; every error
/// as `file:line:col: message (help)`.
fn parse(path: &Path, bytes: &[u8]) -> (Option<Scenario>, Vec<String>) {
    let loaded = scenario::load_bytes(path, bytes);
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let help = d.help.as_ref().map_or(String::new(), |h| format!(" ({h})"));
            format!(
                "{}:{}:{}: {}{help}",
                path.display(),
                d.position.line,
                d.position.column,
                d.message
            )
        })
        .collect();
    (loaded.playable().cloned(), errors)
}

/// Reads `curriculum.ron` from the scenario folder (empty order when missing
/// or broken).
pub fn read_curriculum(dir: &Path) -> Curriculum {
    let path = dir.join(CURRICULUM_FILE);
    std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| scenario::parse_curriculum(&path, &t).0)
        .unwrap_or_default()
}

/// The RON loader for [`DialogueFile`]s.
#[derive(Default, TypePath)]
pub struct DialogueLoader;

impl AssetLoader for DialogueLoader {
    type Asset = DialogueFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<DialogueFile, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        Ok(DialogueFile::from_bytes(load_context.path().path(), &bytes))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Registers the `dialogues` asset source at `dir` (watched for changes).
/// Must run before `AssetPlugin` is added.
pub fn register_source(app: &mut App, dir: &Path) {
    let dir = std::env::current_dir()
        .map(|cwd| cwd.join(dir))
        .unwrap_or_else(|_| dir.to_path_buf());
    app.register_asset_source(
        SOURCE,
        AssetSourceBuilder::platform_default(&dir.to_string_lossy(), None),
    );
}

/// Every scenario file in the folder, in file-name order, plus the
/// curriculum. Rescanned while the game runs, so a trainer's new file shows
/// up in the picker without a restart.
#[derive(Resource, Clone, Debug, Default)]
pub struct Catalog {
    /// One handle per `*.ron` file except the curriculum.
    pub files: Vec<Handle<DialogueFile>>,
    /// The file names behind `files`, in the same order.
    pub names: Vec<String>,
    /// The suggested order.
    pub curriculum: Curriculum,
}

impl Catalog {
    /// Whether every file has finished loading (successfully or not).
    pub fn is_loaded(&self, assets: &Assets<DialogueFile>) -> bool {
        self.files.iter().all(|h| assets.contains(h))
    }

    /// The handle and playable scenario with this id.
    pub fn find<'a>(
        &self,
        assets: &'a Assets<DialogueFile>,
        id: &str,
    ) -> Option<(Handle<DialogueFile>, &'a Playable)> {
        self.files.iter().find_map(|h| {
            let p = assets.get(h)?.playable.as_ref()?;
            (p.scenario().id == id).then(|| (h.clone(), p))
        })
    }

    /// Playable scenarios in curriculum order (unlisted ones after, by title).
    pub fn playable_in_order<'a>(
        &self,
        assets: &'a Assets<DialogueFile>,
    ) -> Vec<(Handle<DialogueFile>, &'a Playable)> {
        let mut list: Vec<_> = self
            .files
            .iter()
            .filter_map(|h| Some((h.clone(), assets.get(h)?.playable.as_ref()?)))
            .collect();
        let rank = |id: &str| {
            self.curriculum
                .order
                .iter()
                .position(|o| o == id)
                .unwrap_or(usize::MAX)
        };
        list.sort_by(|a, b| {
            (rank(&a.1.scenario().id), &a.1.scenario().title)
                .cmp(&(rank(&b.1.scenario().id), &b.1.scenario().title))
        });
        list
    }

    /// The position of `id` in the curriculum (0-based).
    pub fn curriculum_rank(&self, id: &str) -> Option<usize> {
        self.curriculum.order.iter().position(|o| o == id)
    }
}

/// How often the scenario folder is rescanned for new, renamed or deleted files.
pub const RESCAN_SECONDS: f32 = 1.0;

/// The scenario folder being watched.
#[derive(Resource, Clone, Debug)]
pub struct DialogueDir(pub PathBuf);

/// Plugin: the asset type, its loader, and the scan of the folder at
/// start-up and every [`RESCAN_SECONDS`] after.
pub struct DialogueAssetPlugin {
    /// The scenario folder (also registered as the `dialogues` source).
    pub dir: PathBuf,
}

impl Plugin for DialogueAssetPlugin {
    fn build(&self, app: &mut App) {
        app.init_asset::<DialogueFile>()
            .init_asset_loader::<DialogueLoader>()
            .insert_resource(DialogueDir(self.dir.clone()))
            .init_resource::<Catalog>()
            .add_systems(Startup, rescan)
            .add_systems(
                Update,
                rescan.run_if(bevy::time::common_conditions::on_timer(
                    std::time::Duration::from_secs_f32(RESCAN_SECONDS),
                )),
            );
    }
}

/// Brings the catalog in line with the folder: loads new files, forgets
/// deleted ones, re-reads the curriculum. Touches the catalog only when
/// something changed, and tells the player about new and removed files.
fn rescan(
    dir: Res<DialogueDir>,
    server: Res<AssetServer>,
    mut catalog: ResMut<Catalog>,
    mut toasts: Option<ResMut<super::toast::Toasts>>,
) {
    let names = scenario_files(&dir.0);
    let curriculum = read_curriculum(&dir.0);
    if curriculum != catalog.curriculum {
        catalog.curriculum = curriculum;
    }
    if names == catalog.names {
        return;
    }
    let first_scan = catalog.names.is_empty() && catalog.files.is_empty();
    if let Some(toasts) = toasts.as_mut().filter(|_| !first_scan) {
        for added in names.iter().filter(|n| !catalog.names.contains(n)) {
            toasts.push_info(format!("New scenario file: {added}"));
        }
        for gone in catalog.names.iter().filter(|n| !names.contains(n)) {
            toasts.push_info(format!("Scenario file removed: {gone}"));
        }
    }
    catalog.files = names
        .iter()
        .map(|name| server.load(format!("{SOURCE}://{name}")))
        .collect();
    catalog.names = names;
}

/// File names of the `*.ron` scenario files in `dir`, sorted.
pub fn scenario_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ron") && n != CURRICULUM_FILE)
        .collect();
    names.sort();
    names
}
