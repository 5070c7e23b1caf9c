//! Debrief: how the encounter ended, the grade, a radar of the six needs
//! against the best path, the customer's survey, every choice with its
//! feedback and need impact, and the best path for comparison.

use super::draw_screen;
use super::widgets::{self, RadarSeries, pressed};
use crate::Screen;
use crate::ordering::{AppSystems, UiSystems};
use crate::session::{EncounterStarter, LastPlay};
use crate::theme;
use bevy::prelude::*;
use bevy_egui::egui::{self, Key, RichText};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};
use frontline_core::needs::{Need, NeedMap};
use frontline_core::scenario::Outcome;
use frontline_core::scoring::{BestAtThisPoint, NeedExplanation};

/// One choice the player made.
#[derive(Clone, Debug, PartialEq)]
pub struct TranscriptLine {
    /// What the player said.
    pub said: String,
    /// The trainer's feedback.
    pub why: String,
    /// Effect on each need it touched.
    pub impact: Vec<(Need, i32)>,
}

/// What the debrief shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    /// Scenario title.
    pub title: String,
    /// "Delighted: Sam leaves happier than they came", ...
    pub headline: String,
    /// The closing line of the ending.
    pub closing: String,
    /// How it ended (colours the headline).
    pub outcome: Option<Outcome>,
    /// Overall score.
    pub overall: Option<u8>,
    /// Grade letter.
    pub grade: Option<char>,
    /// One-line verdict.
    pub verdict: String,
    /// Pass mark reached and customer not lost.
    pub passed: bool,
    /// The pass mark.
    pub pass_mark: u8,
    /// 0..=100 per need.
    pub needs: NeedMap<Option<u8>>,
    /// 0..=100 per need on the best path.
    pub best: NeedMap<Option<u8>>,
    /// The customer's survey: statement and 1..=5 answer.
    pub survey: Vec<(String, u8)>,
    /// Every choice made.
    pub transcript: Vec<TranscriptLine>,
    /// The best path's choices.
    pub best_path: Vec<String>,
    /// There is a next scenario in the curriculum.
    pub has_next: bool,
    /// Identifies the play, so each debrief opens scrolled to the top.
    pub play_id: i64,
    /// The pass rule of this encounter in one sentence.
    pub pass_rule: String,
    /// Why this play did not pass, when it did not.
    pub pass_problem: Option<String>,
    /// What 0–100 means.
    pub scale: String,
    /// When needs compete (the best path cannot reach 100 on all), why.
    pub competing: Option<String>,
    /// Per need, how its score came about.
    pub stories: Vec<NeedStory>,
}

/// What the player asked for after the debrief.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Play the same scenario again.
    Replay,
    /// Play the next scenario in the curriculum.
    Next,
    /// Back to the picker.
    Picker,
}

/// Debrief screen plugin.
pub struct DebriefPlugin;

impl Plugin for DebriefPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<Intent>()
            .add_systems(
                Update,
                apply
                    .run_if(on_message::<Intent>.and_then(resource_exists::<LastPlay>))
                    .in_set(AppSystems::ApplyIntents),
            )
            .add_systems(
                EguiPrimaryContextPass,
                ui.in_set(UiSystems::Screens)
                    .run_if(in_state(Screen::Debrief).and_then(resource_exists::<LastPlay>)),
            );
    }
}

/// The headline for an ending: the outcome, then the core's sentence for it,
/// worded for the customer's role and the place ("Kofi Mensah hung up
/// unhappy", not "took their business elsewhere" for a supplier on the phone).
pub fn headline(outcome: Option<Outcome>, walked_out: bool, ending: &str) -> String {
    let label = match outcome {
        _ if walked_out => "Walked out",
        Some(Outcome::Delighted) => "Delighted",
        Some(Outcome::Satisfied) => "Satisfied",
        Some(Outcome::Neutral) => "Neutral",
        Some(Outcome::Dissatisfied) => "Dissatisfied",
        Some(Outcome::Lost) => "Lost",
        None => return "The encounter stopped before an ending".to_string(),
    };
    format!("{label}: {ending}")
}

/// How one need's score came about, as the debrief lists it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NeedStory {
    /// The need.
    pub need: Option<Need>,
    /// "Fairness 40 (best possible here: 80)".
    pub title: String,
    /// What the score means in plain words.
    pub meaning: String,
    /// This play's choices that moved it: what was said, effect, why, and what
    /// the best path did at that point.
    pub lines: Vec<String>,
}

