#![cfg(feature = "game")]
//! The game binary's own modes, run as a player or CI would run them.

/// `frontline play --bench-frames N` plays an encounter with the real egui
/// pass and prints its figures (it once panicked on egui's texture deltas).
#[test]
fn the_frame_bench_plays_an_encounter_and_prints_frame_times() {
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["play", "--bench-frames", "90", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("90 frames of"), "{stdout}");
    assert!(stdout.contains("frame CPU time: mean"), "{stdout}");
    assert!(stdout.contains("p99"), "{stdout}");
}
