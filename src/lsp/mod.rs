//! The language server (`corroborate lsp`): a thin edge over the workspace analysis.

/// Run the server over stdio; returns the process exit code (0 after `shutdown`, 1 without).
pub fn run() -> i32 {
    eprintln!("corroborate lsp: not available in this build yet");
    2
}
