//! Measures and colours several parts of the scene line up on (the room,
//! the desk props, the queue), so no part has to reach into another for them.

use super::paint::hex;
use bevy::prelude::*;

/// Wall colour; other parts blend towards it to look further away.
pub const WALL: Color = hex(0xd8e2dc);
/// Plant leaves (the window box and the desk plant).
pub const LEAF: Color = hex(0x6fa77a);
/// Shaded plant leaves.
pub const LEAF_DARK: Color = hex(0x4f8a62);
/// Top edge of the counter in design units; everything below is counter.
pub const COUNTER_TOP: f32 = -128.0;
/// Height of the floor line people in the queue stand on (hidden by the counter).
pub const FLOOR: f32 = -150.0;
