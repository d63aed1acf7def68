//! Numeric disagreements: figures about the same subject in the same story whose values
//! cannot both be true.

use crate::config::Config;
use crate::workspace::Doc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureRef {
    pub doc: usize,
    /// Index into the doc's `facts.figures`.
    pub figure: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Information,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Information => "information",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// Stable rule code: `figure-mismatch` (values cannot both be true) or
    /// `baseline-differs` (same value, different baseline or reference period).
    pub rule: &'static str,
    pub story: Option<String>,
    pub subject: String,
    pub severity: Severity,
    /// For a journalist: "killed: Outlet A reports 9; Outlet B and Outlet C report 7".
    pub message: String,
    /// Every figure involved, grouped by side (each side's figures agree with each other).
    pub sides: Vec<Vec<FigureRef>>,
}

impl Disagreement {
    pub fn figures(&self) -> impl Iterator<Item = FigureRef> + '_ {
        self.sides.iter().flatten().copied()
    }
}

/// Find disagreements between outlets inside each story.
pub fn find(_docs: &[Doc], _stories: &[Option<String>], _config: &Config) -> Vec<Disagreement> {
    Vec::new()
}
