/**
 * Which workspace folders the server serves. No `vscode` import: the caller passes a
 * file-system probe.
 *
 * A folder qualifies when it holds `corroborate.toml` (the user configured it) or an
 * `articles/` folder (the layout of a corroborate workspace without configuration).
 * Other folders are left alone: a language server reading every Markdown note in every
 * project would be noise, and a false warning costs trust.
 */
import * as path from "node:path";

export const CONFIG_FILE = "corroborate.toml";
export const ARTICLES_FOLDER = "articles";

export interface FolderProbe {
  isFile: (absolutePath: string) => boolean;
  isDirectory: (absolutePath: string) => boolean;
}

export type WorkspaceReason = "config" | "articles";

/** Why `folder` is a corroborate workspace, or `undefined` when it is not one. */
export function corroborateWorkspaceReason(folder: string, probe: FolderProbe): WorkspaceReason | undefined {
  if (probe.isFile(path.join(folder, CONFIG_FILE))) {
    return "config";
  }
  if (probe.isDirectory(path.join(folder, ARTICLES_FOLDER))) {
    return "articles";
  }
  return undefined;
}

export function isCorroborateWorkspace(folder: string, probe: FolderProbe): boolean {
  return corroborateWorkspaceReason(folder, probe) !== undefined;
}

/**
 * A file created or deleted at `changedPath` can change whether a folder qualifies
 * (so the extension re-checks its folders).
 */
export function affectsWorkspaceDetection(changedPath: string): boolean {
  const base = path.basename(changedPath);
  return base === CONFIG_FILE || base === ARTICLES_FOLDER;
}
