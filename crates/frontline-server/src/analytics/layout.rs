//! A small layered graph layout (Sugiyama style, without dummy nodes):
//! each node's layer is its distance from the start (nodes the start cannot
//! reach go below the rest), and nodes within a layer are ordered by the
//! barycentre of their neighbours in sweeps down and up, keeping the order
//! with the fewest crossings. Deterministic: ties keep the previous order,
//! which starts as the file order.

/// Width of a node's box, in SVG units.
pub const NODE_WIDTH: f64 = 176.0;
/// Height of a node's box.
pub const NODE_HEIGHT: f64 = 46.0;
/// Space between boxes in a layer.
pub const GAP_X: f64 = 36.0;
/// Space between layers (room for edge labels).
pub const GAP_Y: f64 = 74.0;
/// Margin around the drawing.
pub const MARGIN: f64 = 20.0;

/// Barycentre sweeps (each one down then up).
const SWEEPS: usize = 6;

/// Where every node goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// By node index: its place.
    pub nodes: Vec<Placed>,
    /// Node indices per layer, left to right.
    pub layers: Vec<Vec<usize>>,
    /// Size of the whole drawing.
    pub width: f64,
    /// Height of the whole drawing.
    pub height: f64,
}

/// One node's place: layer, position in it, and its box's top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// Layer (0 holds the start).
    pub layer: usize,
    /// Position within the layer, from the left.
    pub order: usize,
    /// Left edge of the box.
    pub x: f64,
    /// Top edge of the box.
    pub y: f64,
}

impl Placed {
    /// Centre of the box's bottom edge (where edges leave).
    pub fn bottom(&self) -> (f64, f64) {
        (self.x + NODE_WIDTH / 2.0, self.y + NODE_HEIGHT)
    }

    /// Centre of the box's top edge (where edges arrive).
    pub fn top(&self) -> (f64, f64) {
        (self.x + NODE_WIDTH / 2.0, self.y)
    }
}

/// Lays out `count` nodes joined by directed `edges` (index pairs; pairs out
/// of range are ignored), layer 0 holding `start`.
pub fn layered_layout(count: usize, start: usize, edges: &[(usize, usize)]) -> Layout {
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < count && b < count && a != b)
        .collect();
    let layer = depths(count, start, &edges);
    let layer_count = layer.iter().max().map_or(0, |m| m + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (node, &l) in layer.iter().enumerate() {
        layers[l].push(node);
    }
    let mut best = layers.clone();
    let mut best_crossings = crossings(&best, &layer, &edges);
    for _ in 0..SWEEPS {
        for l in 1..layers.len() {
            reorder(&mut layers, l, &layer, &edges, true);
        }
        for l in (0..layers.len().saturating_sub(1)).rev() {
            reorder(&mut layers, l, &layer, &edges, false);
        }
        let c = crossings(&layers, &layer, &edges);
        if c < best_crossings {
            best = layers.clone();
            best_crossings = c;
        }
    }
    place(best, count)
}

/// Breadth-first distance from `start`; unreachable nodes one layer below
/// the deepest reachable one.
fn depths(count: usize, start: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut depth = vec![usize::MAX; count];
    if start < count {
        depth[start] = 0;
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            for &(_, to) in edges.iter().filter(|(from, _)| *from == n) {
                if depth[to] == usize::MAX {
                    depth[to] = depth[n] + 1;
                    queue.push_back(to);
                }
            }
        }
    }
    let below = depth
        .iter()
        .filter(|d| **d != usize::MAX)
        .max()
        .map_or(0, |m| m + 1);
    depth
        .into_iter()
        .map(|d| if d == usize::MAX { below } else { d })
        .collect()
}

/// Sorts layer `l` by the mean position of each node's neighbours in the
/// layer above (`down`) or below; nodes without such neighbours keep theirs.
fn reorder(
    layers: &mut [Vec<usize>],
    l: usize,
    layer: &[usize],
    edges: &[(usize, usize)],
    down: bool,
) {
    let other = if down { l - 1 } else { l + 1 };
    let position = |n: usize| layers[other].iter().position(|&m| m == n);
    let keys: Vec<(f64, usize)> = layers[l]
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let neighbours: Vec<usize> = edges
                .iter()
                .filter_map(|&(a, b)| match (a == n, b == n) {
                    (true, _) if layer[b] == other => position(b),
                    (_, true) if layer[a] == other => position(a),
                    _ => None,
                })
                .collect();
            let key = if neighbours.is_empty() {
                i as f64
            } else {
                neighbours.iter().sum::<usize>() as f64 / neighbours.len() as f64
            };
            (key, i)
        })
        .collect();
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| {
        keys[a]
            .0
            .total_cmp(&keys[b].0)
            .then(keys[a].1.cmp(&keys[b].1))
    });
    let before = layers[l].clone();
    layers[l] = order.into_iter().map(|i| before[i]).collect();
}

