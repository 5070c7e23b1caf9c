//! Pieces several screens share: headers, buttons, keyboard helpers, the
//! needs radar chart and score bars. All drawn with the player's palette.

use crate::records::DataSource;
use crate::theme::{self, Palette};
use bevy_egui::egui::{self, Align2, Color32, FontId, Key, Pos2, RichText, Shape, Stroke, Vec2};
use frontline_core::needs::{Need, NeedMap};

/// The digit keys 1..=9, in order.
pub const NUMBER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Whether `key` was pressed this frame.
pub fn pressed(ui: &egui::Ui, key: Key) -> bool {
    ui.input(|i| i.key_pressed(key))
}

/// The 0-based position of the number key (1..=9) pressed this frame, if any.
pub fn number_pressed(ui: &egui::Ui) -> Option<usize> {
    NUMBER_KEYS.iter().position(|k| pressed(ui, *k))
}

/// A highlighted row index kept in egui memory, moved with Up/Down (or
/// Left/Right) and wrapped to `len`. Returns the current index.
pub fn arrow_selection(ui: &egui::Ui, id: &str, len: usize) -> usize {
    grid_selection(ui, id, len, 1)
}

/// A highlighted cell of a grid laid out `per_row` to a row, kept in egui
/// memory: Left/Right move by one (wrapping), Up/Down by a row. Returns the
/// current index.
pub fn grid_selection(ui: &egui::Ui, id: &str, len: usize, per_row: usize) -> usize {
    let id = egui::Id::new(("selection", id));
    let mut current = ui.data(|d| d.get_temp::<usize>(id)).unwrap_or(0);
    for key in [
        Key::ArrowLeft,
        Key::ArrowRight,
        Key::ArrowUp,
        Key::ArrowDown,
    ] {
        if pressed(ui, key) {
            current = step_selection(current, len, per_row, key);
        }
    }
    current = current.min(len.saturating_sub(1));
    ui.data_mut(|d| d.insert_temp(id, current));
    current
}

/// Whether an arrow key was pressed this frame (the highlight moved).
pub fn arrow_pressed(ui: &egui::Ui) -> bool {
    [
        Key::ArrowLeft,
        Key::ArrowRight,
        Key::ArrowUp,
        Key::ArrowDown,
    ]
    .into_iter()
    .any(|key| ui.input(|i| i.key_pressed(key)))
}

/// Where an arrow key moves the highlight in a grid of `len` cells,
/// `per_row` to a row. A list (`per_row` 1) wraps at both ends; in a wider
/// grid Up/Down keep the column, stopping at the first row and landing on
/// the last cell when the row below is shorter.
pub fn step_selection(current: usize, len: usize, per_row: usize, key: Key) -> usize {
    if len == 0 {
        return 0;
    }
    let per_row = per_row.max(1);
    let current = current.min(len - 1);
    match key {
        Key::ArrowRight => (current + 1) % len,
        Key::ArrowLeft => (current + len - 1) % len,
        _ if per_row == 1 => step_selection(current, len, per_row, horizontal(key)),
        Key::ArrowDown if current / per_row < (len - 1) / per_row => {
            (current + per_row).min(len - 1)
        }
        Key::ArrowUp if current >= per_row => current - per_row,
        _ => current,
    }
}

/// The horizontal key that moves a list the same way as `key`.
fn horizontal(key: Key) -> Key {
    match key {
        Key::ArrowDown => Key::ArrowRight,
        Key::ArrowUp => Key::ArrowLeft,
        other => other,
    }
}

/// A screen title with a "Back" button (Esc also goes back). Returns true
/// when the player wants to go back.
pub fn header(ui: &mut egui::Ui, title: &str, subtitle: &str) -> bool {
    let palette = theme::palette(ui);
    // Esc first closes an open dropdown (egui does that); only then it goes back.
    let mut back = pressed(ui, Key::Escape) && !egui::Popup::is_any_open(ui.ctx());
    ui.horizontal(|ui| {
        back |= ui.button("◀ Back").clicked();
        ui.add_space(12.0);
        ui.heading(RichText::new(title).strong());
    });
    if !subtitle.is_empty() {
        ui.label(RichText::new(subtitle).color(palette.muted));
    }
    ui.separator();
    back
}

/// A screen's heading followed by its buttons on one row, the buttons
/// wrapping to the next row rather than running over the heading when the
/// text is large or the window narrow.
pub fn title_row(ui: &mut egui::Ui, title: &str, buttons: impl FnOnce(&mut egui::Ui)) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(RichText::new(title).strong());
        ui.add_space(16.0);
        buttons(ui);
    });
}

/// A large button on the accent colour.
pub fn primary_button(ui: &mut egui::Ui, label: &str, enabled: bool) -> egui::Response {
    let palette = theme::palette(ui);
    let text = RichText::new(label).strong().color(if enabled {
        palette.on_accent
    } else {
        palette.muted
    });
    let button = egui::Button::new(text)
        .fill(if enabled {
            palette.accent
        } else {
            palette.raised
        })
        .min_size(Vec2::new(160.0, 40.0));
    ui.add_enabled(enabled, button)
}

