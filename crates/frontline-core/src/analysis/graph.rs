//! Drawing a scenario's branching as Graphviz `dot` or Mermaid: endings
//! coloured by outcome, choice edges labelled with their need impact,
//! branch edges with their condition, and conditional choices marked as
//! locked (shown greyed out, dashed) or hidden (not shown, dotted) with the
//! condition that opens them.

use crate::needs::{Need, NeedMap};
use crate::scenario::{Node, Outcome, Scenario};
use std::fmt::Write;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz dot.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

/// Fill colour of an ending.
pub fn outcome_colour(o: Outcome) -> &'static str {
    match o {
        Outcome::Delighted => "#2e7d32",
        Outcome::Satisfied => "#8bc34a",
        Outcome::Neutral => "#bdbdbd",
        Outcome::Dissatisfied => "#ff9800",
        Outcome::Lost => "#d32f2f",
    }
}

/// Short need impact label, e.g. `Fri+2 Emp-1`.
pub fn impact_label(needs: &NeedMap<i32>) -> String {
    Need::ALL
        .into_iter()
        .filter(|n| needs[*n] != 0)
        .map(|n| format!("{}{:+}", &n.key()[..3], needs[n]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How an edge is drawn: solid, or for a conditional choice dashed (shown
/// greyed out with its `locked` reason when the condition fails) or dotted
/// (not shown at all when the condition fails).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Locked,
    Hidden,
}

/// One edge of the drawing.
struct Edge {
    from: usize,
    to: usize,
    label: String,
    /// Sum of need effects (colours the edge).
    sum: i32,
    style: Style,
}

fn edges(s: &Scenario) -> Vec<Edge> {
    let idx = |id: &str| s.nodes.get_index_of(id);
    let mut out = Vec::new();
    for (from, node) in s.nodes.values().enumerate() {
        let mut push = |to: &str, label: String, sum: i32, style: Style| {
            if let Some(to) = idx(to) {
                out.push(Edge {
                    from,
                    to,
                    label,
                    sum,
                    style,
                });
            }
        };
        match node {
            Node::Line { choices, next, .. } => {
                for (i, c) in choices.iter().enumerate() {
                    let mut needs = NeedMap::default();
                    c.needs.iter().for_each(|(n, v)| needs[*n] = *v);
                    let impact = impact_label(&needs);
                    let (gate, style) = match (&c.requires, &c.locked) {
                        (None, _) => (String::new(), Style::Plain),
                        (Some(cond), Some(_)) => {
                            (format!(" [locked unless {cond}]"), Style::Locked)
                        }
                        (Some(cond), None) => (format!(" [hidden unless {cond}]"), Style::Hidden),
                    };
                    let label = format!("{}: {impact}", i + 1).trim().to_string() + &gate;
                    push(&c.next, label, needs.0.iter().sum(), style);
                }
                if let Some(n) = next {
                    push(n, "continue".into(), 0, Style::Plain);
                }
            }
            Node::Branch { cases, otherwise } => {
                for c in cases {
                    push(&c.next, format!("when {}", c.when), 0, Style::Plain);
                }
                push(otherwise, "otherwise".into(), 0, Style::Plain);
            }
            Node::Random { options } => {
                for o in options {
                    push(&o.next, format!("weight {}", o.weight), 0, Style::Plain);
                }
            }
            Node::End { .. } => {}
        }
    }
    out
}

fn node_label(id: &str, node: &Node) -> String {
    let kind = match node {
        Node::Line { .. } => "",
        Node::Branch { .. } => " (branch)",
        Node::Random { .. } => " (random)",
        Node::End { outcome, .. } => match outcome {
            Outcome::Delighted => " [Delighted]",
            Outcome::Satisfied => " [Satisfied]",
            Outcome::Neutral => " [Neutral]",
            Outcome::Dissatisfied => " [Dissatisfied]",
            Outcome::Lost => " [Lost]",
        },
    };
    format!("{id}{kind}")
}

/// Renders the scenario in `format`.
pub fn render(s: &Scenario, format: GraphFormat) -> String {
    match format {
        GraphFormat::Dot => dot(s),
        GraphFormat::Mermaid => mermaid(s),
    }
}

fn edge_colour(sum: i32) -> &'static str {
    match sum {
        1.. => "#2e7d32",
        0 => "#616161",
        _ => "#d32f2f",
    }
}

fn dot(s: &Scenario) -> String {
    let esc = |t: &str| t.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = format!(
        "digraph \"{}\" {{\n  rankdir=TB;\n  node [fontname=\"sans-serif\"];\n",
        esc(&s.id)
    );
    for (i, (id, node)) in s.nodes.iter().enumerate() {
        let shape = match node {
            Node::Line { .. } => "shape=box".to_string(),
            Node::Branch { .. } => "shape=diamond".to_string(),
            Node::Random { .. } => "shape=hexagon".to_string(),
            Node::End { outcome, .. } => format!(
                "shape=doubleoctagon, style=filled, fillcolor=\"{}\"",
                outcome_colour(*outcome)
            ),
        };
        let start = if *id == s.start { ", penwidth=3" } else { "" };
        let _ = writeln!(
            out,
            "  n{i} [label=\"{}\", {shape}{start}];",
            esc(&node_label(id, node))
        );
    }
    for e in edges(s) {
        let style = match e.style {
            Style::Plain => "",
            Style::Locked => ", style=dashed",
            Style::Hidden => ", style=dotted",
        };
        let _ = writeln!(
            out,
            "  n{} -> n{} [label=\"{}\", color=\"{}\"{style}];",
            e.from,
            e.to,
            esc(&e.label),
            edge_colour(e.sum)
        );
    }
    out.push_str("}\n");
    out
}

fn mermaid(s: &Scenario) -> String {
    let esc = |t: &str| t.replace('"', "#quot;");
    let mut out = String::from("flowchart TD\n");
    for (i, (id, node)) in s.nodes.iter().enumerate() {
        let label = esc(&node_label(id, node));
        let _ = match node {
            Node::Line { .. } => writeln!(out, "  n{i}[\"{label}\"]"),
            Node::Branch { .. } => writeln!(out, "  n{i}{{\"{label}\"}}"),
            Node::Random { .. } => writeln!(out, "  n{i}{{{{\"{label}\"}}}}"),
            Node::End { .. } => writeln!(out, "  n{i}([\"{label}\"])"),
        };
    }
    for (k, e) in edges(s).iter().enumerate() {
        let arrow = if e.style == Style::Plain {
            "-->"
        } else {
            "-.->"
        };
        let _ = writeln!(
            out,
            "  n{} {arrow}|\"{}\"| n{}",
            e.from,
            esc(&e.label),
            e.to
        );
        if e.sum != 0 {
            let _ = writeln!(out, "  linkStyle {k} stroke:{}", edge_colour(e.sum));
        }
    }
    for o in Outcome::ALL {
        let _ = writeln!(out, "  classDef {o:?} fill:{}", outcome_colour(o));
    }
    for (i, node) in s.nodes.values().enumerate() {
        if let Node::End { outcome, .. } = node {
            let _ = writeln!(out, "  class n{i} {outcome:?}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::parse;

    const S: &str = r#"(id: "g\"x", title: "G", customer: (names: ["A"]), start: "a", nodes: {
        "a": Line(speaker: Customer, text: "", choices: [(text: "hi", needs: {Friendliness: 2, Empathy: -1}, next: "b")]),
        "b": Random(options: [(weight: 2, next: "c")]),
        "c": End(outcome: Lost, text: ""),
    })"#;

    #[test]
    fn dot_colours_endings_and_labels_impact() {
        let d = render(&parse(S), GraphFormat::Dot);
        assert!(d.starts_with("digraph \"g\\\"x\""));
        assert!(d.contains("n0 -> n1 [label=\"1: Fri+2 Emp-1\", color=\"#2e7d32\"]"));
        assert!(d.contains(
            "label=\"c [Lost]\", shape=doubleoctagon, style=filled, fillcolor=\"#d32f2f\""
        ));
        assert!(d.contains("n1 -> n2 [label=\"weight 2\""));
    }

    const GATED: &str = r#"(id: "g", title: "G", customer: (names: ["A"]), start: "a", nodes: {
        "a": Line(speaker: Customer, text: "", choices: [
            (text: "x", requires: Flag("f"), locked: "Not yet.", next: "b"),
            (text: "y", requires: Not(Visited("a")), next: "b"),
            (text: "z", sets: ["f"], next: "b"),
        ]),
        "b": Branch(cases: [(when: All([Flag("f"), MoodAtLeast(60)]), next: "c")], otherwise: "c"),
        "c": End(outcome: Lost, text: ""),
    })"#;

    #[test]
    fn branch_edges_show_their_condition_and_gated_choices_say_locked_or_hidden() {
        let d = render(&parse(GATED), GraphFormat::Dot);
        assert!(
            d.contains(r##"n0 -> n1 [label="1: [locked unless Flag(\"f\")]", color="#616161", style=dashed]"##),
            "{d}"
        );
        assert!(
            d.contains(r##"n0 -> n1 [label="2: [hidden unless Not(Visited(\"a\"))]", color="#616161", style=dotted]"##),
            "{d}"
        );
        assert!(
            d.contains(r##"n0 -> n1 [label="3:", color="#616161"]"##),
            "{d}"
        );
        assert!(
            d.contains(r##"n1 -> n2 [label="when All([Flag(\"f\"), MoodAtLeast(60)])""##),
            "{d}"
        );
        assert!(!d.contains("case 1") && !d.contains("locked?"), "{d}");
        let m = render(&parse(GATED), GraphFormat::Mermaid);
        assert!(
            m.contains("n0 -.->|\"2: [hidden unless Not(Visited(#quot;a#quot;))]\"| n1"),
            "{m}"
        );
        assert!(m.contains("n0 -->|\"3:\"| n1"), "{m}");
    }

    #[test]
    fn mermaid_has_shapes_edges_and_classes() {
        let m = render(&parse(S), GraphFormat::Mermaid);
        assert!(m.starts_with("flowchart TD\n"));
        assert!(m.contains("n0 -->|\"1: Fri+2 Emp-1\"| n1"));
        assert!(m.contains("n2([\"c [Lost]\"])"));
        assert!(m.contains("class n2 Lost"));
        assert!(m.contains("linkStyle 0 stroke:#2e7d32"));
    }
}
