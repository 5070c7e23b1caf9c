//! A stored play's debrief, rebuilt the way the game builds it: replay the
//! record's choices with its seed on the published scenario (only when the
//! record's `scenario_hash` says it was played on exactly that version) and
//! debrief the transcript with frontline-core. When that cannot be done the
//! page shows the stored transcript and says why.

use super::data::Published;
use frontline_core::engine::{Encounter, Transcript};
use frontline_core::scoring::{Debrief, debrief};
use frontline_results::ResultRecord;
use frontline_results::record::steps_of;
use maud::{Markup, html};

/// Most engine steps a replay may take (a stored transcript is far shorter).
const MAX_STEPS: usize = 2_000;

/// The transcript and debrief of `record`, or why they cannot be rebuilt.
pub fn rebuild(
    record: &ResultRecord,
    catalogue: &[Published],
) -> Result<(Transcript, Debrief), String> {
    let Some(published) = catalogue
        .iter()
        .find(|p| p.scenario.id == record.scenario_id)
    else {
        return Err("This encounter is not in the published library any more.".into());
    };
    if published.hash != record.scenario_hash {
        return Err(
            "The encounter was edited after this play, so its debrief cannot be rebuilt \
                    exactly; these are the stored choices."
                .into(),
        );
    }
    let mut enc = Encounter::start_as(published.compiled.clone(), record.seed, &record.player);
    for _ in 0..MAX_STEPS {
        if enc.is_over() {
            break;
        }
        let at = enc.transcript().steps.len().saturating_sub(1);
        let wanted = record.transcript.get(at).and_then(|s| s.choice.as_deref());
        let moved = match wanted {
            Some(text) => pick(&enc, at, text).map(|next| enc = next).is_some(),
            None => enc.advance().is_ok(),
        };
        if !moved {
            break;
        }
    }
    let transcript = enc.into_transcript();
    if steps_of(&transcript) != record.transcript {
        return Err(
            "Replaying the stored choices did not reproduce this play; these are the \
                    stored choices."
                .into(),
        );
    }
    let d = debrief(&published.scenario, &published.analysis, &transcript);
    Ok((transcript, d))
}

/// The encounter after the available choice whose text at step `at` is `text`.
fn pick(enc: &Encounter, at: usize, text: &str) -> Option<Encounter> {
    let open: Vec<usize> = enc.available_choices().collect();
    open.into_iter().find_map(|i| {
        let mut next = enc.clone();
        next.choose(i).ok()?;
        let said = steps_of(next.transcript()).get(at)?.choice.clone();
        (said.as_deref() == Some(text)).then_some(next)
    })
}

/// A play's debrief: rebuilt when possible, else the stored transcript.
pub fn render(record: &ResultRecord, catalogue: &[Published]) -> Markup {
    match rebuild(record, catalogue) {
        Ok((transcript, d)) => rebuilt(record, &transcript, &d),
        Err(why) => stored(record, &why),
    }
}

fn rebuilt(record: &ResultRecord, transcript: &Transcript, d: &Debrief) -> Markup {
    html! {
        p { (d.ending) " " (d.verdict) }
        p {
            (d.pass_rule) " "
            @match &d.pass_problem {
                Some(problem) => span.fail { "Not passed: " (problem) }
                None => span.pass { "Passed." }
            }
        }
        table {
            caption { "Score per need" }
            thead { tr { th scope="col" { "Need" } th scope="col" { "Score (0–100)" } } }
            tbody {
                @for n in &d.needs {
                    tr {
                        th scope="row" { (n.need.label()) }
                        td.num { (n.score.map_or_else(|| "not assessed".to_string(), |s| s.to_string())) }
                    }
                }
            }
        }
        ol.choices {
            @for (_, c) in transcript.choices() {
                li {
                    q { (c.text) }
                    " " span.muted { (effects(&c.needs.0)) }
                    br;
                    em { (c.why) }
                }
            }
        }
        p.muted { "Rebuilt from encounter version " (short(&record.scenario_hash)) "." }
    }
}

fn stored(record: &ResultRecord, why: &str) -> Markup {
    html! {
        p.muted role="note" { (why) }
        ol.choices {
            @for (_, step, text) in record.choices() {
                li { q { (text) } " " span.muted { (effects(&step.needs.0)) } }
            }
        }
    }
}

/// The non-zero effects of a choice, e.g. "(Empathy +2, Control −1)".
fn effects(needs: &[i32; 6]) -> String {
    let parts: Vec<String> = frontline_core::needs::Need::ALL
        .into_iter()
        .zip(needs)
        .filter(|(_, v)| **v != 0)
        .map(|(n, v)| format!("{} {}{}", n.key(), if *v > 0 { "+" } else { "−" }, v.abs()))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("({})", parts.join(", "))
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
