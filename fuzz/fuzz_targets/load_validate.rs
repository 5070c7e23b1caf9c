//! Coverage-guided fuzzing of the scenario loader: any bytes go through
//! load + validate + both renderers, and nothing may panic or overflow.
#![no_main]

use frontline_core::scenario::{load_bytes, render_json};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let loaded = load_bytes(Path::new("fuzz.ron"), data);
    let _ = loaded.render_human(false);
    let _ = render_json(&loaded.diagnostics);
    for d in &loaded.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= loaded.text.len());
        assert!(d.position.line >= 1 && d.position.column >= 1);
    }
});
