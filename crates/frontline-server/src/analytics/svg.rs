//! The encounter graph as SVG: boxes laid out by [`layered_layout`], each
//! choice edge as wide as its share of the choices made at its node and
//! labelled with that share, endings tinted by outcome, and the nodes where
//! customers are lost (bad endings, walk-outs) framed in dark red with a
//! marker. Colours keep 4.5:1 contrast for text on their fills.

use super::EncounterView;
use super::layout::{GAP_Y, Layout, NODE_HEIGHT, NODE_WIDTH, Placed, layered_layout};
use frontline_core::scenario::{Node, Outcome, Scenario};
use frontline_results::analytics::{NodeKind, NodeStats};
use maud::{Markup, html};

/// Text and outlines.
const INK: &str = "#1b1b1b";
/// Frame and marker of a node where customers are lost.
const ALARM: &str = "#b71c1c";
/// Edges of choices that raise the needs overall.
const GOOD_EDGE: &str = "#2e7d32";
/// Edges that move no need overall, and moves that are not choices.
const PLAIN_EDGE: &str = "#595959";
/// Edges of choices that lower the needs overall.
const BAD_EDGE: &str = "#c62828";

/// Room right of the layout for edges that loop back up.
const LOOP_ROOM: f64 = 44.0;

/// Most characters of a node id drawn in its box (the full id is in its title).
const ID_CHARS: usize = 22;

/// Fill of an ending box: light tints dark text reads well on.
fn ending_fill(o: Outcome) -> &'static str {
    match o {
        Outcome::Delighted => "#c8e6c9",
        Outcome::Satisfied => "#e6f2d5",
        Outcome::Neutral => "#eeeeee",
        Outcome::Dissatisfied => "#ffe0b2",
        Outcome::Lost => "#ffcdd2",
    }
}

/// Whether customers are lost at this node: a bad ending reached, or a walk-out.
pub fn loses_customers(n: &NodeStats) -> bool {
    let bad_end = matches!(n.kind, NodeKind::End(Outcome::Lost | Outcome::Dissatisfied));
    n.walked_out > 0 || (bad_end && n.ended > 0)
}

/// One edge as drawn.
struct Drawn {
    from: usize,
    to: usize,
    /// Share of the moves out of `from`, 0..=1.
    share: f64,
    /// `c2` for the second choice; empty for other moves.
    tag: String,
    colour: &'static str,
    taken: u64,
}

/// Every edge of the scenario with its plays.
fn drawn_edges(s: &Scenario, view: &EncounterView) -> Vec<Drawn> {
    let idx = |id: &str| s.nodes.get_index_of(id);
    let mut out = Vec::new();
    for (from, (_, node)) in s.nodes.iter().enumerate() {
        let stats = &view.stats.nodes[from];
        let other = |target: &str| {
            let m = stats.other_moves.iter().find(|m| m.target == target);
            (m.map_or(0.0, |m| m.share), m.map_or(0, |m| m.taken))
        };
        let mut push = |to: &str, share, taken, tag: String, colour| {
            if let Some(to) = idx(to) {
                out.push(Drawn {
                    from,
                    to,
                    share,
                    tag,
                    colour,
                    taken,
                });
            }
        };
        match node {
            Node::Line { choices, next, .. } => {
                for (c, st) in choices.iter().zip(&stats.choices) {
                    let effect: i32 = c.needs.values().sum();
                    let colour = match effect {
                        1.. => GOOD_EDGE,
                        0 => PLAIN_EDGE,
                        _ => BAD_EDGE,
                    };
                    push(
                        &c.next,
                        st.share,
                        st.taken,
                        format!("c{}", st.index + 1),
                        colour,
                    );
                }
                if let Some(n) = next {
                    let (share, taken) = other(n);
                    push(n, share, taken, String::new(), PLAIN_EDGE);
                }
            }
            Node::Branch { cases, otherwise } => {
                for t in cases.iter().map(|c| &c.next).chain([otherwise]) {
                    let (share, taken) = other(t);
                    push(t, share, taken, String::new(), PLAIN_EDGE);
                }
            }
            Node::Random { options } => {
                for o in options {
                    let (share, taken) = other(&o.next);
                    push(&o.next, share, taken, String::new(), PLAIN_EDGE);
                }
            }
            Node::End { .. } => {}
        }
    }
    out
}

