//! `frontline run FILE [--seed S]`: play an encounter in the terminal.
//! Choices are numbered as shown; type the number and Enter. Lines without
//! choices continue on their own, so piped input only needs the choice numbers.

use super::output::{emit, line};
use frontline_core::analysis::analyse;
use frontline_core::engine::{Encounter, EncounterView};
use frontline_core::scenario::Speaker;
use frontline_core::scoring::{Debrief, debrief};
use std::fmt::Write;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `frontline run`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenario file (.ron).
    pub file: PathBuf,
    /// Seed for the name, random twists and choice order (default: from the clock).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Your name, filling `{me}` in the lines (default: "you").
    #[arg(long, value_name = "NAME", default_value = "you")]
    pub me: String,
}

/// Runs `frontline run`.
pub fn run(args: Args) -> ExitCode {
    let compiled = match super::analyse::load_compiled(&args.file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
    });
    // A closed stdout (`| head`) ends the encounter quietly: nobody reads on.
    if line(&format!("{} (seed {seed})\n", compiled.scenario.title)).is_err() {
        return ExitCode::SUCCESS;
    }
    let mut enc = Encounter::start_as(Arc::clone(&compiled), seed, &args.me);
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        let view = enc.view();
        if emit(&show(&view)).is_err() {
            return ExitCode::SUCCESS;
        }
        if enc.is_over() || view.stuck {
            break;
        }
        if view.can_continue {
            let _ = enc.advance();
            continue;
        }
        loop {
            if emit("> ").is_err() {
                return ExitCode::SUCCESS;
            }
            let Some(Ok(input)) = lines.next() else {
                eprintln!("\ninput ended before the encounter finished");
                return ExitCode::from(1);
            };
            let picked = input
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|n| view.choices.get(n));
            let answer = match picked {
                Some(c) if c.locked.is_none() => {
                    let _ = enc.choose(c.index);
                    break;
                }
                Some(c) => format!(
                    "That option is locked: {}",
                    c.locked.as_deref().unwrap_or("")
                ),
                None => format!("Type a number from 1 to {}.", view.choices.len()),
            };
            if line(&answer).is_err() {
                return ExitCode::SUCCESS;
            }
        }
    }
    if let Some(e) = enc.error() {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    if enc.is_stuck() {
        eprintln!(
            "error: stuck at `{}`: no choice available and no `next`",
            enc.current_node()
        );
        return ExitCode::from(1);
    }
    let analysis = analyse(&compiled);
    let _ = emit(&debrief_text(&debrief(
        &compiled.scenario,
        &analysis,
        enc.transcript(),
    )));
    ExitCode::SUCCESS
}

/// The current line, the customer's state and the numbered choices.
fn show(view: &EncounterView) -> String {
    let mut out = String::new();
    let who = match &view.speaker {
        Some(Speaker::Customer) => format!("{}: ", view.customer_name),
        Some(Speaker::Other(name)) => format!("{name}: "),
        Some(Speaker::Narrator) | None => String::new(),
    };
    let _ = writeln!(out, "{who}{}", view.text);
    if view.outcome.is_none() {
        let patience = view
            .patience_left
            .map_or_else(String::new, |p| format!(", patience {p}s left"));
        let _ = writeln!(out, "   [mood {}, {}s{patience}]", view.mood, view.elapsed);
    }
    for (i, c) in view.choices.iter().enumerate() {
        match &c.locked {
            None => {
                let _ = writeln!(out, "  {}. {}", i + 1, c.text);
            }
            Some(reason) => {
                let _ = writeln!(out, "  {}. (x) {} — locked: {reason}", i + 1, c.text);
            }
        }
    }
    if view.walked_out {
        let _ = writeln!(out, "The customer has waited long enough and walks away.");
    }
    out
}

/// The debrief as text.
fn debrief_text(d: &Debrief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n=== Debrief ===");
    let outcome = d
        .outcome
        .map_or("unfinished".to_string(), |o| format!("{o:?}"));
    let _ = writeln!(
        out,
        "Outcome: {outcome}{}",
        if d.walked_out { " (walked out)" } else { "" }
    );
    match (d.score.overall, d.grade) {
        (Some(o), Some(g)) => {
            let _ = writeln!(out, "Overall: {o}/100, grade {}: {}", g.letter(), d.verdict);
        }
        _ => {
            let _ = writeln!(out, "{}", d.verdict);
        }
    }
    let _ = writeln!(out, "{}", d.ending);
    let _ = writeln!(
        out,
        "{} (pass mark {})",
        if d.passed { "PASSED" } else { "NOT PASSED" },
        d.pass_mark
    );
    if let Some(problem) = &d.pass_problem {
        let _ = writeln!(out, "{problem}");
    }
    for n in &d.needs {
        match n.score {
            Some(s) => {
                let _ = writeln!(out, "  {:<26} {s:>3}", n.need.label());
            }
            None => {
                let _ = writeln!(out, "  {:<26} not assessed", n.need.label());
            }
        }
    }
    for m in &d.helped_most {
        let _ = writeln!(out, "+ \"{}\": {}", m.text, m.why);
    }
    for m in &d.hurt_most {
        let _ = writeln!(out, "- \"{}\": {}", m.text, m.why);
    }
    if let Some(b) = &d.best_path {
        let _ = writeln!(
            out,
            "Best possible: overall {}/100 ({:?})",
            b.score.overall.unwrap_or(0),
            b.outcome
        );
    }
    let _ = writeln!(out, "What {} would say in a survey (1-5):", d.customer_name);
    for a in &d.survey {
        let _ = writeln!(out, "  {} {}", a.answer, a.statement);
    }
    out
}
