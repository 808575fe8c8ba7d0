//! The red-flag checks moved to [`super::emergency`]; this path stays while callers move.

#[allow(unused_imports)]
pub use super::emergency::RedFlags;