/// `62%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The graph of `view` as an `<svg>` element.
pub fn graph(view: &EncounterView) -> Markup {
    let s = &*view.scenario;
    let edges = drawn_edges(s, view);
    let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
    let start = s.nodes.get_index_of(&s.start).unwrap_or(0);
    let layout = layered_layout(s.nodes.len(), start, &pairs);
    let lost: Vec<&str> = view
        .stats
        .nodes
        .iter()
        .filter(|n| loses_customers(n))
        .map(|n| n.id.as_str())
        .collect();
    let desc = format!(
        "{} nodes in {} layers from the start `{}`; {} plays. Edge width and label: each \
         choice's share of the choices made at its node. Nodes framed in red lose customers: {}. \
         The tables below hold every number.",
        s.nodes.len(),
        layout.layers.len(),
        s.start,
        view.stats.plays,
        if lost.is_empty() {
            "none".to_string()
        } else {
            lost.join(", ")
        }
    );
    html! {
        svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="encounter-graph-title encounter-graph-desc"
            viewBox=(format!("0 0 {:.0} {:.0}", layout.width + LOOP_ROOM, layout.height))
            width=(format!("{:.0}", layout.width + LOOP_ROOM)) height=(format!("{:.0}", layout.height))
            font-family="sans-serif" font-size="12" {
            title id="encounter-graph-title" { "Branching graph of " (s.title) " with the share of plays per choice" }
            desc id="encounter-graph-desc" { (desc) }
            defs {
                marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse" {
                    path d="M0,0 L10,5 L0,10 z" fill=(INK) {}
                }
            }
            g class="edges" { @for (k, e) in edges.iter().enumerate() { (edge(e, &layout, k)) } }
            g class="nodes" { @for (i, n) in view.stats.nodes.iter().enumerate() { (node_box(n, &layout.nodes[i], n.id == s.start)) } }
        }
    }
}

/// Where along a downward edge its label sits (0 = start, 1 = end), by
/// edge number, so labels of neighbouring edges do not stack.
const LABEL_AT: [f64; 3] = [0.3, 0.45, 0.6];

fn edge(e: &Drawn, layout: &Layout, k: usize) -> Markup {
    let (a, b) = (&layout.nodes[e.from], &layout.nodes[e.to]);
    // Choices scale with their share; other moves stay thin.
    let width = if e.tag.is_empty() {
        1.0 + 2.0 * e.share
    } else {
        1.0 + 9.0 * e.share
    };
    let (path, label_at) = route(a, b, LABEL_AT[k % LABEL_AT.len()]);
    let label = if e.tag.is_empty() {
        percent(e.share)
    } else {
        format!("{} {}", e.tag, percent(e.share))
    };
    let dash = if e.tag.is_empty() { "5 3" } else { "none" };
    html! {
        g {
            title { (label) " (" (e.taken) " times)" }
            path d=(path) fill="none" stroke=(e.colour) stroke-width=(format!("{width:.1}"))
                stroke-dasharray=(dash) stroke-opacity="0.85" marker-end="url(#arrow)" {}
            @if e.taken > 0 || !e.tag.is_empty() {
                text x=(format!("{:.1}", label_at.0)) y=(format!("{:.1}", label_at.1)) text-anchor="middle"
                    fill=(INK) stroke="#ffffff" stroke-width="3" paint-order="stroke" { (label) }
            }
        }
    }
}

