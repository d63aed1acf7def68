//! Finding and reading article files: `.txt` and `.md` under the given paths, honouring
//! `.gitignore` and `corroborate.toml` excludes, never following links out of the given
//! folders, skipping binary and oversized files with a warning. The only file IO of `check`.

use crate::config::Config;
use std::path::{Path, PathBuf};

/// A file found for analysis, or why it was skipped.
pub struct Found {
    /// Path as reached from the argument (shown to the user, used as the doc key).
    pub path: PathBuf,
    /// Path relative to the workspace root, `/`-separated (for config globs).
    pub rel: String,
}

pub fn is_article_path(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md")
    )
}

/// Walk `paths`. Errors for missing paths are returned as `Err` (usage / IO error);
/// skipped entries become warnings.
pub fn find_articles(
    paths: &[PathBuf],
    root: &Path,
    config: &Config,
    warnings: &mut Vec<String>,
) -> Result<Vec<Found>, String> {
    let mut excludes = globset::GlobSetBuilder::new();
    for g in &config.exclude {
        match globset::Glob::new(g) {
            Ok(glob) => {
                excludes.add(glob);
            }
            Err(e) => warnings.push(format!("corroborate.toml: bad exclude glob `{g}`: {e}")),
        }
    }
    let excludes = excludes
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty());
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = Vec::new();
    for base in paths {
        let meta = std::fs::metadata(base).map_err(|e| format!("{}: {e}", base.display()))?;
        let base_abs =
            std::fs::canonicalize(base).map_err(|e| format!("{}: {e}", base.display()))?;
        if meta.is_file() {
            out.push(Found {
                rel: rel_to(&root_abs, &base_abs),
                path: base.clone(),
            });
            continue;
        }
        let mut canonical = Canonical::default();
        let walker = ignore::WalkBuilder::new(base)
            .require_git(false)
            .follow_links(true)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    warnings.push(format!("skipped: {e}"));
                    continue;
                }
            };
            let path = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) || !is_article_path(path) {
                continue;
            }
            let abs = match canonical.of(path, entry.path_is_symlink()) {
                Ok(a) => a,
                Err(e) => {
                    warnings.push(format!("{}: skipped: {e}", path.display()));
                    continue;
                }
            };
            // A canonical path outside the folder can only come from a link on the way.
            if !abs.starts_with(&base_abs) {
                warnings.push(format!(
                    "{}: skipped: symbolic link leads outside {}",
                    path.display(),
                    base.display()
                ));
                continue;
            }
            let rel = rel_to(&root_abs, &abs);
            if excludes.is_match(&rel) || excludes.is_match(rel_to(&base_abs, &abs)) {
                continue;
            }
            out.push(Found {
                path: path.to_path_buf(),
                rel,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

/// Canonical paths of walked files, resolving each folder once: a file that is not itself
/// a link is its canonical folder joined with its name (a `realpath` per file cost more
/// than reading it).
#[derive(Default)]
struct Canonical {
    folder: Option<(PathBuf, PathBuf)>,
}

impl Canonical {
    fn of(&mut self, path: &Path, is_link: bool) -> std::io::Result<PathBuf> {
        let (Some(parent), Some(name), false) = (path.parent(), path.file_name(), is_link) else {
            return std::fs::canonicalize(path);
        };
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        match &self.folder {
            Some((written, resolved)) if written == parent => Ok(resolved.join(name)),
            _ => {
                let resolved = std::fs::canonicalize(parent)?;
                let abs = resolved.join(name);
                self.folder = Some((parent.to_path_buf(), resolved));
                Ok(abs)
            }
        }
    }
}

fn rel_to(root: &Path, abs: &Path) -> String {
    let rel = abs.strip_prefix(root).unwrap_or(abs);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The text of a file as the analysis sees it, with problems found while decoding.
pub struct Decoded {
    pub text: String,
    pub problems: Vec<String>,
}

/// Why a file is not analysed at all.
pub enum Skip {
    TooLarge(u64),
    Binary,
    Io(String),
}

impl Skip {
    pub fn message(&self, max: u64) -> String {
        match self {
            Skip::TooLarge(n) => {
                format!("skipped: {n} bytes is over the size limit of {max} bytes (max_file_size)")
            }
            Skip::Binary => "skipped: binary file".to_string(),
            Skip::Io(e) => format!("skipped: {e}"),
        }
    }
}

pub fn read_article(path: &Path, max_size: u64) -> Result<Decoded, Skip> {
    use std::io::Read;
    let io = |e: std::io::Error| Skip::Io(e.to_string());
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > max_size {
        return Err(Skip::TooLarge(size));
    }
    // One byte past the limit tells a file that grew while being read.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(max_size + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_size {
        return Err(Skip::TooLarge(bytes.len() as u64));
    }
    decode_owned(bytes)
}

/// [`decode`] of bytes the caller gives up: valid UTF-8 becomes the text without a copy.
fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, Skip> {
    let plain_utf8 = !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        && !looks_binary(&bytes);
    if !plain_utf8 {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            problems: Vec::new(),
        }),
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decode file bytes: UTF-8 (BOM stripped), UTF-16 with a BOM, else lossy UTF-8 with a
/// warning. Binary content (NUL bytes or mostly control characters) is refused.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Skip> {
    let mut problems = Vec::new();
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(Decoded {
            text: decode_utf16(rest, u16::from_le_bytes, &mut problems),
            problems,
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(Decoded {
            text: decode_utf16(rest, u16::from_be_bytes, &mut problems),
            problems,
        });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(Skip::Binary);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            problems.push("invalid UTF-8: decoded with replacement characters".to_string());
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    Ok(Decoded { text, problems })
}

fn decode_utf16(bytes: &[u8], f: fn([u8; 2]) -> u16, problems: &mut Vec<String>) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    let text: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    problems.push("UTF-16 file: decoded; positions refer to the decoded text".to_string());
    text
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    // branch-free per byte and counted in bytes (at most 255 a chunk), so that the loop
    // is vectorised sixteen bytes at a time: every file is read through it
    let control: usize = head
        .chunks(255)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &b| {
                n + u8::from((b < 0x09) | (b.wrapping_sub(0x0E) < 0x12) | (b == 0x7F))
            });
            usize::from(n)
        })
        .sum();
    !head.is_empty() && control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_lossy_utf8() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").ok().unwrap().text, "hi");
        let d = decode(b"caf\xE9").ok().unwrap();
        assert_eq!(d.text, "caf\u{FFFD}");
        assert_eq!(d.problems.len(), 1);
        let u16 = [0xFF, 0xFE, b'h', 0, b'i', 0];
        assert_eq!(decode(&u16).ok().unwrap().text, "hi");
        assert!(matches!(decode(b"\x00\x01\x02binary"), Err(Skip::Binary)));
    }

    #[test]
    fn control_characters_make_a_file_binary_but_whitespace_does_not() {
        // every byte below 0x20 but tab, newline, vertical tab, form feed and return, and DEL
        let control: Vec<u8> = (0u8..0x20)
            .filter(|b| !(0x09..=0x0D).contains(b))
            .chain([0x7F])
            .collect();
        for &b in &control {
            assert!(looks_binary(&[b, b, b'a']), "{b:#x}");
        }
        assert!(!looks_binary(b"\t\n\x0b\x0c\r plain text\r\n"));
        // one control byte in ten is not yet binary; more is
        assert!(!looks_binary(b"\x01abcdefghi"));
        assert!(looks_binary(b"\x01\x02abcdefghi"));
    }

    #[test]
    fn owned_decoding_matches_borrowed() {
        let cases: [&[u8]; 6] = [
            b"plain text",
            b"\xEF\xBB\xBFbom",
            b"caf\xE9",
            &[0xFF, 0xFE, b'h', 0],
            b"\x00nul",
            b"",
        ];
        for bytes in cases {
            let (owned, borrowed) = (decode_owned(bytes.to_vec()), decode(bytes));
            match (owned, borrowed) {
                (Ok(a), Ok(b)) => assert_eq!((a.text, a.problems), (b.text, b.problems)),
                (Err(Skip::Binary), Err(Skip::Binary)) => {}
                _ => panic!("decodings differ for {bytes:?}"),
            }
        }
    }
}