/// Builds the debrief view from the last play.
pub fn build_view(last: &LastPlay) -> View {
    let d = &last.debrief;
    View {
        title: last.title.clone(),
        headline: headline(d.outcome, d.walked_out, &d.ending),
        outcome: d.outcome,
        closing: last.closing.clone(),
        overall: d.score.overall,
        grade: d.grade.map(|g| g.letter()),
        verdict: d.verdict.clone(),
        passed: d.passed,
        pass_mark: d.pass_mark,
        needs: d.score.needs,
        best: d
            .best_path
            .as_ref()
            .map_or(NeedMap([None; 6]), |b| b.score.needs),
        survey: d
            .survey
            .iter()
            .map(|a| (a.statement.clone(), a.answer))
            .collect(),
        transcript: last
            .transcript
            .choices()
            .map(|(_, c)| TranscriptLine {
                said: c.text.clone(),
                why: c.why.clone(),
                impact: c
                    .needs
                    .iter()
                    .filter(|(_, v)| **v != 0)
                    .map(|(n, v)| (n, *v))
                    .collect(),
            })
            .collect(),
        best_path: d
            .best_path
            .as_ref()
            .map_or(Vec::new(), |b| b.choices.clone()),
        has_next: last.next_id.is_some(),
        play_id: last.started_at.timestamp_micros(),
        pass_rule: d.pass_rule.clone(),
        pass_problem: d.pass_problem.clone(),
        scale: d.explanation.scale.clone(),
        competing: d.explanation.competing.clone(),
        stories: d.explanation.needs.iter().map(need_story).collect(),
    }
}

/// One need's explanation as lines a trainee can read.
fn need_story(e: &NeedExplanation) -> NeedStory {
    let score = e
        .score
        .map_or("not assessed".to_string(), |s| s.to_string());
    let best = e
        .best_possible
        .map_or(String::new(), |b| format!(" (best possible here: {b})"));
    let mut lines: Vec<String> = e
        .moves
        .iter()
        .map(|m| {
            let mut line = format!(
                "You: {} ({:+}). {}",
                widgets::quoted(&m.text),
                m.effect,
                m.why
            );
            if let BestAtThisPoint::Instead { text, effect, .. } = &m.best {
                line.push_str(&format!(
                    " Best path here: {} ({effect:+}).",
                    widgets::quoted(text)
                ));
            }
            line
        })
        .collect();
    if e.moves.is_empty() {
        lines.push("None of your choices touched this need.".to_string());
        for b in &e.best_moves {
            lines.push(format!(
                "Best path: {} ({:+}). {}",
                widgets::quoted(&b.text),
                b.effect,
                b.why
            ));
        }
    }
    NeedStory {
        need: Some(e.need),
        title: format!("{} {score}{best}", e.need.label()),
        meaning: e.meaning.clone(),
        lines,
    }
}

fn ui(
    mut contexts: EguiContexts,
    last: Res<LastPlay>,
    mut intents: MessageWriter<Intent>,
) -> Result {
    let view = build_view(&last);
    draw_screen(&mut contexts, &mut intents, |ui| draw(ui, &view))
}

fn apply(mut intents: MessageReader<Intent>, last: Res<LastPlay>, mut starter: EncounterStarter) {
    for intent in intents.read() {
        let target = match intent {
            Intent::Replay => Some(&last.scenario_id),
            Intent::Next => last.next_id.as_ref(),
            Intent::Picker => None,
        };
        let started = target.is_some_and(|id| starter.start(id));
        if !started {
            starter.next.set(Screen::Picker);
        }
    }
}

/// Draws the debrief. Keys: R replay, N or Enter next, P or Esc picker;
/// Up/Down, Page Up/Down, Home/End scroll the page.
pub fn draw(ui: &mut egui::Ui, view: &View) -> Option<Intent> {
    let palette = theme::palette(ui);
    let mut intent = None;
    if pressed(ui, Key::R) {
        intent = Some(Intent::Replay);
    }
    if view.has_next && (pressed(ui, Key::N) || pressed(ui, Key::Enter)) {
        intent = Some(Intent::Next);
    }
    if pressed(ui, Key::P)
        || pressed(ui, Key::Escape)
        || (!view.has_next && pressed(ui, Key::Enter))
    {
        intent = Some(Intent::Picker);
    }
    widgets::title_row(ui, &view.title, |ui| {
        if view.has_next && widgets::primary_button(ui, "Next scenario (N)", true).clicked() {
            intent = Some(Intent::Next);
        }
        if ui.button("Replay (R)").clicked() {
            intent = Some(Intent::Replay);
        }
        if ui.button("Picker (P)").clicked() {
            intent = Some(Intent::Picker);
        }
    });
    let outcome_colour = match view.outcome {
        Some(Outcome::Delighted | Outcome::Satisfied) => palette.good,
        Some(Outcome::Neutral) => palette.warn,
        Some(Outcome::Dissatisfied | Outcome::Lost) | None => palette.bad,
    };
    ui.label(
        RichText::new(&view.headline)
            .size(theme::sized(ui, 22.0))
            .color(outcome_colour),
    );
    if !view.closing.is_empty() {
        ui.label(
            RichText::new(widgets::typographic(&view.closing))
                .italics()
                .color(palette.muted),
        );
    }
    ui.separator();
    // One page that scrolls as a whole (wheel, scroll bar or keys), opened at
    // the top for every new play; two columns only where they fit.
    let keys = widgets::scroll_keys(ui);
    egui::ScrollArea::vertical()
        .id_salt(("debrief", view.play_id))
        .auto_shrink(false)
        .show(ui, |ui| {
            if keys != 0.0 {
                ui.scroll_with_delta(egui::vec2(0.0, keys));
            }
            if ui.available_width() >= TWO_COLUMNS_FROM {
                // `columns` lays text out justified (stretched letter
                // spacing); each column reads left-aligned instead.
                ui.columns(2, |cols| {
                    cols[0].vertical(|ui| draw_scores(ui, view));
                    cols[1].vertical(|ui| draw_transcript(ui, view));
                });
            } else {
                draw_scores(ui, view);
                ui.add_space(12.0);
                draw_transcript(ui, view);
            }
        });
    intent
}

