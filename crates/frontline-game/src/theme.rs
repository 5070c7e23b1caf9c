//! The look of the game: a calm palette (plus a colour-blind-safe variant),
//! text sizes and the egui style built from them.
//!
//! Screens never hard-code colours: they ask [`palette`] for the palette the
//! player chose, which [`apply`] stores in the egui context.

use bevy_egui::egui::{
    self, Color32, CornerRadius, FontFamily, FontId, Id, Margin, Stroke, TextStyle,
};
use frontline_core::needs::Need;

/// Every colour a screen uses, by purpose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Window background behind every panel.
    pub background: Color32,
    /// Cards and panels.
    pub surface: Color32,
    /// Raised elements on a surface (buttons, rows).
    pub raised: Color32,
    /// Body text.
    pub text: Color32,
    /// Secondary text (captions, hints).
    pub muted: Color32,
    /// Primary actions and highlights.
    pub accent: Color32,
    /// Text on an accent fill.
    pub on_accent: Color32,
    /// Good results (passed, positive impact).
    pub good: Color32,
    /// Middling results and warnings.
    pub warn: Color32,
    /// Bad results (failed, negative impact, errors).
    pub bad: Color32,
    /// One colour per need, in [`Need::ALL`] order.
    pub needs: [Color32; 6],
}

impl Palette {
    /// The default palette: deep slate with a teal accent.
    pub const CALM: Palette = Palette {
        background: Color32::from_rgb(0x16, 0x1d, 0x26),
        surface: Color32::from_rgb(0x1f, 0x29, 0x35),
        raised: Color32::from_rgb(0x2a, 0x37, 0x46),
        text: Color32::from_rgb(0xe8, 0xed, 0xf2),
        muted: Color32::from_rgb(0x9a, 0xa8, 0xb8),
        accent: Color32::from_rgb(0x3f, 0xb8, 0xaf),
        on_accent: Color32::from_rgb(0x0d, 0x1b, 0x1e),
        good: Color32::from_rgb(0x6c, 0xc5, 0x7c),
        warn: Color32::from_rgb(0xe8, 0xb9, 0x4a),
        bad: Color32::from_rgb(0xe5, 0x6b, 0x6f),
        needs: [
            Color32::from_rgb(0xf2, 0xa6, 0x5a),
            Color32::from_rgb(0xd9, 0x7b, 0xc4),
            Color32::from_rgb(0x7a, 0xa6, 0xf0),
            Color32::from_rgb(0x6c, 0xc5, 0x7c),
            Color32::from_rgb(0xe8, 0xd4, 0x4a),
            Color32::from_rgb(0x5c, 0xd0, 0xd9),
        ],
    };

    /// The colour-blind-safe palette (Okabe-Ito hues: distinguishable with
    /// protanopia, deuteranopia and tritanopia; good/bad are blue/orange).
    pub const COLOUR_BLIND_SAFE: Palette = Palette {
        background: Color32::from_rgb(0x15, 0x1a, 0x22),
        surface: Color32::from_rgb(0x20, 0x27, 0x32),
        raised: Color32::from_rgb(0x2d, 0x36, 0x44),
        text: Color32::from_rgb(0xf0, 0xf0, 0xf0),
        muted: Color32::from_rgb(0xa8, 0xad, 0xb5),
        accent: Color32::from_rgb(0x56, 0xb4, 0xe9),
        on_accent: Color32::from_rgb(0x0a, 0x16, 0x20),
        good: Color32::from_rgb(0x00, 0x9e, 0x73),
        warn: Color32::from_rgb(0xf0, 0xe4, 0x42),
        bad: Color32::from_rgb(0xe6, 0x9f, 0x00),
        needs: [
            Color32::from_rgb(0xe6, 0x9f, 0x00),
            Color32::from_rgb(0xcc, 0x79, 0xa7),
            Color32::from_rgb(0x56, 0xb4, 0xe9),
            Color32::from_rgb(0x00, 0x9e, 0x73),
            Color32::from_rgb(0xf0, 0xe4, 0x42),
            Color32::from_rgb(0xd5, 0x5e, 0x00),
        ],
    };

    /// The palette for the colour-blind setting.
    pub fn for_setting(colour_blind_safe: bool) -> Palette {
        if colour_blind_safe {
            Palette::COLOUR_BLIND_SAFE
        } else {
            Palette::CALM
        }
    }