/// A small rounded tag.
pub fn chip(ui: &mut egui::Ui, text: &str, colour: Color32) {
    egui::Frame::new()
        .fill(colour.gamma_multiply(0.22))
        .stroke(Stroke::new(1.0, colour.gamma_multiply(0.7)))
        .corner_radius(egui::CornerRadius::same(9))
        .inner_margin(egui::Margin::symmetric(8, 2))
        .show(ui, |ui| {
            // Chips never wrap inside: a tag is one word-like unit.
            ui.add(
                egui::Label::new(
                    RichText::new(text)
                        .size(theme::sized(ui, theme::SMALL_SIZE))
                        .color(colour),
                )
                .extend(),
            );
        });
}

/// A caption in the muted colour.
/// The line saying where a shared screen's data comes from: the team
/// server, or this computer's results when the server is unreachable (in the
/// warning colour). Nothing without a server.
pub fn source_mark(ui: &mut egui::Ui, source: DataSource) {
    let Some(text) = source.mark() else { return };
    let palette = theme::palette(ui);
    let colour = match source {
        DataSource::Offline => palette.warn,
        _ => palette.muted,
    };
    ui.label(RichText::new(text).size(theme::SMALL_SIZE).color(colour));
}

/// A small muted line of text.
pub fn hint(ui: &mut egui::Ui, text: &str) {
    let palette = theme::palette(ui);
    ui.label(
        RichText::new(text)
            .size(theme::sized(ui, theme::SMALL_SIZE))
            .color(palette.muted),
    );
}

/// One polygon of a radar chart: a value 0..=1 per need (`None` = not assessed).
pub struct RadarSeries<'a> {
    /// Legend text.
    pub label: &'a str,
    /// Values per need, 0..=1.
    pub values: &'a NeedMap<Option<f32>>,
    /// Outline and (faded) fill colour.
    pub colour: Color32,
    /// Draw a dashed-looking thin outline instead of a filled shape.
    pub outline_only: bool,
}

/// A hexagon chart of the six needs, one polygon per series, painted with
/// egui's painter, at most `size` high and never wider than the space left.
/// Needs not assessed sit at the centre.
pub fn radar(ui: &mut egui::Ui, size: f32, series: &[RadarSeries<'_>]) {
    let palette = theme::palette(ui);
    // Never wider than the space given (it would run under what stands beside it).
    let size = size.min(ui.available_width() / 1.6).max(60.0);
    // Wider than tall: the side labels ("Information", "Empathy") sit beside the hexagon.
    let (rect, chart) = ui.allocate_exact_size(Vec2::new(size * 1.6, size), egui::Sense::hover());
    chart.widget_info(|| {
        egui::WidgetInfo::labeled(egui::WidgetType::Image, true, radar_description(series))
    });
    let painter = ui.painter_at(rect.expand(4.0));
    let centre = rect.center();
    let radius = size * 0.34;
    let corner = |i: usize, r: f32| -> Pos2 {
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / 6.0;
        centre + Vec2::angled(angle) * r
    };
    for ring in 1..=4 {
        let r = radius * ring as f32 / 4.0;
        let points: Vec<Pos2> = (0..6).map(|i| corner(i, r)).collect();
        painter.add(Shape::closed_line(points, Stroke::new(1.0, palette.raised)));
    }
    for need in Need::ALL {
        let i = need.index();
        painter.line_segment(
            [centre, corner(i, radius)],
            Stroke::new(1.0, palette.raised),
        );
        let anchor = match i {
            0 => Align2::CENTER_BOTTOM,
            3 => Align2::CENTER_TOP,
            1 | 2 => Align2::LEFT_CENTER,
            _ => Align2::RIGHT_CENTER,
        };
        painter.text(
            corner(i, radius + 10.0),
            anchor,
            short_label(need),
            FontId::proportional(theme::sized(ui, theme::SMALL_SIZE)),
            palette.need(need),
        );
    }
    for s in series {
        let points: Vec<Pos2> = Need::ALL
            .iter()
            .map(|n| {
                corner(
                    n.index(),
                    radius * s.values[*n].unwrap_or(0.0).clamp(0.0, 1.0),
                )
            })
            .collect();
        let fill = if s.outline_only {
            Color32::TRANSPARENT
        } else {
            s.colour.gamma_multiply(0.25)
        };
        let width = if s.outline_only { 1.5 } else { 2.5 };
        // A fan of triangles from the centre fills the (possibly concave) shape.
        let mut mesh = egui::Mesh::default();
        mesh.colored_vertex(centre, fill);
        for (i, p) in points.iter().enumerate() {
            mesh.colored_vertex(*p, fill);
            let next = (i + 1) % points.len();
            mesh.add_triangle(0, i as u32 + 1, next as u32 + 1);
        }
        painter.add(Shape::mesh(mesh));
        painter.add(Shape::closed_line(points, Stroke::new(width, s.colour)));
    }
    ui.horizontal(|ui| {
        for s in series {
            ui.label(RichText::new("■").color(s.colour));
            ui.label(RichText::new(s.label).size(theme::sized(ui, theme::SMALL_SIZE)));
        }
    });
}

/// The chart in words, for screen readers: "Needs chart. You: Friendliness
/// 80, … Best path: …" (needs not assessed are left out).
pub fn radar_description(series: &[RadarSeries<'_>]) -> String {
    let mut text = String::from("Needs chart.");
    for s in series {
        let values: Vec<String> = Need::ALL
            .iter()
            .filter_map(|n| s.values[*n].map(|v| format!("{} {:.0}", short_label(*n), v * 100.0)))
            .collect();
        let values = if values.is_empty() {
            "no scores yet".to_string()
        } else {
            values.join(", ")
        };
        text.push_str(&format!(" {}: {values}.", s.label));
    }
    text
}

/// A short name for chart axes.
pub fn short_label(need: Need) -> &'static str {
    match need {
        Need::Empathy => "Empathy",
        Need::Options => "Options",
        other => other.key(),
    }
}

/// Width of the need names beside score bars: the longest name fits, so
/// every bar starts at the same place.
const SCORE_LABEL_WIDTH: f32 = 220.0;

/// A need's name, its 0..=100 score as a bar, and the number.
pub fn score_bar(ui: &mut egui::Ui, palette: &Palette, need: Need, score: Option<u8>) {
    ui.horizontal(|ui| {
        ui.add_sized(
            [SCORE_LABEL_WIDTH, 20.0],
            egui::Label::new(RichText::new(need.label()).color(palette.need(need))),
        );
        match score {
            Some(s) => {
                // The number stands beside the bar in the text colour: on a
                // light fill (yellow, in the colour-blind palette) it would be
                // unreadable inside it.
                let bar = egui::ProgressBar::new(f32::from(s) / 100.0)
                    .fill(palette.score(s))
                    .desired_width(200.0);
                // What a screen reader says for the bar.
                ui.add(bar).widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::WidgetType::ProgressIndicator,
                        true,
                        score_text(need, s),
                    )
                });
                ui.label(RichText::new(format!("{s}")).strong().color(palette.text));
            }
            None => hint(ui, "not assessed here"),
        }
    });
}