/// Narrower than this (in points), the debrief is one column.
pub const TWO_COLUMNS_FROM: f32 = 900.0;

fn draw_scores(ui: &mut egui::Ui, view: &View) {
    let palette = theme::palette(ui);
    ui.horizontal(|ui| {
        let grade = view.grade.map_or("–".to_string(), |g| g.to_string());
        let colour = view.overall.map_or(palette.muted, |o| palette.score(o));
        ui.label(
            RichText::new(format!("Grade {grade}"))
                .size(theme::sized(ui, 40.0))
                .strong()
                .color(colour),
        );
        ui.vertical(|ui| {
            let overall = view.overall.map_or("–".to_string(), |o| o.to_string());
            ui.label(RichText::new(format!("Overall {overall} / 100")).strong());
            let pass = if view.passed { "Passed" } else { "Not passed" };
            ui.label(
                RichText::new(format!("{pass} (pass mark {})", view.pass_mark))
                    .color(palette.muted),
            );
            if let Some(problem) = &view.pass_problem {
                ui.label(RichText::new(problem).color(palette.muted));
            }
        });
    });
    ui.label(&view.verdict);
    let to_unit = |m: &NeedMap<Option<u8>>| m.map(|_, v| v.map(|v| f32::from(v) / 100.0));
    let (yours, best) = (to_unit(&view.needs), to_unit(&view.best));
    widgets::radar(
        ui,
        260.0,
        &[
            RadarSeries {
                label: "Best path",
                values: &best,
                colour: palette.muted,
                outline_only: true,
            },
            RadarSeries {
                label: "You",
                values: &yours,
                colour: palette.accent,
                outline_only: false,
            },
        ],
    );
    for need in Need::ALL {
        widgets::score_bar(ui, &palette, need, view.needs[need]);
    }
    draw_explanation(ui, view);
    ui.add_space(8.0);
    theme::card(&palette).show(ui, |ui| {
        ui.label(RichText::new("Customer survey").strong());
        for (statement, answer) in &view.survey {
            ui.horizontal_wrapped(|ui| {
                let stars: String = (1..=5)
                    .map(|i| if i <= *answer { '★' } else { '☆' })
                    .collect();
                ui.label(RichText::new(stars).color(palette.warn));
                ui.label(statement);
            });
        }
    });
}

/// What the scores mean and how each came about.
fn draw_explanation(ui: &mut egui::Ui, view: &View) {
    let palette = theme::palette(ui);
    if view.scale.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new("What the scores mean").strong());
    ui.label(RichText::new(&view.scale).color(palette.muted));
    if !view.pass_rule.is_empty() {
        ui.label(RichText::new(&view.pass_rule).color(palette.muted));
    }
    if let Some(competing) = &view.competing {
        ui.label(RichText::new(competing).color(palette.warn));
    }
    for story in &view.stories {
        egui::CollapsingHeader::new(RichText::new(&story.title).strong())
            .id_salt(("need-story", &story.title))
            .show(ui, |ui| {
                ui.label(RichText::new(&story.meaning).italics());
                for line in &story.lines {
                    ui.label(line);
                }
            });
    }
}

fn draw_transcript(ui: &mut egui::Ui, view: &View) {
    let palette = theme::palette(ui);
    ui.label(RichText::new("Your choices").strong());
    if view.transcript.is_empty() {
        widgets::hint(ui, "No choices were made.");
    }
    for (i, line) in view.transcript.iter().enumerate() {
        theme::card(&palette).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("{}. {}", i + 1, widgets::quoted(&line.said))).strong());
            ui.horizontal_wrapped(|ui| {
                for (need, value) in &line.impact {
                    let colour = if *value > 0 {
                        palette.good
                    } else {
                        palette.bad
                    };
                    widgets::chip(
                        ui,
                        &format!("{} {value:+}", widgets::short_label(*need)),
                        colour,
                    );
                }
            });
            if !line.why.is_empty() {
                ui.label(RichText::new(&line.why).color(palette.muted));
            }
        });
    }
    if !view.best_path.is_empty() {
        ui.add_space(8.0);
        egui::CollapsingHeader::new(RichText::new("The best path, for comparison").strong())
            .default_open(true)
            .show(ui, |ui| {
                for (i, said) in view.best_path.iter().enumerate() {
                    ui.label(format!("{}. {}", i + 1, widgets::quoted(said)));
                }
            });
    }
}
