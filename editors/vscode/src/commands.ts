/**
 * Routing the server's own commands (code actions, code lenses) in a multi-root window.
 * No `vscode` import.
 *
 * Each workspace folder has its own server, and every server offers the same command
 * names (`corroborate.ignoreDisagreement`, `corroborate.claimOccurrences`). VS Code allows
 * one handler per name, so the extension registers each name once and sends the call to
 * the server of the folder the user is working in: the active editor's folder, else the
 * only server there is.
 */

/** Key of the client to run a server command on, or `undefined` when it is ambiguous. */
export function chooseClientKey(activeFolderKey: string | undefined, clientKeys: readonly string[]): string | undefined {
  if (activeFolderKey !== undefined && clientKeys.includes(activeFolderKey)) {
    return activeFolderKey;
  }
  return clientKeys.length === 1 ? clientKeys[0] : undefined;
}

export interface ProtocolLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function isPosition(value: unknown): boolean {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record["line"] === "number" && typeof record["character"] === "number";
}

function isLocation(value: unknown): value is ProtocolLocation {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  const range = record["range"] as Record<string, unknown> | undefined;
  return typeof record["uri"] === "string" && typeof range === "object" && range !== null && isPosition(range["start"]) && isPosition(range["end"]);
}

/**
 * A command answer made of locations (the occurrences of a repeated claim) is shown as a
 * list of references; anything else is left alone.
 */
export function asLocationList(result: unknown): ProtocolLocation[] | undefined {
  if (!Array.isArray(result) || !result.every(isLocation)) {
    return undefined;
  }
  return result;
}

export const NO_FOLDER_FOR_COMMAND =
  "Corroborate: several workspace folders have a server; open an article of the folder this applies to, then try again.";
