//! Random byte-level damage to real scenario files never panics the loader or
//! the validator, and every diagnostic still points inside the file.

use frontline_core::scenario::load_bytes;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn scenario_files() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut files = Vec::new();
    for dir in ["dialogues", "tests/fixtures/good"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "ron") {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 2, "no scenario files found");
    files
}

/// One way of damaging a file at a relative position.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: f64, bit: u8 },
    Insert { at: f64, byte: u8 },
    Delete { at: f64, len: usize },
    Duplicate { at: f64, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), 0..8u8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (
            at.clone(),
            prop_oneof![any::<u8>(), Just(b'('), Just(b'"'), Just(b','), Just(b'{')]
        )
            .prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        (at.clone(), 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at, 1..200usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
    match *m {
        Mutation::Flip { at, bit } if !bytes.is_empty() => {
            let i = pos(at, bytes.len() - 1);
            bytes[i] ^= 1 << bit;
        }
        Mutation::Insert { at, byte } => {
            let i = pos(at, bytes.len());
            bytes.insert(i, byte);
        }
        Mutation::Delete { at, len } => {
            let i = pos(at, bytes.len());
            bytes.drain(i..(i + len).min(bytes.len()));
        }
        Mutation::Duplicate { at, len } => {
            let i = pos(at, bytes.len());
            let chunk = bytes[i..(i + len).min(bytes.len())].to_vec();
            bytes.splice(i..i, chunk);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_never_panic(file in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..6)) {
        let files = scenario_files();
        let (path, original) = &files[file.index(files.len())];
        let mut bytes = original.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let loaded = load_bytes(path, &bytes);
        let rendered = loaded.render_human(false);
        for d in &loaded.diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= loaded.text.len(), "{d}");
            prop_assert!(d.position.line >= 1 && d.position.column >= 1);
            prop_assert!(rendered.contains(d.code));
        }
    }
}