/// Pairs of edges between adjacent layers that cross.
pub fn crossings(layers: &[Vec<usize>], layer: &[usize], edges: &[(usize, usize)]) -> usize {
    let pos = |n: usize| layers[layer[n]].iter().position(|&m| m == n).unwrap_or(0);
    let spans: Vec<(usize, usize, usize)> = edges
        .iter()
        .filter_map(|&(a, b)| {
            let (top, bottom) = if layer[a] < layer[b] { (a, b) } else { (b, a) };
            (layer[bottom] == layer[top] + 1).then(|| (layer[top], pos(top), pos(bottom)))
        })
        .collect();
    let mut n = 0;
    for (i, a) in spans.iter().enumerate() {
        for b in &spans[i + 1..] {
            if a.0 == b.0 && (a.1 as i64 - b.1 as i64) * (a.2 as i64 - b.2 as i64) < 0 {
                n += 1;
            }
        }
    }
    n
}

/// Coordinates: layers top to bottom, each centred on the widest.
fn place(layers: Vec<Vec<usize>>, count: usize) -> Layout {
    let widest = layers.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let row = |k: f64| k * NODE_WIDTH + (k - 1.0).max(0.0) * GAP_X;
    let width = row(widest) + 2.0 * MARGIN;
    let mut nodes = vec![
        Placed {
            layer: 0,
            order: 0,
            x: 0.0,
            y: 0.0
        };
        count
    ];
    for (l, members) in layers.iter().enumerate() {
        let left = MARGIN + (row(widest) - row(members.len() as f64)) / 2.0;
        for (order, &n) in members.iter().enumerate() {
            nodes[n] = Placed {
                layer: l,
                order,
                x: left + order as f64 * (NODE_WIDTH + GAP_X),
                y: MARGIN + l as f64 * (NODE_HEIGHT + GAP_Y),
            };
        }
    }
    let height = 2.0 * MARGIN + row_height(layers.len());
    Layout {
        nodes,
        layers,
        width,
        height,
    }
}

fn row_height(layers: usize) -> f64 {
    let k = layers as f64;
    k * NODE_HEIGHT + (k - 1.0).max(0.0) * GAP_Y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: &Placed, b: &Placed) -> bool {
        a.x < b.x + NODE_WIDTH
            && b.x < a.x + NODE_WIDTH
            && a.y < b.y + NODE_HEIGHT
            && b.y < a.y + NODE_HEIGHT
    }

    /// A graph whose file order crosses: 0 -> 1, 2; 1 -> 4; 2 -> 3.
    const CROSSED: [(usize, usize); 4] = [(0, 1), (0, 2), (1, 4), (2, 3)];

    #[test]
    fn layers_are_distances_from_the_start_and_unreachable_nodes_go_last() {
        let l = layered_layout(6, 0, &[(0, 1), (1, 2), (0, 2), (2, 0), (3, 4)]);
        let layers: Vec<usize> = l.nodes.iter().map(|p| p.layer).collect();
        assert_eq!(layers, [0, 1, 1, 2, 2, 2]);
        assert_eq!(l.layers.len(), 3);
    }

    #[test]
    fn barycentre_ordering_removes_avoidable_crossings() {
        let file_order = vec![vec![0], vec![1, 2], vec![3, 4]];
        let layer = [0, 1, 1, 2, 2];
        assert_eq!(crossings(&file_order, &layer, &CROSSED), 1);
        let l = layered_layout(5, 0, &CROSSED);
        assert_eq!(crossings(&l.layers, &layer, &CROSSED), 0);
        assert!(l.nodes[2].x < l.nodes[1].x || l.nodes[4].x < l.nodes[3].x);
    }

    #[test]
    fn the_same_graph_always_gets_the_same_layout() {
        let edges: Vec<(usize, usize)> = (0..40).map(|i| (i % 13, (i * 7 + 3) % 17)).collect();
        let a = layered_layout(17, 0, &edges);
        assert_eq!(a, layered_layout(17, 0, &edges));
    }

    #[test]
    fn no_two_boxes_overlap_and_all_fit_in_the_drawing() {
        let edges: Vec<(usize, usize)> = (0..60).map(|i| (i % 21, (i * 5 + 1) % 23)).collect();
        let l = layered_layout(23, 0, &edges);
        for (i, a) in l.nodes.iter().enumerate() {
            assert!(a.x >= 0.0 && a.y >= 0.0);
            assert!(a.x + NODE_WIDTH <= l.width && a.y + NODE_HEIGHT <= l.height);
            for b in &l.nodes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn bad_edges_and_an_empty_graph_do_not_panic() {
        let l = layered_layout(2, 5, &[(0, 9), (1, 1)]);
        assert_eq!(l.nodes.len(), 2);
        let empty = layered_layout(0, 0, &[]);
        assert!(empty.nodes.is_empty());
    }
}
