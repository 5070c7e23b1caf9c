//! Charts drawn on the server as inline SVG: a radar of the six needs and a
//! line chart over time. Each has a `<title>` and `<desc>` for screen
//! readers and is followed by a table holding the same numbers.

use frontline_core::needs::{Need, NeedMap};
use maud::{Markup, html};
use std::fmt::Write;

/// Series colours: each at least 4.5:1 against white, told apart by dash pattern too.
pub const COLOURS: [&str; 6] = [
    "#0b4f9c", "#b3261e", "#1b5e20", "#6a1b9a", "#8a4b00", "#37474f",
];

/// Legend entries per row under a line chart.
const PER_ROW: usize = 3;

const DASHES: [&str; 6] = ["", "6 4", "2 3", "10 3 2 3", "1 5", "8 2"];

/// One named series of a chart.
pub struct Series<'a, T> {
    /// Its name in the legend and table.
    pub label: &'a str,
    /// Its values.
    pub values: T,
}

fn id_of(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The six needs on six axes (0 at the centre, 100 at the rim), one polygon
/// per series; unassessed needs sit at the centre and read "–" in the table.
pub fn radar(title: &str, desc: &str, series: &[Series<'_, NeedMap<Option<f64>>>]) -> Markup {
    let (cx, cy, r) = (280.0, 170.0, 120.0);
    let point = |i: usize, v: f64| {
        let angle = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / 6.0;
        (
            cx + r * v / 100.0 * angle.cos(),
            cy + r * v / 100.0 * angle.sin(),
        )
    };
    let id = id_of(title);
    let polygon = |values: &NeedMap<Option<f64>>| {
        let mut d = String::new();
        for (i, need) in Need::ALL.into_iter().enumerate() {
            let (x, y) = point(i, values[need].unwrap_or(0.0).clamp(0.0, 100.0));
            let _ = write!(d, "{x:.1},{y:.1} ");
        }
        d
    };
    html! {
        div.charts {
        figure {
            svg width="580" height="350" viewBox="0 0 580 350" role="img"
                aria-labelledby={ (id) "-t " (id) "-d" } {
                title id={ (id) "-t" } { (title) }
                desc id={ (id) "-d" } { (desc) }
                @for ring in [25.0, 50.0, 75.0, 100.0] {
                    polygon points=(ring_points(&point, ring)) fill="none" stroke="#8a8a8a" stroke-width="1" {}
                }
                @for (i, need) in Need::ALL.into_iter().enumerate() {
                    @let (x, y) = point(i, 100.0);
                    @let (lx, ly) = point(i, 118.0);
                    line x1=(cx) y1=(cy) x2=(format!("{x:.1}")) y2=(format!("{y:.1}")) stroke="#8a8a8a" {}
                    text x=(format!("{lx:.1}")) y=(format!("{ly:.1}")) font-size="12" fill="#1a1a1a"
                        text-anchor=(anchor(lx, cx)) { (need.label()) }
                }
                @for (k, s) in series.iter().enumerate() {
                    polygon points=(polygon(&s.values)) fill=(COLOURS[k % 6]) fill-opacity="0.12"
                        stroke=(COLOURS[k % 6]) stroke-width="2.5" stroke-dasharray=(DASHES[k % 6]) {}
                }
                (legend(series.iter().map(|s| s.label), 0, 10.0, 335.0, 190.0))
            }
            figcaption.muted { "Each axis runs from 0 (centre) to 100 (rim); rings mark 25, 50, 75." }
        }
        table {
            caption { (title) ": data" }
            thead { tr { th scope="col" { "Need" } @for s in series { th scope="col" { (s.label) } } } }
            tbody {
                @for need in Need::ALL {
                    tr {
                        th scope="row" { (need.label()) }
                        @for s in series { td.num { (super::layout::one_decimal(s.values[need])) } }
                    }
                }
            }
        }
    }
    }
}

fn ring_points(point: &impl Fn(usize, f64) -> (f64, f64), ring: f64) -> String {
    (0..6).fold(String::new(), |mut d, i| {
        let (x, y) = point(i, ring);
        let _ = write!(d, "{x:.1},{y:.1} ");
        d
    })
}

fn anchor(x: f64, cx: f64) -> &'static str {
    if (x - cx).abs() < 5.0 {
        "middle"
    } else if x > cx {
        "start"
    } else {
        "end"
    }
}

/// Legend entries for series `first..` in one row, `step` apart.
fn legend<'a>(
    labels: impl Iterator<Item = &'a str>,
    first: usize,
    x0: f64,
    y: f64,
    step: f64,
) -> Markup {
    html! {
        @for (i, label) in labels.enumerate() {
            @let k = first + i;
            @let x = x0 + i as f64 * step;
            line x1=(x) y1=(y - 4.0) x2=(x + 24.0) y2=(y - 4.0) stroke=(COLOURS[k % 6])
                stroke-width="3" stroke-dasharray=(DASHES[k % 6]) {}
            text x=(x + 30.0) y=(y) font-size="12" fill="#1a1a1a" { (label) }
        }
    }
}

