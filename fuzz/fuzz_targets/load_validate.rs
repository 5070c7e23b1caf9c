//! Coverage-guided fuzzing of the scenario loader: any bytes go through
//! load + validate + both renderers, and nothing may panic or overflow. Every
//! diagnostic must point inside the file, start before it ends, and name a
//! file on each secondary label. Inputs starting with a byte-order mark or
//! holding curly quotes and runaway texts reach the typo finders.
#![no_main]

use frontline_core::scenario::{load_bytes, render_json};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let loaded = load_bytes(Path::new("fuzz.ron"), data);
    let _ = loaded.render_human(false);
    let json = render_json(&loaded.diagnostics);
    assert!(json.starts_with('['), "JSON diagnostics render: {json}");
    for d in &loaded.diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= loaded.text.len());
        assert!(d.position.line >= 1 && d.position.column >= 1);
        assert!(d.position <= d.end, "{d}: ends before it starts");
        for label in &d.labels {
            assert!(
                !label.file.as_os_str().is_empty(),
                "{d}: label without a file"
            );
            assert!(label.span.end <= loaded.text.len());
        }
    }
});
