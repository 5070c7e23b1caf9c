// The progress chart's x axis and the team screen's layout.

use super::screens::stateful;
use bevy_egui::egui::Rect;
use egui_kittest::kittest::Queryable;
use frontline_core::needs::{Need, NeedMap};
use frontline_game::records::DataSource;
use frontline_game::screens::{progress, team};

/// Three encounters on the same day get three different axis labels, and
/// the legend says which scenario each one was.
#[test]
fn the_progress_axis_tells_encounters_apart() {
    let titles = ["Out of Stock", "The Urgent Withdrawal", "Out of Stock"];
    let mut series: NeedMap<Vec<(usize, u8)>> = NeedMap::default();
    series[Need::Control] = vec![(1, 40), (2, 75), (3, 60)];
    let view = progress::View {
        player: "Ana".into(),
        plays: 3,
        encounters: titles
            .iter()
            .map(|t| progress::Played {
                date: "12-02".into(),
                scenario: (*t).into(),
            })
            .collect(),
        series,
        not_played: vec![],
        source: DataSource::Local,
    };
    let h = stateful(view, progress::draw, [800.0, 600.0]);
    let mut h = h;
    h.run();
    h.run();
    let axis: Vec<Rect> = (1..=3)
        .map(|n| h.get_by_label(&progress::Played::axis_label(n)).rect())
        .collect();
    for pair in axis.windows(2) {
        assert!(pair[0].max.x <= pair[1].min.x, "labels overlap: {axis:?}");
    }
    for (n, title) in titles.iter().enumerate() {
        h.get_by_label(&format!("#{} · 12-02 · {title}", n + 1));
    }
}

/// A long history thins the axis out instead of crowding it.
#[test]
fn a_long_history_keeps_axis_labels_apart() {
    let plays = 60;
    let view = progress::View {
        player: "Ana".into(),
        plays,
        encounters: (0..plays)
            .map(|_| progress::Played {
                date: "12-02".into(),
                scenario: "Out of Stock".into(),
            })
            .collect(),
        ..Default::default()
    };
    let mut h = stateful(view, progress::draw, [800.0, 600.0]);
    h.run();
    h.run();
    let labels: Vec<String> = (1..=plays).map(progress::Played::axis_label).collect();
    let mut axis: Vec<Rect> = labels
        .iter()
        .filter_map(|label| h.query_by_label(label))
        .map(|node| node.rect())
        .collect();
    assert!(axis.len() >= 5, "only {} labels", axis.len());
    axis.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
    for pair in axis.windows(2) {
        assert!(!pair[0].intersects(pair[1]), "labels overlap: {pair:?}");
    }
}

/// At 800×600 nothing on the team screen overlaps: the chart, the weakest
/// need, the averages and the suggested scenarios.
#[test]
fn the_team_screen_does_not_overlap_at_800x600() {
    let window = [800.0, 600.0];
    let view = team::View {
        team: "Riverside branch".into(),
        player: "Ana".into(),
        team_needs: NeedMap([
            Some(0.8),
            Some(0.3),
            Some(0.7),
            Some(0.6),
            Some(0.5),
            Some(0.9),
        ]),
        player_needs: NeedMap([Some(0.9); 6]),
        weakest: Some(Need::Empathy),
        training: vec![
            ("a".into(), "The hotel front desk complaint".into()),
            ("b".into(), "A stressed team member".into()),
        ],
        source: DataSource::Local,
    };
    let mut h = stateful(view, team::draw, window);
    h.run();
    h.run();
    let chart = h
        .get_by_role(bevy_egui::egui::accesskit::Role::Image)
        .rect();
    let mut rects = vec![("chart", chart)];
    for label in [
        "The team's weakest need",
        "Understanding & empathy",
        "Team average 30 / 100, you 90",
        "1. The hotel front desk complaint",
        "2. A stressed team member",
    ] {
        rects.push((label, h.get_by_label(label).rect()));
    }
    for (i, (a, ra)) in rects.iter().enumerate() {
        assert!(ra.max.x <= window[0] + 0.5, "{a} runs off the window");
        for (b, rb) in &rects[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} {ra:?} overlaps {b} {rb:?}");
        }
    }
}
