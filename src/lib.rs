//! corroborate: compare several outlets' reports of the same event.
//!
//! The pipeline, in module order:
//! article text → [`metadata`] and [`noise`] → [`people`] / [`figures`] / [`quotes`]
//! (per article, in [`article`]) → [`workspace`] index → [`stories`], [`claims`],
//! [`disagreements`] → printers in [`cli`] and handlers in [`lsp`].
//!
//! Everything above [`cli`] and [`lsp`] is pure: text and configuration in, facts and
//! findings out, positions as byte offsets. See `ARCHITECTURE.md`.

pub mod article;
pub mod claims;
pub mod config;
pub mod dates;
pub mod disagreements;
pub mod figures;
pub mod fxhash;
pub mod metadata;
pub mod noise;
pub mod people;
pub mod position;
pub mod quotes;
pub mod span;
pub mod stories;
pub mod text;
pub(crate) mod union_find;
pub mod workspace;

pub mod cli;
pub mod lsp;

pub use span::Span;
