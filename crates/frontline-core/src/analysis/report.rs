//! The verdict of `frontline analyse` (its exit status). The CLI formats the
//! report itself (`src/cli/analyse/`).

use super::Analysis;

/// True when the analysis found a problem a trainer must fix.
pub fn has_problems(a: &Analysis) -> bool {
    !a.dead_ends.is_empty() || !a.trapped.is_empty() || a.endings.is_empty()
}
