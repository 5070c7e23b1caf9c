//! Every statement of an xAPI export of real plays passes Learning Locker's
//! validator (`@learninglocker/xapi-validation`, installed by
//! scripts/setup.sh under tools/xapi-validation). Skipped with a note when
//! Node or the validator is missing, except under CI=true.

mod common;

use common::{missing, plays, store_with};
use frontline_results::{Filter, ResultStore, xapi};
use std::path::Path;
use std::process::Command;

#[test]
fn an_export_of_real_plays_passes_learning_lockers_validator() {
    let tool = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tools/xapi-validation"
    ));
    if !tool
        .join("node_modules/@learninglocker/xapi-validation")
        .is_dir()
    {
        return missing::<()>("the xAPI validator", "run scripts/setup.sh").unwrap_or(());
    }
    // Names at the edges of what a result may hold: accents, CJK, emoji,
    // the longest allowed name, and a player without a team.
    let mut records = plays(30, "Zoë Ångström");
    records[1].player = "山田 太郎".into();
    records[2].player = "Kai 🚀".into();
    records[3].player = "x".repeat(100);
    records[4].team = String::new();
    let (dir, store) = store_with(&records);
    let file = dir.path().join("export.json");
    let mut writer = xapi::StatementWriter::new(std::fs::File::create(&file).unwrap()).unwrap();
    store
        .for_each(&Filter::all(), &mut |r| writer.write(&r.expect("readable")))
        .unwrap();
    writer.finish().unwrap();
    let expected: usize = records
        .iter()
        .map(|r| xapi::result_statements(r).len())
        .sum();

    let run = Command::new("node")
        .arg(tool.join("validate.js"))
        .arg(&file)
        .output();
    let Ok(out) = run else {
        return missing::<()>("node", "apt-get install nodejs").unwrap_or(());
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "validator found problems:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("{expected} statements checked, 0 with problems")),
        "{stdout}"
    );
}
