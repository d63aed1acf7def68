//! `corroborate.toml`: the workspace configuration. Parsing is pure (a string in, a
//! [`Config`] and warnings out); finding and reading the file is the edges' job.
//!
//! ```toml
//! paths = ["articles"]            # what `check` reads when given no path
//! exclude = ["drafts/**"]         # globs, relative to the workspace root
//! max_file_size = 2097152         # bytes; larger files are skipped with a warning
//!
//! [outlets]                       # file glob → outlet name (wins over the text)
//! "articles/herald-*" = "The Valley Herald"
//!
//! [outlet_aliases]                # other spellings → one outlet name
//! "VH" = "The Valley Herald"
//!
//! [tolerances]
//! about = 0.1                     # "about/some/roughly X" covers X ± 10 %
//! nearly = 0.1                    # "nearly/almost X" covers [X − 10 %, X)
//!
//! [[people]]                      # known people: aliases and a one-line description
//! name = "Ana María Ruiz"
//! aliases = ["Ana Ruiz", "Mayor Ruiz"]
//! description = "Mayor of Puerto Claro since 2022"
//!
//! [[ignore]]                      # suppress a known disagreement
//! subject = "killed"
//! story = "s1"                    # optional: only in this story
//!
//! [lsp]
//! inlay_hints = true
//! ```
//! Unknown keys are reported as warnings, never silently dropped.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;
pub const FILE_NAME: &str = "corroborate.toml";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    pub paths: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    pub outlets: BTreeMap<String, String>,
    pub outlet_aliases: BTreeMap<String, String>,
    pub tolerances: Tolerances,
    pub people: Vec<KnownPerson>,
    pub ignore: Vec<IgnoreRule>,
    pub lsp: LspSettings,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Tolerances {
    /// Relative slack of "about", "some", "roughly", "around", "approximately".
    pub about: f64,
    /// Relative reach of "nearly", "almost", "just under": [X·(1−nearly), X).
    pub nearly: f64,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            about: 0.1,
            nearly: 0.1,
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct KnownPerson {
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct IgnoreRule {
    pub subject: String,
    pub story: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct LspSettings {
    pub inlay_hints: bool,
}

impl Default for LspSettings {
    fn default() -> Self {
        LspSettings { inlay_hints: true }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            paths: Vec::new(),
            exclude: Vec::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            outlets: BTreeMap::new(),
            outlet_aliases: BTreeMap::new(),
            tolerances: Tolerances::default(),
            people: Vec::new(),
            ignore: Vec::new(),
            lsp: LspSettings::default(),
        }
    }
}

/// The keys each table accepts, for reporting unknown ones.
const TOP_KEYS: &[&str] = &[
    "paths",
    "exclude",
    "max_file_size",
    "outlets",
    "outlet_aliases",
    "tolerances",
    "people",
    "ignore",
    "lsp",
];
const TOLERANCE_KEYS: &[&str] = &["about", "nearly"];
const PERSON_KEYS: &[&str] = &["name", "aliases", "description"];
const IGNORE_KEYS: &[&str] = &["subject", "story"];
const LSP_KEYS: &[&str] = &["inlay_hints"];

impl Config {
    /// Parse `corroborate.toml` text. `Err` for invalid TOML or wrong value types (the
    /// message names the key); `Ok` carries warnings for unknown keys.
    pub fn from_toml(text: &str) -> Result<(Config, Vec<String>), String> {
        let value: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
        let warnings = unknown_keys(&value);
        let config: Config = value
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        Ok((config, warnings))
    }

    /// Parse settings sent by an editor (JSON, same keys as the file).
    pub fn from_json(value: &serde_json::Value) -> Result<(Config, Vec<String>), String> {
        let toml_value: toml::Value =
            serde_json::from_value(strip_nulls(value.clone())).map_err(|e| e.to_string())?;
        let warnings = unknown_keys(&toml_value);
        let config: Config = toml_value
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        Ok((config, warnings))
    }

    /// Keys set in `over` replace those of `self` (used so the file wins over editor settings).
    pub fn overlay(&self, over_text: &str) -> Result<(Config, Vec<String>), String> {
        let over: toml::Value = toml::from_str(over_text).map_err(|e| e.to_string())?;
        let warnings = unknown_keys(&over);
        let mut base = toml::Value::try_from(self).map_err(|e| e.to_string())?;
        if let (Some(b), Some(o)) = (base.as_table_mut(), over.as_table()) {
            for (k, v) in o {
                match (b.get_mut(k), v) {
                    (Some(toml::Value::Table(bt)), toml::Value::Table(ot)) => {
                        for (k2, v2) in ot {
                            bt.insert(k2.clone(), v2.clone());
                        }
                    }
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        let config: Config = base
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        Ok((config, warnings))
    }

    /// The outlet name for a workspace-relative path (`/`-separated), from `[outlets]`.
    pub fn outlet_for_path(&self, rel_path: &str) -> Option<String> {
        self.outlet_matcher().outlet(rel_path)
    }

    /// The `[outlets]` globs compiled once, for assigning outlets to many paths (compiling
    /// a glob per file cost more than reading the file).
    pub fn outlet_matcher(&self) -> OutletMatcher<'_> {
        let globs = self
            .outlets
            .iter()
            .filter_map(|(glob, outlet)| {
                let g = globset::Glob::new(glob).ok()?.compile_matcher();
                Some((g, outlet.as_str()))
            })
            .collect();
        OutletMatcher {
            config: self,
            globs,
        }
    }

    /// The canonical spelling of an outlet name through `[outlet_aliases]`
    /// (compared case- and accent-insensitively).
    pub fn canonical_outlet(&self, name: &str) -> String {
        let folded = crate::text::fold(name);
        for (alias, canonical) in &self.outlet_aliases {
            if crate::text::fold(alias) == folded {
                return canonical.clone();
            }
        }
        name.to_string()
    }
}

/// Compiled `[outlets]` globs of a [`Config`]; the first glob in key order that matches wins.
pub struct OutletMatcher<'a> {
    config: &'a Config,
    globs: Vec<(globset::GlobMatcher, &'a str)>,
}

impl OutletMatcher<'_> {
    /// The outlet of an article at `rel_path` (relative to the root, `/`-separated).
    pub fn outlet(&self, rel_path: &str) -> Option<String> {
        let (_, outlet) = self.globs.iter().find(|(g, _)| g.is_match(rel_path))?;
        Some(self.config.canonical_outlet(outlet))
    }
}

fn strip_nulls(v: serde_json::Value) -> serde_json::Value {
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(strip_nulls).collect())
        }
        other => other,
    }
}

