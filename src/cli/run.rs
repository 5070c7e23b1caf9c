//! `frontline run FILE [--seed S]`: play an encounter in the terminal.
//! Choices are numbered as shown; type the number and Enter. Lines without
//! choices continue on their own, so piped input only needs the choice numbers.

use frontline_core::analysis::analyse;
use frontline_core::engine::{Encounter, EncounterView};
use frontline_core::scenario::Speaker;
use frontline_core::scoring::{Debrief, debrief};
use std::io::{BufRead, Write};
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
    println!("{} (seed {seed})\n", compiled.scenario.title);
    let mut enc = Encounter::start_as(Arc::clone(&compiled), seed, &args.me);
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        let view = enc.view();
        show(&view);
        if enc.is_over() || view.stuck {
            break;
        }
        if view.can_continue {
            let _ = enc.advance();
            continue;
        }
        loop {
            print!("> ");
            let _ = std::io::stdout().flush();
            let Some(Ok(line)) = lines.next() else {
                eprintln!("\ninput ended before the encounter finished");
                return ExitCode::from(1);
            };
            let picked = line
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|n| view.choices.get(n));
            match picked {
                Some(c) if c.locked.is_none() => {
                    let _ = enc.choose(c.index);
                    break;
                }
                Some(c) => println!(
                    "That option is locked: {}",
                    c.locked.as_deref().unwrap_or("")
                ),
                None => println!("Type a number from 1 to {}.", view.choices.len()),
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
    print_debrief(&debrief(&compiled.scenario, &analysis, enc.transcript()));
    ExitCode::SUCCESS
}

fn show(view: &EncounterView) {
    let who = match &view.speaker {
        Some(Speaker::Customer) => format!("{}: ", view.customer_name),
        Some(Speaker::Other(name)) => format!("{name}: "),
        Some(Speaker::Narrator) | None => String::new(),
    };
    println!("{who}{}", view.text);
    if view.outcome.is_none() {
        let patience = view
            .patience_left
            .map_or_else(String::new, |p| format!(", patience {p}s left"));
        println!("   [mood {}, {}s{patience}]", view.mood, view.elapsed);
    }
    for (i, c) in view.choices.iter().enumerate() {
        match &c.locked {
            None => println!("  {}. {}", i + 1, c.text),
            Some(reason) => println!("  {}. (x) {} — locked: {reason}", i + 1, c.text),
        }
    }
    if view.walked_out {
        println!("The customer has waited long enough and walks away.");
    }
}

fn print_debrief(d: &Debrief) {
    println!("\n=== Debrief ===");
    let outcome = d
        .outcome
        .map_or("unfinished".to_string(), |o| format!("{o:?}"));
    println!(
        "Outcome: {outcome}{}",
        if d.walked_out { " (walked out)" } else { "" }
    );
    match (d.score.overall, d.grade) {
        (Some(o), Some(g)) => println!("Overall: {o}/100, grade {}: {}", g.letter(), d.verdict),
        _ => println!("{}", d.verdict),
    }
    println!("{}", d.ending);
    println!(
        "{} (pass mark {})",
        if d.passed { "PASSED" } else { "NOT PASSED" },
        d.pass_mark
    );
    if let Some(problem) = &d.pass_problem {
        println!("{problem}");
    }
    for n in &d.needs {
        match n.score {
            Some(s) => println!("  {:<26} {s:>3}", n.need.label()),
            None => println!("  {:<26} not assessed", n.need.label()),
        }
    }
    for m in &d.helped_most {
        println!("+ \"{}\": {}", m.text, m.why);
    }
    for m in &d.hurt_most {
        println!("- \"{}\": {}", m.text, m.why);
    }
    if let Some(b) = &d.best_path {
        println!(
            "Best possible: overall {}/100 ({:?})",
            b.score.overall.unwrap_or(0),
            b.outcome
        );
    }
    println!("What {} would say in a survey (1-5):", d.customer_name);
    for a in &d.survey {
        println!("  {} {}", a.answer, a.statement);
    }
}
