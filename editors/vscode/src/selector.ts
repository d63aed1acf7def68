/**
 * The `corroborate.documentSelector` setting → document filters scoped to one workspace
 * folder. No `vscode` import: the extension turns each `pattern` into a
 * `RelativePattern` on the folder.
 */

export interface DocumentFilterSetting {
  language?: string;
  scheme?: string;
  pattern?: string;
}

/** A filter whose `pattern` is relative to the workspace folder it serves. */
export interface ScopedFilter {
  language?: string;
  scheme: string;
  pattern: string;
}

export const DEFAULT_DOCUMENT_SELECTOR: readonly DocumentFilterSetting[] = [
  { scheme: "file", language: "plaintext" },
  { scheme: "file", language: "markdown" },
];

/** Everything inside the folder. */
const WHOLE_FOLDER = "**/*";

export interface ParsedSelector {
  filters: DocumentFilterSetting[];
  warnings: string[];
}

/**
 * Check the raw setting. Invalid entries are dropped with a warning; an empty or wholly
 * invalid setting falls back to the default (plain text and Markdown), because a server
 * attached to nothing looks broken.
 */
export function parseDocumentSelector(raw: unknown): ParsedSelector {
  const warnings: string[] = [];
  if (raw === undefined || raw === null) {
    return { filters: [...DEFAULT_DOCUMENT_SELECTOR], warnings };
  }
  if (!Array.isArray(raw)) {
    warnings.push("corroborate.documentSelector must be a list of filters; using the default.");
    return { filters: [...DEFAULT_DOCUMENT_SELECTOR], warnings };
  }
  const filters: DocumentFilterSetting[] = [];
  raw.forEach((entry: unknown, index: number) => {
    const filter = parseFilter(entry);
    if (typeof filter === "string") {
      warnings.push(`corroborate.documentSelector[${index}] ignored: ${filter}`);
    } else {
      filters.push(filter);
    }
  });
  if (filters.length === 0) {
    warnings.push("corroborate.documentSelector has no usable filter; using the default.");
    return { filters: [...DEFAULT_DOCUMENT_SELECTOR], warnings };
  }
  return { filters, warnings };
}

const FILTER_KEYS = ["language", "scheme", "pattern"] as const;

/** A filter, or the reason it is unusable. */
function parseFilter(entry: unknown): DocumentFilterSetting | string {
  if (typeof entry === "string") {
    return entry.trim() === "" ? "empty language id" : { language: entry.trim() };
  }
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return "expected an object like { \"language\": \"markdown\" }";
  }
  const record = entry as Record<string, unknown>;
  const filter: DocumentFilterSetting = {};
  for (const key of Object.keys(record)) {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      return `unknown key "${key}" (use language, scheme, pattern)`;
    }
    const value = record[key];
    if (typeof value !== "string" || value.trim() === "") {
      return `"${key}" must be a non-empty string`;
    }
    filter[key as (typeof FILTER_KEYS)[number]] = value.trim();
  }
  if (filter.language === undefined && filter.pattern === undefined) {
    return "a filter needs a language or a pattern";
  }
  return filter;
}

/**
 * Scope filters to one workspace folder: every filter gets a pattern relative to the
 * folder (its own, with a leading `./` or `/` removed, else the whole folder) and a
 * scheme (`file` unless given), so documents of other folders or unsaved buffers never
 * reach this folder's server.
 */
export function scopeToFolder(filters: readonly DocumentFilterSetting[]): ScopedFilter[] {
  return filters.map((filter) => {
    const scoped: ScopedFilter = {
      scheme: filter.scheme ?? "file",
      pattern: relativePattern(filter.pattern),
    };
    if (filter.language !== undefined) {
      scoped.language = filter.language;
    }
    return scoped;
  });
}

function relativePattern(pattern: string | undefined): string {
  if (pattern === undefined) {
    return WHOLE_FOLDER;
  }
  const trimmed = pattern.replace(/\\/g, "/").replace(/^(\.\/|\/)+/, "");
  return trimmed === "" ? WHOLE_FOLDER : trimmed;
}
