//! The look of the game: a calm palette (plus a colour-blind-safe variant),
//! text sizes and the egui style built from them.
//!
//! Screens never hard-code colours: they ask [`palette`] for the palette the
//! player chose, which [`apply`] stores in the egui context.

use crate::settings::Settings;
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
        bad: Color32::from_rgb(0xf0, 0x8a, 0x8d),
        needs: [
            Color32::from_rgb(0xf2, 0xa6, 0x5a),
            Color32::from_rgb(0xe4, 0x8f, 0xd0),
            Color32::from_rgb(0x7a, 0xa6, 0xf0),
            Color32::from_rgb(0x6c, 0xc5, 0x7c),
            Color32::from_rgb(0xe8, 0xd4, 0x4a),
            Color32::from_rgb(0x5c, 0xd0, 0xd9),
        ],
    };

    /// The colour-blind-safe palette (Okabe-Ito hues, lightened where needed
    /// for WCAG AA contrast on dark surfaces: distinguishable with protanopia,
    /// deuteranopia and tritanopia; good/bad are green-blue/orange).
    pub const COLOUR_BLIND_SAFE: Palette = Palette {
        background: Color32::from_rgb(0x15, 0x1a, 0x22),
        surface: Color32::from_rgb(0x20, 0x27, 0x32),
        raised: Color32::from_rgb(0x2d, 0x36, 0x44),
        text: Color32::from_rgb(0xf0, 0xf0, 0xf0),
        muted: Color32::from_rgb(0xa8, 0xad, 0xb5),
        accent: Color32::from_rgb(0x56, 0xb4, 0xe9),
        on_accent: Color32::from_rgb(0x0a, 0x16, 0x20),
        good: Color32::from_rgb(0x1f, 0xbf, 0x8f),
        warn: Color32::from_rgb(0xf0, 0xe4, 0x42),
        bad: Color32::from_rgb(0xe6, 0x9f, 0x00),
        needs: [
            Color32::from_rgb(0xe6, 0x9f, 0x00),
            Color32::from_rgb(0xe8, 0x96, 0xd4),
            Color32::from_rgb(0x56, 0xb4, 0xe9),
            Color32::from_rgb(0x1f, 0xbf, 0x8f),
            Color32::from_rgb(0xf0, 0xe4, 0x42),
            Color32::from_rgb(0xf5, 0x92, 0x4f),
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

fn look_id() -> Id {
    Id::new("frontline-look")
}

/// How the interface looks, from the player's settings: what [`apply`]
/// stores in the egui context for the screens to read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    /// The colours.
    pub palette: Palette,
    /// Zoom of the whole interface.
    pub ui_scale: f32,
    /// What every text size is multiplied by.
    pub text_scale: f32,
    /// No animation (collapsing sections, scrolling and fades happen at once).
    pub reduced_motion: bool,
}

impl Look {
    /// The look the settings ask for.
    pub fn of(settings: &Settings) -> Look {
        Look {
            palette: Palette::for_setting(settings.colour_blind_safe),
            ui_scale: settings.ui_scale,
            text_scale: settings.text_size.factor(),
            reduced_motion: settings.reduced_motion,
        }
    }
}

impl Default for Look {
    fn default() -> Self {
        Look::of(&Settings::default())
    }
}

/// The palette the player chose (the calm one until [`apply`] ran).
pub fn palette(ui: &egui::Ui) -> Palette {
    palette_of(ui.ctx())
}

/// The look stored in an egui context (the default one until [`apply`] ran).
pub fn look_of(ctx: &egui::Context) -> Look {
    ctx.data(|d| d.get_temp::<Look>(look_id()))
        .unwrap_or_default()
}

/// The palette stored in an egui context (the calm one until [`apply`] ran).
pub fn palette_of(ctx: &egui::Context) -> Palette {
    look_of(ctx).palette
}

/// `base` points of text at the player's text size.
pub fn sized(ui: &egui::Ui, base: f32) -> f32 {
    base * look_of(ui.ctx()).text_scale
}

/// Text size of headings on every screen.
pub const HEADING_SIZE: f32 = 28.0;
/// Text size of body text and buttons.
pub const BODY_SIZE: f32 = 17.0;
/// Text size of captions and hints.
pub const SMALL_SIZE: f32 = 14.0;

/// Styles the egui context with the look's palette and text size, zooms it
/// by its interface size and turns animation off for reduced motion.
pub fn apply(ctx: &egui::Context, look: &Look) {
    ctx.data_mut(|d| d.insert_temp(look_id(), *look));
    ctx.set_zoom_factor(look.ui_scale.clamp(0.5, 3.0));
    let palette = look.palette;
    let font = |size: f32, family| FontId::new(size * look.text_scale, family);
    let mut style = (*ctx.global_style()).clone();
    style.text_styles = [
        (
            TextStyle::Heading,
            font(HEADING_SIZE, FontFamily::Proportional),
        ),
        (TextStyle::Body, font(BODY_SIZE, FontFamily::Proportional)),
        (TextStyle::Button, font(BODY_SIZE, FontFamily::Proportional)),
        (TextStyle::Small, font(SMALL_SIZE, FontFamily::Proportional)),
        (
            TextStyle::Monospace,
            font(SMALL_SIZE, FontFamily::Monospace),
        ),
    ]
    .into();
    let motion = egui::Style::default();
    (style.animation_time, style.scroll_animation) = if look.reduced_motion {
        (0.0, egui::style::ScrollAnimation::none())
    } else {
        (motion.animation_time, motion.scroll_animation)
    };
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
    // A steady text cursor: a blinking one asks for a frame twice a second
    // forever, which keeps a reactive window (and a core) busy on the title.
    v.text_cursor.blink = false;
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

/// WCAG 2.1 contrast ratio of two colours (1.0 ..= 21.0).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod contrast_tests {
    use super::*;

    /// Every colour used for text, on every surface it is drawn on, in both
    /// palettes, meets WCAG AA for normal text (4.5:1).
    #[test]
    fn every_text_colour_meets_wcag_aa_on_every_surface_in_both_palettes() {
        for (name, p) in [
            ("calm", Palette::CALM),
            ("colour-blind", Palette::COLOUR_BLIND_SAFE),
        ] {
            let mut texts = vec![
                ("text", p.text),
                ("muted", p.muted),
                ("accent", p.accent),
                ("good", p.good),
                ("warn", p.warn),
                ("bad", p.bad),
            ];
            texts.extend(Need::ALL.into_iter().map(|n| (n.label(), p.need(n))));
            let mut failures = Vec::new();
            for (fg_name, fg) in &texts {
                for (bg_name, bg) in [
                    ("background", p.background),
                    ("surface", p.surface),
                    ("raised", p.raised),
                ] {
                    let ratio = contrast_ratio(*fg, bg);
                    if ratio < 4.5 {
                        failures.push(format!("{name}: {fg_name} on {bg_name} is {ratio:.2}:1"));
                    }
                }
            }
            let on_accent = contrast_ratio(p.on_accent, p.accent);
            if on_accent < 4.5 {
                failures.push(format!("{name}: on_accent on accent is {on_accent:.2}:1"));
            }
            assert!(failures.is_empty(), "{failures:#?}");
        }
    }

    #[test]
    fn contrast_ratio_matches_the_wcag_reference_values() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #777777 on white is the classic 4.48:1 near-miss.
        let grey = Color32::from_rgb(0x77, 0x77, 0x77);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.48).abs() < 0.01);
    }
}
