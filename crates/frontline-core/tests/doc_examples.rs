//! Every complete ```ron example in docs/writing-scenarios.md must load without
//! errors, so the trainer's guide cannot drift from the real format. Blocks
//! marked ```ron,fragment are partial snippets and are skipped.

use frontline_core::scenario::load_str;
use std::path::Path;

/// (first line number, info string, body) of every fenced block.
fn fenced_blocks(markdown: &str) -> Vec<(usize, String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => open = Some((i + 1, info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some((_, _, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "unclosed code block");
    blocks
}

#[test]
fn every_complete_ron_example_in_the_guide_loads_without_errors() {
    let path =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("docs/writing-scenarios.md");
    let doc = std::fs::read_to_string(&path).expect("docs/writing-scenarios.md exists");
    let blocks = fenced_blocks(&doc);
    let complete: Vec<_> = blocks.iter().filter(|(_, info, _)| info == "ron").collect();
    let fragments = blocks
        .iter()
        .filter(|(_, info, _)| info == "ron,fragment")
        .count();
    let other_ron = blocks
        .iter()
        .filter(|(_, info, _)| info.starts_with("ron") && info != "ron" && info != "ron,fragment");
    assert_eq!(other_ron.count(), 0, "use ```ron or ```ron,fragment");
    assert!(
        complete.len() >= 8,
        "only {} complete examples",
        complete.len()
    );
    assert!(fragments > 0);
    let mut failures = Vec::new();
    for (line, _, body) in complete {
        let loaded = load_str(Path::new(&format!("writing-scenarios.md:{line}")), body);
        if !loaded.is_ok() {
            failures.push(format!(
                "block at line {line}:\n{}",
                loaded.render_human(false)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