/// A need's score as a sentence ("Fairness: 60 out of 100"), for screen readers.
pub fn score_text(need: Need, score: u8) -> String {
    format!("{}: {score} out of 100", need.label())
}

/// `text` in curly quotes, without doubling quotes the text already has
/// (a trainer may write a closing line that is itself a quotation).
pub fn quoted(text: &str) -> String {
    const QUOTES: &[char] = &['"', '“', '”', '\'', '‘', '’'];
    let inner = text.trim().trim_matches(QUOTES).trim();
    format!("“{inner}”")
}

/// `text` as written, with straight double quotes turned into opening and
/// closing curly ones in turn: for narration that may contain speech (an
/// ending such as `Kwame says, "Thanks," and leaves.`), which must not be
/// wrapped in quotes as a whole.
pub fn typographic(text: &str) -> String {
    let mut open = true;
    text.trim()
        .chars()
        .map(|c| match c {
            '"' => {
                let q = if open { '“' } else { '”' };
                open = !open;
                q
            }
            c => c,
        })
        .collect()
}

/// How far the page should scroll for the keys pressed this frame (points,
/// positive moves the content down, i.e. scrolls up): arrows a line, Page Up/Down most of
/// a screen, Home/End all the way. Used inside a `ScrollArea` with
/// `ui.scroll_with_delta`.
pub fn scroll_keys(ui: &egui::Ui) -> f32 {
    let page = ui.available_height().max(100.0) * 0.85;
    ui.input(|i| {
        let mut delta = 0.0;
        for (key, amount) in [
            (egui::Key::ArrowDown, -40.0),
            (egui::Key::ArrowUp, 40.0),
            (egui::Key::PageDown, -page),
            (egui::Key::PageUp, page),
            (egui::Key::End, -1.0e6),
            (egui::Key::Home, 1.0e6),
        ] {
            if i.key_pressed(key) {
                delta += amount;
            }
        }
        delta
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_wrap_and_grids_move_by_rows() {
        use Key::{ArrowDown as Down, ArrowLeft as Left, ArrowRight as Right, ArrowUp as Up};
        // A list of 3: both axes move by one and wrap.
        assert_eq!(step_selection(2, 3, 1, Down), 0);
        assert_eq!(step_selection(0, 3, 1, Up), 2);
        // 7 cards, 3 to a row: rows [0 1 2] [3 4 5] [6].
        assert_eq!(step_selection(1, 7, 3, Down), 4);
        assert_eq!(
            step_selection(4, 7, 3, Down),
            6,
            "shorter last row: last card"
        );
        assert_eq!(step_selection(6, 7, 3, Down), 6, "no row below");
        assert_eq!(step_selection(4, 7, 3, Up), 1);
        assert_eq!(step_selection(1, 7, 3, Up), 1, "no row above");
        assert_eq!(step_selection(2, 7, 3, Right), 3);
        assert_eq!(step_selection(0, 7, 3, Left), 6);
        assert_eq!(step_selection(0, 0, 3, Down), 0);
    }
}