    /// The colour of one need.
    pub fn need(&self, need: Need) -> Color32 {
        self.needs[need.index()]
    }

    /// Colour for a 0..=100 score: bad below 50, warn below 70, else good.
    pub fn score(&self, score: u8) -> Color32 {
        match score {
            0..50 => self.bad,
            50..70 => self.warn,
            _ => self.good,
        }
    }
}

fn palette_id() -> Id {
    Id::new("frontline-palette")
}

/// The palette the player chose (the calm one until [`apply`] ran).
pub fn palette(ui: &egui::Ui) -> Palette {
    palette_of(ui.ctx())
}

/// The palette stored in an egui context (the calm one until [`apply`] ran).
pub fn palette_of(ctx: &egui::Context) -> Palette {
    ctx.data(|d| d.get_temp::<PaletteSlot>(palette_id()))
        .map_or(Palette::CALM, |slot| slot.0)
}

#[derive(Clone, Copy)]
struct PaletteSlot(Palette);

/// Text size of headings on every screen.
pub const HEADING_SIZE: f32 = 28.0;
/// Text size of body text and buttons.
pub const BODY_SIZE: f32 = 17.0;
/// Text size of captions and hints.
pub const SMALL_SIZE: f32 = 14.0;

/// Styles the egui context with `palette` and zooms it by `ui_scale`.
pub fn apply(ctx: &egui::Context, palette: Palette, ui_scale: f32) {
    ctx.data_mut(|d| d.insert_temp(palette_id(), PaletteSlot(palette)));
    ctx.set_zoom_factor(ui_scale.clamp(0.5, 3.0));
    let mut style = (*ctx.global_style()).clone();
    style.text_styles = [
        (
            TextStyle::Heading,
            FontId::new(HEADING_SIZE, FontFamily::Proportional),
        ),
        (
            TextStyle::Body,
            FontId::new(BODY_SIZE, FontFamily::Proportional),
        ),
        (
            TextStyle::Button,
            FontId::new(BODY_SIZE, FontFamily::Proportional),
        ),
        (
            TextStyle::Small,
            FontId::new(SMALL_SIZE, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(SMALL_SIZE, FontFamily::Monospace),
        ),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(10.0, 8.0);
    style.spacing.button_padding = egui::vec2(14.0, 8.0);
    style.spacing.interact_size.y = 30.0;
    let v = &mut style.visuals;
    *v = egui::Visuals::dark();
    v.override_text_color = Some(palette.text);
    v.panel_fill = palette.background;
    v.window_fill = palette.surface;
    v.window_stroke = Stroke::new(1.0, palette.raised);
    v.window_corner_radius = CornerRadius::same(10);
    v.extreme_bg_color = palette.background;
    v.faint_bg_color = palette.surface;
    v.hyperlink_color = palette.accent;
    v.warn_fg_color = palette.warn;
    v.error_fg_color = palette.bad;
    v.selection.bg_fill = palette.accent.gamma_multiply(0.45);
    v.selection.stroke = Stroke::new(1.0, palette.accent);
    let radius = CornerRadius::same(6);
    for (w, fill) in [
        (&mut v.widgets.noninteractive, palette.surface),
        (&mut v.widgets.inactive, palette.raised),
        (&mut v.widgets.hovered, palette.raised.gamma_multiply(1.4)),
        (&mut v.widgets.active, palette.accent.gamma_multiply(0.7)),
        (&mut v.widgets.open, palette.raised),
    ] {
        w.bg_fill = fill;
        w.weak_bg_fill = fill;
        w.corner_radius = radius;
    }
    v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, palette.raised);
    v.widgets.hovered.bg_stroke = Stroke::new(1.5, palette.accent);
    v.widgets.inactive.fg_stroke = Stroke::new(1.0, palette.text);
    ctx.all_styles_mut(|s| *s = style.clone());
}

/// A card frame on the surface colour.
pub fn card(palette: &Palette) -> egui::Frame {
    egui::Frame::new()
        .fill(palette.surface)
        .stroke(Stroke::new(1.0, palette.raised))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(16))
}

/// The frame of full-screen panels.
pub fn screen(palette: &Palette) -> egui::Frame {
    egui::Frame::new()
        .fill(palette.background)
        .inner_margin(Margin::symmetric(32, 24))
}
