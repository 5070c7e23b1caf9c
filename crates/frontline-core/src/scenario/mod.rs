//! The trainer's contract: scenario model, loading, validation and diagnostics.
//! Plain Rust: never imports bevy or egui.

pub mod diagnostic;
pub mod generate;
pub mod library;
pub mod load;
pub mod model;
pub mod placeholders;
mod ron_error;
pub mod scene;
pub mod source_map;
pub mod suggest;
pub mod typos;
pub mod validate;

pub use diagnostic::{
    Diagnostic, LineIndex, Position, SecondaryLabel, Severity, render_human, render_json,
};
pub use library::{CURRICULUM_FILE, Library, files_to_load, load_dir, load_paths};
pub use load::{Loaded, MAX_FILE_BYTES, load_bytes, load_file, load_str, parse_curriculum};
pub use model::*;
pub use scene::{
    DEFAULT_TIME, Daylight, MAX_TICKET_CHARS, Person, Place, Pronouns, Scene, TimeOfDay,
};
pub use validate::{ScoredLoop, scored_loops, validate};
