//! The shipped encounters measure skill (issue 17 goals, docs/writing-scenarios.md Part 4),
//! checked with the same audit trainers run (`frontline audit dialogues --seed 0`):
//! - no encounter has an audit warning (no strategy passes, no length tell, at least two
//!   dilemmas, medium and hard encounters leave at most 20 s of patience on the ideal path);
//! - every skill-free strategy passes at most two encounters, and the cue-word player's
//!   mean overall is at most 60;
//! - within each tier, `curriculum.ron` puts the encounter random players pass most often
//!   first (a tie goes to the one with more spare patience), and the course ends in the
//!   hard tier.

use frontline_core::analysis::audit::{
    self, AuditConfig, EncounterAudit, MAX_SPARE_PATIENCE, Strategy,
};
use frontline_core::engine::CompiledScenario;
use frontline_core::scenario::{Curriculum, Difficulty, Scenario};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn dialogues_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("dialogues")
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The audit of every shipped encounter, as `frontline audit dialogues --seed 0` runs it.
fn shipped_audits() -> Vec<EncounterAudit> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dialogues_dir())
        .expect("dialogues/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| p.file_name().is_some_and(|n| n != "curriculum.ron"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let s: Scenario = parse(p);
            let c = CompiledScenario::new(&s).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            audit::audit(&Arc::new(c), AuditConfig::default())
        })
        .collect()
}

fn random_passes(a: &EncounterAudit) -> u64 {
    a.strategies
        .iter()
        .find(|s| s.strategy == Strategy::Random)
        .map_or(0, |s| s.passed)
}

#[test]
fn shipped_content_meets_the_skill_goals_and_the_play_order_follows_the_measurement() {
    let audits = shipped_audits();
    assert!(audits.len() >= 14, "only {} encounters", audits.len());
    for a in &audits {
        assert!(a.warnings.is_empty(), "{}: {:?}", a.id, a.warnings);
        if a.difficulty >= Difficulty::Medium {
            let spare = a
                .spare_patience
                .expect("medium and hard encounters have patience");
            assert!(spare <= MAX_SPARE_PATIENCE, "{}: {spare} s spare", a.id);
        }
    }
    for s in audit::summary(&audits) {
        assert!(
            s.encounters_passed <= 2,
            "{:?} passes {} encounters",
            s.strategy,
            s.encounters_passed
        );
        if s.strategy == Strategy::CueWords {
            let mean = s.mean_overall.expect("cue-word runs are scored");
            assert!(mean <= 60.0, "cue-word mean overall {mean:.1}");
        }
    }

    let curriculum: Curriculum = parse(&dialogues_dir().join("curriculum.ron"));
    let ordered: Vec<&EncounterAudit> = curriculum
        .order
        .iter()
        .map(|id| {
            audits
                .iter()
                .find(|a| &a.id == id)
                .unwrap_or_else(|| panic!("curriculum lists unknown `{id}`"))
        })
        .collect();
    for pair in ordered.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.difficulty != b.difficulty {
            continue;
        }
        let key = |e: &EncounterAudit| (random_passes(e), e.spare_patience.unwrap_or(u32::MAX));
        assert!(
            key(a) >= key(b),
            "`{}` (random passes, spare {:?}) should come after `{}` ({:?})",
            a.id,
            key(a),
            b.id,
            key(b)
        );
    }
    let last = ordered.last().expect("the course has encounters");
    assert_eq!(
        last.difficulty,
        Difficulty::Hard,
        "the course ends with `{}`",
        last.id
    );
}