fn unknown_keys(value: &toml::Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(top) = value.as_table() else {
        return out;
    };
    for (k, v) in top {
        if !TOP_KEYS.contains(&k.as_str()) {
            out.push(format!("unknown key `{k}`"));
            continue;
        }
        let sub: Option<&[&str]> = match k.as_str() {
            "tolerances" => Some(TOLERANCE_KEYS),
            "lsp" => Some(LSP_KEYS),
            "people" => Some(PERSON_KEYS),
            "ignore" => Some(IGNORE_KEYS),
            _ => None,
        };
        let Some(allowed) = sub else { continue };
        let tables: Vec<&toml::Table> = match v {
            toml::Value::Table(t) => vec![t],
            toml::Value::Array(a) => a.iter().filter_map(|x| x.as_table()).collect(),
            _ => vec![],
        };
        for t in tables {
            for k2 in t.keys() {
                if !allowed.contains(&k2.as_str()) {
                    out.push(format!("unknown key `{k}.{k2}`"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_sections_and_reports_unknown_keys() {
        let text = r#"
exclude = ["drafts/**"]
colour = "red"
[outlets]
"articles/herald-*" = "The Valley Herald"
[tolerances]
about = 0.2
fuzz = 1
[[people]]
name = "Ana Ruiz"
description = "Mayor"
[[ignore]]
subject = "killed"
"#;
        let (c, w) = Config::from_toml(text).unwrap();
        assert_eq!(c.exclude, vec!["drafts/**"]);
        assert_eq!(c.tolerances.about, 0.2);
        assert_eq!(c.tolerances.nearly, 0.1);
        assert_eq!(c.people[0].description.as_deref(), Some("Mayor"));
        assert_eq!(c.ignore[0].subject, "killed");
        assert_eq!(
            w,
            vec!["unknown key `colour`", "unknown key `tolerances.fuzz`"]
        );
        assert_eq!(
            c.outlet_for_path("articles/herald-1.txt").as_deref(),
            Some("The Valley Herald")
        );
        assert_eq!(c.outlet_for_path("articles/other.txt"), None);
    }

    #[test]
    fn wrong_types_are_errors_naming_the_key() {
        let err = Config::from_toml("max_file_size = \"big\"").unwrap_err();
        assert!(err.contains("max_file_size"), "{err}");
    }

    #[test]
    fn file_overlays_editor_settings() {
        let editor = Config::from_json(
            &serde_json::json!({"tolerances": {"about": 0.3}, "lsp": {"inlay_hints": false}}),
        )
        .unwrap()
        .0;
        let (c, _) = editor.overlay("[tolerances]\nabout = 0.05\n").unwrap();
        assert_eq!(c.tolerances.about, 0.05);
        assert!(!c.lsp.inlay_hints);
    }
}
