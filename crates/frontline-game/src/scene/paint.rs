//! Flat-colour shapes for the scene: one system parameter that turns a shape
//! and a colour into the mesh, material and transform of an entity, plus the
//! few meshes Bevy has no primitive for (rounded rectangles, curved bands).

use bevy::asset::RenderAssetUsages;
use bevy::ecs::system::SystemParam;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use std::f32::consts::{FRAC_PI_2, PI};

/// Meshes and colour materials, for spawning flat shapes.
#[derive(SystemParam)]
pub struct Paint<'w> {
    /// Where shape meshes go.
    pub meshes: ResMut<'w, Assets<Mesh>>,
    /// Where colours go (one material per shape, so each can change alone).
    pub materials: ResMut<'w, Assets<ColorMaterial>>,
}

impl Paint<'_> {
    /// The components of a flat `shape` in `color` at `at` (z orders layers).
    pub fn shape(&mut self, shape: impl Into<Mesh>, color: Color, at: Vec3) -> impl Bundle {
        self.placed(shape, color, Transform::from_translation(at))
    }

    /// Like [`Paint::shape`], with a full transform (rotation, scale).
    pub fn placed(
        &mut self,
        shape: impl Into<Mesh>,
        color: Color,
        transform: Transform,
    ) -> impl Bundle {
        (
            Mesh2d(self.meshes.add(shape)),
            MeshMaterial2d(self.materials.add(ColorMaterial::from_color(color))),
            transform,
        )
    }

    /// Sets the colour of a shape's material, touching it only when it changes
    /// (so the renderer re-uploads nothing on quiet frames).
    pub fn recolor(&mut self, material: &MeshMaterial2d<ColorMaterial>, color: Color) {
        let unchanged = self
            .materials
            .get(&material.0)
            .is_some_and(|m| m.color == color);
        if !unchanged && let Some(mut m) = self.materials.get_mut(&material.0) {
            m.color = color;
        }
    }
}

/// Spawns an empty, visible node under `parent` at `at` to hang shapes on.
pub fn group(commands: &mut Commands, parent: Entity, name: &'static str, at: Vec3) -> Entity {
    commands
        .spawn((
            Name::new(name),
            Transform::from_translation(at),
            Visibility::default(),
            ChildOf(parent),
        ))
        .id()
}

/// A rectangle of `size` with corners rounded by `radius`, centred on the origin.
pub fn rounded_rect(size: Vec2, radius: f32) -> Mesh {
    let half = size / 2.0;
    let r = radius.clamp(0.0, half.x.min(half.y));
    const STEPS: usize = 6;
    let corners = [
        (Vec2::new(half.x - r, half.y - r), 0.0),
        (Vec2::new(-half.x + r, half.y - r), FRAC_PI_2),
        (Vec2::new(-half.x + r, -half.y + r), PI),
        (Vec2::new(half.x - r, -half.y + r), PI + FRAC_PI_2),
    ];
    let outline = corners.iter().flat_map(|&(centre, start)| {
        (0..=STEPS).map(move |i| {
            let angle = start + FRAC_PI_2 * i as f32 / STEPS as f32;
            centre + r * Vec2::from_angle(angle)
        })
    });
    ConvexPolygon::new_unchecked(outline).into()
}

/// A filled band between two polylines of the same length (`upper[i]` above
/// `lower[i]`), e.g. a mouth. Fewer than two points give an empty mesh.
pub fn band(upper: &[Vec2], lower: &[Vec2]) -> Mesh {
    let n = upper.len().min(lower.len());
    let mut positions = Vec::with_capacity(n * 2);
    for (u, l) in upper.iter().zip(lower).take(n) {
        positions.push([u.x, u.y, 0.0]);
        positions.push([l.x, l.y, 0.0]);
    }
    let mut indices = Vec::with_capacity(n.saturating_sub(1) * 6);
    for i in 0..n.saturating_sub(1) as u32 {
        let (u0, l0, u1, l1) = (2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 3);
        indices.extend_from_slice(&[u0, l0, u1, u1, l0, l1]);
    }
    let count = positions.len();
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, vec![[0.0, 0.0, 1.0]; count])
    .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, vec![[0.0, 0.0]; count])
    .with_inserted_indices(Indices::U32(indices))
}

/// A colour `amount` (0..=1) of the way from `from` to `to`.
pub fn blend(from: Color, to: Color, amount: f32) -> Color {
    from.mix(&to, amount.clamp(0.0, 1.0))
}

/// An sRGB colour from a `0xRRGGBB` literal.
pub const fn hex(rgb: u32) -> Color {
    Color::srgb(
        ((rgb >> 16) & 0xff) as f32 / 255.0,
        ((rgb >> 8) & 0xff) as f32 / 255.0,
        (rgb & 0xff) as f32 / 255.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy::mesh::VertexAttributeValues;

    fn positions(mesh: &Mesh) -> Vec<[f32; 3]> {
        match mesh.attribute(Mesh::ATTRIBUTE_POSITION) {
            Some(VertexAttributeValues::Float32x3(p)) => p.clone(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn rounded_rect_stays_inside_its_size() {
        let mesh = rounded_rect(Vec2::new(200.0, 40.0), 12.0);
        let points = positions(&mesh);
        assert!(points.len() > 8);
        for [x, y, _] in points {
            assert!(
                x.abs() <= 100.001 && y.abs() <= 20.001,
                "({x}, {y}) outside"
            );
        }
    }

    #[test]
    fn band_has_two_triangles_per_segment() {
        let upper = [
            Vec2::new(0.0, 1.0),
            Vec2::new(1.0, 1.0),
            Vec2::new(2.0, 1.0),
        ];
        let lower = [Vec2::ZERO, Vec2::new(1.0, 0.0), Vec2::new(2.0, 0.0)];
        let mesh = band(&upper, &lower);
        assert_eq!(mesh.indices().map(|i| i.len()), Some(12));
        assert!(
            band(&upper[..1], &lower[..1])
                .indices()
                .is_some_and(|i| i.is_empty())
        );
    }

    #[test]
    fn hex_reads_channels() {
        assert_eq!(hex(0xff8000).to_srgba().to_u8_array(), [255, 128, 0, 255]);
    }
}
