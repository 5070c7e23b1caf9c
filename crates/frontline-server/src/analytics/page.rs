//! The encounter analytics page body (an HTML fragment; the dashboard shell
//! adds the document around it): summary with definitions, filter form, the
//! graph, and every number of the graph again in tables.

use super::EncounterView;
use super::svg::{graph, loses_customers, percent};
use frontline_core::needs::Need;
use frontline_results::analytics::{NodeKind, NodeStats, ratio};
use maud::{Markup, html};

/// The page body for `view`.
pub fn render_encounter(view: &EncounterView) -> Markup {
    let stats = &view.stats;
    let pass_rate = if stats.plays == 0 {
        "-".to_string()
    } else {
        percent(stats.passed as f64 / stats.plays as f64)
    };
    html! {
        section class="encounter-analytics" aria-label={ "Encounter analytics: " (view.title) } {
            p {
                strong { (stats.plays) } " plays of the published version (" code { (&view.version[..12.min(view.version.len())]) } ")"
                (scope(view)) "; " strong { (pass_rate) } " passed."
            }
            @if view.other_version_plays > 0 {
                p class="note" { (view.other_version_plays) " plays in this filter were of other versions of the scenario and are not counted here." }
            }
            (filter_form(view))
            details {
                summary { "What the numbers mean" }
                dl {
                    dt { "Pass" } dd { "A play passes when its overall score (0 to 100, the mean of the assessed needs, each scaled from the worst to the best score the scenario allows) reaches the pass mark of " (view.pass_mark) "." }
                    dt { "Share" } dd { "Of all the choices made at a node, the part that picked this one. Edge width and the percentage on each edge show it." }
                    dt { "Walked out" } dd { "The customer ran out of patience on reaching this node; the play ends as Lost." }
                    dt { "Need movement" } dd { "The mean change per need from the choices made at a node, per play that reached it (each choice moves a need by -3 to +3)." }
                    dt { "Separating choice" } dd { "A choice whose takers pass much more or less often than the other plays that reached the same node (at least 5 plays on each side)." }
                }
            }
            figure {
                div class="graph-scroll" tabindex="0" role="group" aria-label="Encounter graph (scrolls)" { (graph(view)) }
                figcaption { "Boxes are nodes, from the start at the top. Solid edges are choices (c1 is the first choice as written); dashed edges move on without a choice. Green edges raise the needs overall, red ones lower them. Red frames and a ! mark nodes where customers are lost." }
            }
            (separators(view))
            (endings(view))
            (choices(view))
            (need_movement(view))
        }
    }
}

fn scope(view: &EncounterView) -> String {
    let f = &view.filter;
    let team = f
        .team
        .as_ref()
        .map_or_else(|| " by every team".to_string(), |t| format!(" by team {t}"));
    let period = match (f.from, f.to) {
        (None, None) => String::new(),
        (Some(a), None) => format!(" from {a}"),
        (None, Some(b)) => format!(" up to {b}"),
        (Some(a), Some(b)) => format!(" from {a} to {b}"),
    };
    team + &period
}

fn filter_form(view: &EncounterView) -> Markup {
    let f = &view.filter;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    html! {
        form method="get" class="filters" aria-label="Filter the plays" {
            label for="f-team" { "Team" } " "
            input id="f-team" name="team" type="text" value=(f.team.clone().unwrap_or_default()) placeholder="all teams";
            " " label for="f-from" { "From" } " "
            input id="f-from" name="from" type="date" value=(date(f.from));
            " " label for="f-to" { "To" } " "
            input id="f-to" name="to" type="date" value=(date(f.to));
            " " button type="submit" { "Apply" }
        }
    }
}

fn separators(view: &EncounterView) -> Markup {
    html! {
        h2 { "Choices that separate passing from failing plays" }
        @if view.stats.separators.is_empty() {
            p { "Not enough plays yet: a choice is compared once at least 5 plays took it and 5 reached its node without taking it." }
        } @else {
            table {
                caption { "Strongest difference first" }
                thead { tr { th scope="col" { "Node" } th scope="col" { "Choice" } th scope="col" { "Pass rate when taken" } th scope="col" { "Pass rate otherwise" } th scope="col" { "Difference" } } }
                tbody {
                    @for s in &view.stats.separators {
                        tr {
                            td { (s.node) } td { "c" (s.index + 1) ": " (s.text) }
                            td { (percent(s.pass_rate_taken)) " of " (s.plays_taken) }
                            td { (percent(s.pass_rate_not_taken)) " of " (s.plays_not_taken) }
                            td { (format!("{:+.0} points", s.difference() * 100.0)) }
                        }
                    }
                }
            }
        }
    }
}

fn endings(view: &EncounterView) -> Markup {
    html! {
        h2 { "How the plays ended" }
        table {
            caption { "Plays per outcome" }
            thead { tr { th scope="col" { "Outcome" } th scope="col" { "Plays" } th scope="col" { "Share" } } }
            tbody {
                @for (outcome, plays) in &view.stats.outcomes {
                    tr { th scope="row" { (outcome.name()) } td { (plays) } td { (percent(ratio(*plays, view.stats.plays))) } }
                }
            }
        }
        table {
            caption { "Plays per ending node (walk-outs are where patience ran out)" }
            thead { tr { th scope="col" { "Node" } th scope="col" { "Outcome" } th scope="col" { "Plays" } th scope="col" { "Share" } } }
            tbody {
                @for e in &view.stats.endings {
                    tr {
                        th scope="row" { (e.node) }
                        td { (e.outcome.name()) @if e.walked_out { " (walked out)" } }
                        td { (e.plays) } td { (percent(e.share)) }
                    }
                }
            }
        }
    }
}

fn choices(view: &EncounterView) -> Markup {
    let lines = view.stats.nodes.iter().filter(|n| !n.choices.is_empty());
    html! {
        h2 { "Choices at each node" }
        table {
            caption { "Share of the choices made at the node, and how often the plays that took a choice passed" }
            thead { tr { th scope="col" { "Node" } th scope="col" { "Choice" } th scope="col" { "Share" } th scope="col" { "Times" } th scope="col" { "Pass rate of takers" } } }
            tbody {
                @for n in lines {
                    @for c in &n.choices {
                        tr {
                            td { (n.id) } td { "c" (c.index + 1) ": " (c.text) }
                            td { (percent(c.share)) } td { (c.taken) }
                            td { @if c.plays == 0 { "-" } @else { (percent(ratio(c.passed, c.plays))) " of " (c.plays) } }
                        }
                    }
                }
            }
        }
    }
}

fn need_movement(view: &EncounterView) -> Markup {
    let reached = view
        .stats
        .nodes
        .iter()
        .filter(|n| n.plays > 0 && matches!(n.kind, NodeKind::Line));
    html! {
        h2 { "Nodes: plays, losses and need movement" }
        table {
            caption { "Mean need change per play that reached the node" }
            thead { tr {
                th scope="col" { "Node" } th scope="col" { "Plays" } th scope="col" { "Walked out" }
                @for need in Need::ALL { th scope="col" { (need.label()) } }
            } }
            tbody {
                @for n in reached { (movement_row(n)) }
            }
        }
    }
}

fn movement_row(n: &NodeStats) -> Markup {
    html! {
        tr {
            th scope="row" { (n.id) @if loses_customers(n) { " (loses customers)" } }
            td { (n.plays) } td { (n.walked_out) }
            @for v in n.need_movement.0 { td { (format!("{v:+.2}")) } }
        }
    }
}
