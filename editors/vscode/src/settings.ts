/**
 * VS Code settings → the server's configuration object (the keys of `corroborate.toml`),
 * sent as `initializationOptions` and in `workspace/didChangeConfiguration`. No `vscode`
 * import: the caller passes a reader for the `corroborate` section.
 *
 * Settings use VS Code's camelCase (`corroborate.maxFileSize`); the server takes the file's
 * snake_case (`max_file_size`). Unset settings are left out, so the server's own defaults
 * and the workspace's `corroborate.toml` (which wins over editor settings) decide. A value
 * of the wrong type is dropped with a warning rather than sent: the server would reject the
 * whole object for it.
 */

/** Reads one setting of the `corroborate` section (`undefined` when unset). */
export type SettingReader = (key: string) => unknown;

export interface KnownPerson {
  name: string;
  aliases?: string[];
  description?: string;
}

export interface IgnoreRule {
  subject: string;
  story?: string;
}

/** The subset of `corroborate.toml` that editors send; every key optional. */
export interface ServerConfig {
  paths?: string[];
  exclude?: string[];
  max_file_size?: number;
  outlets?: Record<string, string>;
  outlet_aliases?: Record<string, string>;
  tolerances?: { about?: number; nearly?: number };
  people?: KnownPerson[];
  ignore?: IgnoreRule[];
  lsp?: { inlay_hints?: boolean };
}

type Check = (value: unknown) => { ok: true; value: unknown } | { ok: false; expected: string };

interface SettingMapping {
  /** Key under `corroborate.` in VS Code. */
  setting: string;
  /** Path of the key in `corroborate.toml`. */
  server: readonly [string] | readonly [string, string];
  check: Check;
}

/** Every VS Code setting that is passed to the server, and where it goes. */
export const SETTING_MAPPINGS: readonly SettingMapping[] = [
  { setting: "paths", server: ["paths"], check: stringList },
  { setting: "exclude", server: ["exclude"], check: stringList },
  { setting: "maxFileSize", server: ["max_file_size"], check: nonNegativeInteger },
  { setting: "outlets", server: ["outlets"], check: stringMap },
  { setting: "outletAliases", server: ["outlet_aliases"], check: stringMap },
  { setting: "tolerances.about", server: ["tolerances", "about"], check: fraction },
  { setting: "tolerances.nearly", server: ["tolerances", "nearly"], check: fraction },
  { setting: "people", server: ["people"], check: peopleList },
  { setting: "ignore", server: ["ignore"], check: ignoreList },
  { setting: "lsp.inlayHints", server: ["lsp", "inlay_hints"], check: boolean },
];

export interface MappedConfig {
  config: ServerConfig;
  warnings: string[];
}

export function serverConfigFromSettings(read: SettingReader): MappedConfig {
  const config: Record<string, unknown> = {};
  const warnings: string[] = [];
  for (const mapping of SETTING_MAPPINGS) {
    const raw = read(mapping.setting);
    if (raw === undefined || raw === null) {
      continue;
    }
    const checked = mapping.check(raw);
    if (!checked.ok) {
      warnings.push(`corroborate.${mapping.setting} ignored: expected ${checked.expected}.`);
      continue;
    }
    setPath(config, mapping.server, checked.value);
  }
  return { config: config as ServerConfig, warnings };
}

/** Settings that need a new server process rather than a configuration notification. */
export const RESTART_SETTINGS: readonly string[] = ["server.path", "documentSelector"];

function setPath(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  const [first, second] = keys;
  if (first === undefined) {
    return;
  }
  if (second === undefined) {
    target[first] = value;
    return;
  }
  const existing = target[first];
  const table: Record<string, unknown> =
    typeof existing === "object" && existing !== null ? (existing as Record<string, unknown>) : {};
  table[second] = value;
  target[first] = table;
}

function ok(value: unknown): { ok: true; value: unknown } {
  return { ok: true, value };
}

function stringList(value: unknown): ReturnType<Check> {
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return ok([...value]);
  }
  return { ok: false, expected: "a list of strings" };
}

function nonNegativeInteger(value: unknown): ReturnType<Check> {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    return ok(value);
  }
  return { ok: false, expected: "a whole number of bytes, 0 or more" };
}

/** Tolerances are fractions of the value: 0.1 = 10 %. */
function fraction(value: unknown): ReturnType<Check> {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1) {
    return ok(value);
  }
  return { ok: false, expected: "a fraction between 0 and 1 (0.1 = 10 %)" };
}

function boolean(value: unknown): ReturnType<Check> {
  return typeof value === "boolean" ? ok(value) : { ok: false, expected: "true or false" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown): ReturnType<Check> {
  if (isRecord(value) && Object.values(value).every((item) => typeof item === "string")) {
    return ok({ ...value });
  }
  return { ok: false, expected: "an object mapping strings to strings" };
}

function peopleList(value: unknown): ReturnType<Check> {
  const expected = 'a list of { "name": string, "aliases"?: [string], "description"?: string }';
  if (!Array.isArray(value)) {
    return { ok: false, expected };
  }
  const people: KnownPerson[] = [];
  for (const item of value) {
    const person = asPerson(item);
    if (person === undefined) {
      return { ok: false, expected };
    }
    people.push(person);
  }
  return ok(people);
}

function asPerson(item: unknown): KnownPerson | undefined {
  if (!isRecord(item) || typeof item["name"] !== "string" || item["name"].trim() === "") {
    return undefined;
  }
  if (Object.keys(item).some((key) => !["name", "aliases", "description"].includes(key))) {
    return undefined;
  }
  const person: KnownPerson = { name: item["name"] };
  const aliases = item["aliases"];
  if (aliases !== undefined) {
    if (!Array.isArray(aliases) || !aliases.every((alias) => typeof alias === "string")) {
      return undefined;
    }
    person.aliases = [...aliases];
  }
  const description = item["description"];
  if (description !== undefined) {
    if (typeof description !== "string") {
      return undefined;
    }
    person.description = description;
  }
  return person;
}

function ignoreList(value: unknown): ReturnType<Check> {
  const expected = 'a list of { "subject": string, "story"?: string }';
  if (!Array.isArray(value)) {
    return { ok: false, expected };
  }
  const rules: IgnoreRule[] = [];
  for (const item of value) {
    if (!isRecord(item) || typeof item["subject"] !== "string" || item["subject"].trim() === "") {
      return { ok: false, expected };
    }
    if (Object.keys(item).some((key) => key !== "subject" && key !== "story")) {
      return { ok: false, expected };
    }
    const rule: IgnoreRule = { subject: item["subject"] };
    const story = item["story"];
    if (story !== undefined) {
      if (typeof story !== "string") {
        return { ok: false, expected };
      }
      rule.story = story;
    }
    rules.push(rule);
  }
  return ok(rules);
}
