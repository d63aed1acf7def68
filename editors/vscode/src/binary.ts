/**
 * Finding the `corroborate` binary. No `vscode` import: the caller passes the setting,
 * the environment and a file probe, so every branch is unit-tested.
 *
 * Order: the `corroborate.server.path` setting when it is set (a wrong setting is an
 * error, never silently replaced by another binary: the user asked for that one), else
 * `corroborate` on `PATH`.
 */
import * as path from "node:path";

/** The executable's name without extension. */
export const SERVER_NAME = "corroborate";

/** Arguments that start the language server; the client adds `--stdio`. */
export const SERVER_ARGS: readonly string[] = ["lsp"];

export interface BinaryEnvironment {
  platform: NodeJS.Platform;
  /** The `PATH` variable (`Path` on Windows is folded in by the caller). */
  pathVariable: string | undefined;
  /** The `PATHEXT` variable (Windows only). */
  pathExt: string | undefined;
  homeDir: string;
  /** Relative settings are resolved against this folder. */
  workspaceFolder: string | undefined;
  /** True when an executable file exists at this absolute path. */
  isExecutableFile: (absolutePath: string) => boolean;
}

export type BinaryLookup =
  | { found: true; path: string; source: "setting" | "PATH" }
  | { found: false; message: string };

/** How a user installs the server: shown in every "not found" message. */
export const INSTALL_HINT =
  "Install it with `cargo install --path .` in a corroborate checkout (or put the binary on PATH), " +
  "or set `corroborate.server.path` to the binary, then run \"Corroborate: Restart Server\".";

export function findServerBinary(configured: string | undefined, env: BinaryEnvironment): BinaryLookup {
  const setting = (configured ?? "").trim();
  if (setting !== "") {
    return lookUpSetting(setting, env);
  }
  const onPath = searchPath(SERVER_NAME, env);
  if (onPath !== undefined) {
    return { found: true, path: onPath, source: "PATH" };
  }
  return {
    found: false,
    message:
      "Corroborate: the language server `corroborate` was not found on PATH and " +
      "`corroborate.server.path` is empty. " +
      INSTALL_HINT,
  };
}

function lookUpSetting(setting: string, env: BinaryEnvironment): BinaryLookup {
  const absolute = resolveSetting(setting, env);
  if (absolute === undefined) {
    return {
      found: false,
      message:
        `Corroborate: \`corroborate.server.path\` is the relative path "${setting}" but no workspace ` +
        "folder is open to resolve it against. Use an absolute path.",
    };
  }
  for (const candidate of withExecutableExtensions(absolute, env)) {
    if (env.isExecutableFile(candidate)) {
      return { found: true, path: candidate, source: "setting" };
    }
  }
  return {
    found: false,
    message:
      `Corroborate: \`corroborate.server.path\` is "${setting}", but there is no executable file at ` +
      `${absolute}. Fix the setting, or clear it to use \`corroborate\` from PATH. ` +
      INSTALL_HINT,
  };
}

/** `~` expands to the home folder; relative paths resolve against the workspace folder. */
export function resolveSetting(setting: string, env: BinaryEnvironment): string | undefined {
  const p = pathApi(env.platform);
  let value = setting;
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) {
    value = p.join(env.homeDir, value.slice(1));
  }
  if (p.isAbsolute(value)) {
    return p.normalize(value);
  }
  if (env.workspaceFolder === undefined) {
    return undefined;
  }
  return p.resolve(env.workspaceFolder, value);
}

/** The first `PATH` entry holding an executable called `name` (with `PATHEXT` on Windows). */
export function searchPath(name: string, env: BinaryEnvironment): string | undefined {
  const p = pathApi(env.platform);
  const separator = env.platform === "win32" ? ";" : ":";
  const folders = (env.pathVariable ?? "")
    .split(separator)
    .map((folder) => stripQuotes(folder.trim()))
    .filter((folder) => folder !== "" && p.isAbsolute(folder));
  for (const folder of folders) {
    for (const candidate of withExecutableExtensions(p.join(folder, name), env)) {
      if (env.isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** On Windows `corroborate` is found as `corroborate.exe` (or another `PATHEXT` ending). */
function withExecutableExtensions(file: string, env: BinaryEnvironment): string[] {
  if (env.platform !== "win32") {
    return [file];
  }
  const extensions = (env.pathExt ?? ".COM;.EXE;.BAT;.CMD")
    .split(";")
    .map((ext) => ext.trim().toLowerCase())
    .filter((ext) => ext.startsWith("."));
  const lower = file.toLowerCase();
  if (extensions.some((ext) => lower.endsWith(ext))) {
    return [file];
  }
  return [file, ...extensions.map((ext) => file + ext)];
}

function stripQuotes(folder: string): string {
  return folder.length >= 2 && folder.startsWith('"') && folder.endsWith('"') ? folder.slice(1, -1) : folder;
}

/** Path rules of the target platform, so tests can check Windows behaviour anywhere. */
function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}
