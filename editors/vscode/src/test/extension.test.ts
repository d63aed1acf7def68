/**
 * The extension's glue, run outside VS Code: `activate()` with a stand-in `vscode` module
 * (vscodeStub.ts) and the real vscode-languageclient, against tests/editors/fake_server.py,
 * which logs what it receives. Checks the command line, the initializationOptions, the
 * workspace folder, shutdown on deactivate, and the missing-binary message.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { changeSettings, editorFor, folder, installVscodeStub, state } from "../testSupport/vscodeStub";

installVscodeStub();
// Loaded after the stub so that its `require("vscode")` gets the stand-in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extension = require("../extension") as typeof import("../extension");

const FAKE_SERVER = path.resolve(__dirname, "..", "..", "..", "..", "tests", "editors", "fake_server.py");
const hasPython = spawnSync("python3", ["--version"]).status === 0 && fs.existsSync(FAKE_SERVER);

interface Logged {
  pid: number;
  argv: string[];
  message: { method?: string; params?: Record<string, unknown> };
}

function readLog(file: string): Logged[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Logged];
      } catch {
        return []; // a line still being written
      }
    });
}

async function waitFor<T>(what: string, probe: () => T | undefined, ms = 30000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; extension log:\n${state.log.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Activate the extension, run `body`, and always deactivate it (so tests stay independent). */
async function withExtension(body: () => Promise<void>): Promise<void> {
  const ctx: { subscriptions: Array<{ dispose(): unknown }> } = { subscriptions: [] };
  extension.activate(ctx as never);
  try {
    await body();
  } finally {
    await extension.deactivate();
    ctx.subscriptions.forEach((d) => d.dispose());
  }
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe("activate() with a stand-in VS Code", { skip: hasPython ? false : "python3 or tests/editors/fake_server.py missing" }, () => {
  let dir = "";
  let logFile = "";
  let server = "";

  let logs = 0;
  /** A log file of its own for each test: servers of earlier tests may still be writing. */
  const freshLog = (): string => {
    logs += 1;
    const file = path.join(dir, `server-${logs}.log`);
    process.env["FAKE_LSP_LOG"] = file;
    return file;
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "corroborate-ext-"));
    server = path.join(dir, "corroborate");
    fs.writeFileSync(server, `#!/bin/sh\nexec python3 "${FAKE_SERVER}" "$@"\n`, { mode: 0o755 });
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("starts `corroborate lsp --stdio` with the settings as initializationOptions, sends changes, restarts, shuts down", async () => {
    logFile = freshLog();
    const workspace = path.join(dir, "news");
    fs.mkdirSync(workspace);
    fs.writeFileSync(path.join(workspace, "corroborate.toml"), 'paths = ["articles"]\n');
    state.folders = [folder(workspace)];
    state.settings = {
      "server.path": server,
      "tolerances.about": 0.05,
      people: [{ name: "Marta Quillon", description: "Fire chief of Port Alder" }],
    };
    let pids = new Set<number>();
    await withExtension(async () => {
      const init = await waitFor("initialize", () => readLog(logFile).find((entry) => entry.message.method === "initialize"));
      assert.deepEqual(init.argv, ["lsp", "--stdio"]);
      const params = init.message.params ?? {};
      assert.deepEqual(params["initializationOptions"], {
        tolerances: { about: 0.05 },
        people: [{ name: "Marta Quillon", description: "Fire chief of Port Alder" }],
    });
    assert.deepEqual(
      (params["workspaceFolders"] as Array<{ uri: string }>).map((f) => f.uri),
      [folder(workspace).uri.toString()],
    );
    await waitFor("the server's commands", () => (state.commands.size === 4 ? true : undefined));
    assert.deepEqual([...state.commands.keys()].sort(), [
      "corroborate.claimOccurrences",
      "corroborate.ignoreDisagreement",
      "corroborate.restartServer",
      "corroborate.showOutput",
    ]);

    // A changed server setting is sent at once, without a restart.
    changeSettings({ ...state.settings, "tolerances.about": 0.2 });
    const change = await waitFor("didChangeConfiguration", () =>
      readLog(logFile).find((entry) => entry.message.method === "workspace/didChangeConfiguration"),
    );
    assert.deepEqual(change.message.params, {
      settings: { tolerances: { about: 0.2 }, people: [{ name: "Marta Quillon", description: "Fire chief of Port Alder" }] },
    });
    assert.equal(readLog(logFile).filter((entry) => entry.message.method === "initialize").length, 1);

    // A new server path restarts the server.
    const otherServer = path.join(dir, "corroborate-2");
    fs.copyFileSync(server, otherServer);
    changeSettings({ ...state.settings, "server.path": otherServer });
    await waitFor("a second initialize", () =>
      readLog(logFile).filter((entry) => entry.message.method === "initialize").length === 2 ? true : undefined,
    );
    pids = new Set(readLog(logFile).map((entry) => entry.pid));
    assert.equal(pids.size, 2);
    });

    // Deactivation ends every server (politely, or killed after the client's timeout).
    await waitFor("the servers to end", () => ([...pids].every(processGone) ? true : undefined));
    assert.ok(readLog(logFile).some((entry) => entry.message.method === "shutdown"), "a shutdown request was sent");
  });

  it("runs two folders' servers side by side and sends a server command to the active folder's", async () => {
    const first = path.join(dir, "multi-a");
    const second = path.join(dir, "multi-b");
    fs.mkdirSync(path.join(first, "articles"), { recursive: true });
    fs.mkdirSync(path.join(second, "articles"), { recursive: true });
    state.folders = [folder(first), { ...folder(second), index: 1 }];
    state.settings = { "server.path": server };
    state.errors = [];
    state.executed = [];
    logFile = freshLog();
    await withExtension(async () => {
      const inits = await waitFor("two servers", () => {
        const found = readLog(logFile).filter((entry) => entry.message.method === "initialize");
        return found.length === 2 ? found : undefined;
    });
    await waitFor("the server commands", () => (state.commands.has("corroborate.claimOccurrences") ? true : undefined));
    assert.deepEqual(state.errors, []);
    assert.ok(state.commands.has("corroborate.ignoreDisagreement"));
    const pidOf = (root: string) =>
      inits.find((entry) => ((entry.message.params?.["rootUri"] as string) ?? "").endsWith(path.basename(root)))?.pid;

    state.activeTextEditor = editorFor(path.join(second, "articles", "x.txt"));
    await state.commands.get("corroborate.claimOccurrences")?.({ claim: "c1" });
    const call = readLog(logFile).find((entry) => entry.message.method === "workspace/executeCommand");
    assert.equal(call?.pid, pidOf(second), "the command went to the active folder's server");
    assert.deepEqual(call?.message.params, { command: "corroborate.claimOccurrences", arguments: [{ claim: "c1" }] });
    const shown = state.executed.find((e) => e.command === "editor.action.showReferences");
    assert.equal((shown?.args[2] as unknown[] | undefined)?.length, 2, "the claim's occurrences are shown as references");

    state.activeTextEditor = undefined;
    await state.commands.get("corroborate.claimOccurrences")?.({ claim: "c1" });
    assert.match(state.errors.join("\n"), /open an article of the folder/);
    });
    assert.equal(state.commands.has("corroborate.claimOccurrences"), false);
  });

  it("says how to fix a server path that points nowhere, and starts nothing", async () => {
    const workspace = path.join(dir, "wrong-path");
    fs.mkdirSync(path.join(workspace, "articles"), { recursive: true });
    state.folders = [folder(workspace)];
    state.settings = { "server.path": path.join(dir, "missing", "corroborate") };
    state.errors = [];
    logFile = freshLog();
    await withExtension(async () => {
      const error = await waitFor("an error message", () => state.errors[0]);
      assert.match(error, /corroborate\.server\.path.*no executable file/);
      assert.equal(readLog(logFile).length, 0);
    });
  });

  it("leaves folders without corroborate.toml or articles/ alone", async () => {
    const workspace = path.join(dir, "other-project");
    fs.mkdirSync(path.join(workspace, "src"), { recursive: true });
    state.folders = [folder(workspace)];
    state.settings = { "server.path": server };
    state.errors = [];
    logFile = freshLog();
    await withExtension(async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(readLog(logFile).length, 0);
      assert.deepEqual(state.errors, []);
    });
  });
});