/// Values 0..=100 over `x_labels` (oldest first), one line per series; a
/// missing value breaks nothing (the line joins the points it has). The
/// table also shows `extra` columns (e.g. counts), one cell per label.
pub fn line_chart(
    title: &str,
    desc: &str,
    x_labels: &[String],
    series: &[Series<'_, Vec<Option<f64>>>],
    extra: &[Series<'_, Vec<String>>],
) -> Markup {
    let (left, top, width, height) = (40.0, 10.0, 520.0, 200.0);
    let n = x_labels.len().max(1);
    let x_at = |i: usize| {
        left + if n == 1 {
            width / 2.0
        } else {
            i as f64 * width / (n - 1) as f64
        }
    };
    let y_at = |v: f64| top + height - v.clamp(0.0, 100.0) * height / 100.0;
    let id = id_of(title);
    let rows = series.len().div_ceil(PER_ROW) as f64;
    let legend_y = top + height + 40.0;
    let total_height = legend_y + rows * 18.0;
    html! {
        figure {
            svg width="600" height=(total_height) viewBox={ "0 0 600 " (total_height) } role="img"
                aria-labelledby={ (id) "-t " (id) "-d" } {
                title id={ (id) "-t" } { (title) }
                desc id={ (id) "-d" } { (desc) }
                @for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
                    line x1=(left) x2=(left + width) y1=(y_at(v)) y2=(y_at(v)) stroke="#c8c8c8" {}
                    text x=(left - 6.0) y=(y_at(v) + 4.0) font-size="11" text-anchor="end" fill="#1a1a1a" { (v) }
                }
                @if let (Some(first), Some(last)) = (x_labels.first(), x_labels.last()) {
                    text x=(left) y=(top + height + 16.0) font-size="11" fill="#1a1a1a" { (first) }
                    text x=(left + width) y=(top + height + 16.0) font-size="11" text-anchor="end" fill="#1a1a1a" { (last) }
                }
                @for (k, s) in series.iter().enumerate() {
                    polyline fill="none" stroke=(COLOURS[k % 6]) stroke-width="2.5" stroke-dasharray=(DASHES[k % 6])
                        points=(line_points(&s.values, &x_at, &y_at)) {}
                    @for (i, v) in s.values.iter().enumerate() {
                        @if let Some(v) = v {
                            circle cx=(format!("{:.1}", x_at(i))) cy=(format!("{:.1}", y_at(*v))) r="3" fill=(COLOURS[k % 6]) {}
                        }
                    }
                }
                @for (row, chunk) in series.chunks(PER_ROW).enumerate() {
                    (legend(chunk.iter().map(|s| s.label), row * PER_ROW, left, legend_y + row as f64 * 18.0, 200.0))
                }
            }
        }
        table {
            caption { (title) ": data" }
            thead {
                tr {
                    th scope="col" { "When" }
                    @for s in series { th scope="col" { (s.label) } }
                    @for e in extra { th scope="col" { (e.label) } }
                }
            }
            tbody {
                @for (i, label) in x_labels.iter().enumerate() {
                    tr {
                        th scope="row" { (label) }
                        @for s in series {
                            td.num { (super::layout::one_decimal(s.values.get(i).copied().flatten())) }
                        }
                        @for e in extra {
                            td.num { (e.values.get(i).map_or("", String::as_str)) }
                        }
                    }
                }
            }
        }
    }
}

fn line_points(
    values: &[Option<f64>],
    x_at: &impl Fn(usize) -> f64,
    y_at: &impl Fn(f64) -> f64,
) -> String {
    values
        .iter()
        .enumerate()
        .fold(String::new(), |mut d, (i, v)| {
            if let Some(v) = v {
                let _ = write!(d, "{:.1},{:.1} ", x_at(i), y_at(*v));
            }
            d
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_radar_has_a_title_a_description_and_a_data_table() {
        let mut values = NeedMap::default();
        values[Need::Empathy] = Some(42.5);
        let html = radar(
            "Needs",
            "Team against company",
            &[Series {
                label: "North",
                values,
            }],
        )
        .into_string();
        assert!(html.contains("<title id=\"needs-t\">Needs</title>"));
        assert!(html.contains("<desc id=\"needs-d\">Team against company</desc>"));
        assert!(html.contains(
            "<th scope=\"row\">Understanding &amp; empathy</th><td class=\"num\">42.5</td>"
        ));
        assert!(
            html.contains("<td class=\"num\">–</td>"),
            "unassessed needs read as a dash"
        );
    }

    #[test]
    fn a_line_chart_lists_every_point_in_its_table() {
        let labels = vec!["2026-11-02".to_string(), "2026-11-09".to_string()];
        let html = line_chart(
            "Pass rate",
            "Weekly",
            &labels,
            &[Series {
                label: "Pass rate",
                values: vec![Some(50.0), None],
            }],
            &[Series {
                label: "Plays",
                values: vec!["4".into(), "0".into()],
            }],
        )
        .into_string();
        assert!(html.contains(
            "<th scope=\"row\">2026-11-02</th><td class=\"num\">50.0</td><td class=\"num\">4</td>"
        ));
        assert!(html.contains(
            "<th scope=\"row\">2026-11-09</th><td class=\"num\">–</td><td class=\"num\">0</td>"
        ));
        assert_eq!(html.matches("<circle").count(), 1);
    }
}