/// A curve from `a` to `b` and where its label goes (at `t` along a
/// downward edge). Downward edges leave the bottom and enter the top; edges
/// back up (or across) loop round the right-hand side.
fn route(a: &Placed, b: &Placed, t: f64) -> (String, (f64, f64)) {
    if b.layer > a.layer {
        let (x1, y1) = a.bottom();
        let (x2, y2) = b.top();
        let bend = GAP_Y / 2.0;
        let (c1, c2) = (y1 + bend, y2 - bend);
        let path = format!("M{x1:.1},{y1:.1} C{x1:.1},{c1:.1} {x2:.1},{c2:.1} {x2:.1},{y2:.1}");
        // Long edges: the label stays in the first gap below the source.
        let t = t * (GAP_Y / (y2 - y1)).min(1.0);
        let label = (cubic(t, x1, x1, x2, x2), cubic(t, y1, c1, c2, y2) + 4.0);
        (path, label)
    } else if b.layer == a.layer {
        let (x1, y1) = a.top();
        let (x2, y2) = b.top();
        let lift = y1 - 26.0;
        let path = format!("M{x1:.1},{y1:.1} C{x1:.1},{lift:.1} {x2:.1},{lift:.1} {x2:.1},{y2:.1}");
        (path, ((x1 + x2) / 2.0, lift + 4.0))
    } else {
        let (x1, y1) = (a.x + NODE_WIDTH, a.y + NODE_HEIGHT / 2.0);
        let (x2, y2) = (b.x + NODE_WIDTH, b.y + NODE_HEIGHT / 2.0);
        let out = x1.max(x2) + LOOP_ROOM * 0.8;
        let path = format!("M{x1:.1},{y1:.1} C{out:.1},{y1:.1} {out:.1},{y2:.1} {x2:.1},{y2:.1}");
        (path, (out - 6.0, (y1 + y2) / 2.0))
    }
}

/// A cubic Bézier coordinate at `t`.
fn cubic(t: f64, p0: f64, p1: f64, p2: f64, p3: f64) -> f64 {
    let u = 1.0 - t;
    u * u * u * p0 + 3.0 * u * u * t * p1 + 3.0 * u * t * t * p2 + t * t * t * p3
}

fn node_box(n: &NodeStats, p: &Placed, is_start: bool) -> Markup {
    let fill = match n.kind {
        NodeKind::End(o) => ending_fill(o),
        _ => "#ffffff",
    };
    let alarm = loses_customers(n);
    let (stroke, stroke_width) = match (alarm, is_start) {
        (true, _) => (ALARM, 3.0),
        (false, true) => (INK, 2.5),
        (false, false) => (INK, 1.0),
    };
    let kind = match n.kind {
        NodeKind::Line => String::new(),
        NodeKind::Branch => " (branch)".into(),
        NodeKind::Random => " (random)".into(),
        NodeKind::End(o) => format!(" [{}]", o.name()),
    };
    let short: String = if n.id.chars().count() > ID_CHARS {
        n.id.chars().take(ID_CHARS - 1).chain(['…']).collect()
    } else {
        n.id.clone()
    };
    let pass = if n.plays == 0 {
        "-".to_string()
    } else {
        percent(n.passed as f64 / n.plays as f64)
    };
    let second = if n.walked_out > 0 {
        format!("{} plays, {} walked out", n.plays, n.walked_out)
    } else {
        format!("{} plays, {pass} pass", n.plays)
    };
    let (cx, y) = (p.x + NODE_WIDTH / 2.0, p.y);
    html! {
        g {
            title { (n.id) (kind) ": " (n.plays) " plays, " (pass) " of them passed"
                @if n.ended > 0 { ", " (n.ended) " ended here" }
                @if n.walked_out > 0 { ", " (n.walked_out) " customers walked out here" } }
            rect x=(format!("{:.1}", p.x)) y=(format!("{y:.1}")) width=(NODE_WIDTH) height=(NODE_HEIGHT) rx="6"
                fill=(fill) stroke=(stroke) stroke-width=(stroke_width) {}
            @if alarm {
                text x=(format!("{:.1}", p.x + 10.0)) y=(format!("{:.1}", y + 18.0)) fill=(ALARM) font-weight="bold" { "!" }
            }
            text x=(format!("{cx:.1}")) y=(format!("{:.1}", y + 18.0)) text-anchor="middle" fill=(INK) font-weight="bold" { (short) }
            text x=(format!("{cx:.1}")) y=(format!("{:.1}", y + 35.0)) text-anchor="middle" fill=(INK) { (second) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.1 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn text_and_marks_meet_wcag_aa_contrast_on_every_fill() {
        let fills = Outcome::ALL.map(ending_fill);
        for fill in fills.iter().chain(&["#ffffff"]) {
            assert!(contrast(INK, fill) >= 4.5, "ink on {fill}");
            assert!(contrast(ALARM, fill) >= 4.5, "alarm on {fill}");
        }
        for edge in [GOOD_EDGE, PLAIN_EDGE, BAD_EDGE] {
            assert!(contrast(edge, "#ffffff") >= 4.5, "{edge} on white");
        }
    }
}
