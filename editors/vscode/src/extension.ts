/**
 * The VS Code glue: one language client per qualifying workspace folder, each running
 * `corroborate lsp` over stdio. The decisions (which binary, which folders, which
 * documents, which configuration) live in `binary.ts`, `workspace.ts`, `selector.ts` and
 * `settings.ts`, which do not import `vscode` and are unit-tested.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandler,
  ExecuteCommandRegistrationOptions,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { BinaryLookup, SERVER_ARGS, findServerBinary } from "./binary";
import { NO_FOLDER_FOR_COMMAND, asLocationList, chooseClientKey } from "./commands";
import { CrashCounter } from "./restarts";
import { parseDocumentSelector, scopeToFolder } from "./selector";
import { RESTART_SETTINGS, serverConfigFromSettings } from "./settings";
import { affectsWorkspaceDetection, corroborateWorkspaceReason } from "./workspace";

const SECTION = "corroborate";

let manager: ClientManager | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("Corroborate", { log: true });
  manager = new ClientManager(output);
  context.subscriptions.push(
    output,
    manager,
    vscode.commands.registerCommand("corroborate.restartServer", () => manager?.restartAll()),
    vscode.commands.registerCommand("corroborate.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => manager?.syncFolders()),
    vscode.workspace.onDidChangeConfiguration((event) => manager?.onConfigurationChanged(event)),
    watchWorkspaceMarkers(() => manager?.syncFolders()),
  );
  void manager.syncFolders();
}

export async function deactivate(): Promise<void> {
  await manager?.stopAll();
  manager = undefined;
}

/** Re-check folders when a `corroborate.toml` or an `articles` folder appears or goes. */
function watchWorkspaceMarkers(onChange: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher("**/{corroborate.toml,articles}", false, true, false);
  const handle = (uri: vscode.Uri): void => {
    if (affectsWorkspaceDetection(uri.fsPath)) {
      onChange();
    }
  };
  watcher.onDidCreate(handle);
  watcher.onDidDelete(handle);
  return watcher;
}

class ClientManager implements vscode.Disposable {
  private readonly clients = new Map<string, LanguageClient>();
  /** The server commands registered with VS Code, once per name for all clients. */
  private readonly serverCommands = new Map<string, vscode.Disposable>();
  /** Shown once per missing-binary message, so a restart loop does not spam. */
  private readonly shownErrors = new Set<string>();
  private syncing: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  /** Start clients for folders that qualify, stop those of folders that no longer do. */
  syncFolders(): Promise<void> {
    this.syncing = this.syncing.then(() => this.syncFoldersNow()).catch((error: unknown) => this.log(`error: ${String(error)}`));
    return this.syncing;
  }

  private async syncFoldersNow(): Promise<void> {
    const wanted = new Map<string, vscode.WorkspaceFolder>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== "file") {
        continue;
      }
      const reason = corroborateWorkspaceReason(folder.uri.fsPath, nodeFolderProbe);
      if (reason !== undefined) {
        wanted.set(folder.uri.toString(), folder);
      }
    }
    for (const [key, client] of [...this.clients]) {
      if (!wanted.has(key)) {
        this.clients.delete(key);
        this.log(`stopping the server for ${key}: no corroborate.toml or articles/ folder any more`);
        await stopQuietly(client);
      }
    }
    for (const [key, folder] of wanted) {
      if (!this.clients.has(key)) {
        await this.start(folder);
      }
    }
  }

  async restartAll(): Promise<void> {
    this.shownErrors.clear();
    await this.stopAll();
    await this.syncFolders();
    this.log("servers restarted");
  }

  async stopAll(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map(stopQuietly));
  }

  async onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!event.affectsConfiguration(SECTION)) {
      return;
    }
    if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
      await this.restartAll();
      return;
    }
    for (const [key, client] of this.clients) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(key));
      const settings = this.serverConfig(folder);
      await client.sendNotification(DidChangeConfigurationNotification.type, { settings }).catch((error: unknown) => {
        this.log(`could not send the new settings to ${key}: ${String(error)}`);
      });
    }
  }

  private async start(folder: vscode.WorkspaceFolder): Promise<void> {
    const key = folder.uri.toString();
    const binary = this.findBinary(folder);
    if (!binary.found) {
      this.reportMissingBinary(binary.message);
      return;
    }
    this.log(`starting ${binary.path} ${SERVER_ARGS.join(" ")} for ${folder.uri.fsPath} (binary from ${binary.source})`);
    const serverOptions: ServerOptions = {
      command: binary.path,
      args: [...SERVER_ARGS],
      transport: TransportKind.stdio,
      options: { cwd: folder.uri.fsPath },
    };
    const options = this.clientOptions(folder);
    // The handler needs the client, and the client copies its options when built.
    const holder: { client?: LanguageClient } = {};
    options.errorHandler = this.errorHandler(key, holder);
    const client = new LanguageClient(SECTION, `Corroborate (${folder.name})`, serverOptions, options);
    holder.client = client;
    this.routeServerCommands(client);
    this.clients.set(key, client);
    try {
      await client.start();
    } catch (error: unknown) {
      this.clients.delete(key);
      const message = `Corroborate: the server at ${binary.path} failed to start: ${String(error)}`;
      this.log(message);
      void vscode.window.showErrorMessage(message, "Show Output").then((choice) => {
        if (choice === "Show Output") {
          this.output.show(true);
        }
      });
    }
  }

  /**
   * Restart a crashed server, but only one this manager still runs (a client that was
   * replaced or stopped stays down) and not in a crash loop.
   */
  private errorHandler(key: string, holder: { client?: LanguageClient }): ErrorHandler {
    const crashes = new CrashCounter();
    return {
      error: () => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        if (this.disposed || holder.client === undefined || this.clients.get(key) !== holder.client) {
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        if (!crashes.allowRestart(Date.now())) {
          this.clients.delete(key);
          return { action: CloseAction.DoNotRestart, message: crashes.giveUpMessage() };
        }
        return { action: CloseAction.Restart };
      },
    };
  }

  /**
   * Every server offers the same command names, and VS Code takes one handler per name:
   * register each name once here instead of once per client (which would fail from the
   * second folder on), and run it on the server of the folder in use.
   */
  private routeServerCommands(client: LanguageClient): void {
    const feature = client.getFeature(ExecuteCommandRequest.method);
    feature.register = (data: { id: string; registerOptions: ExecuteCommandRegistrationOptions }) => {
      for (const command of data.registerOptions.commands) {
        if (!this.disposed && !this.serverCommands.has(command)) {
          this.serverCommands.set(
            command,
            vscode.commands.registerCommand(command, (...args: unknown[]) => this.runServerCommand(command, args)),
          );
        }
      }
    };
    feature.unregister = () => undefined;
  }

  private async runServerCommand(command: string, args: unknown[]): Promise<unknown> {
    const editor = vscode.window.activeTextEditor;
    const activeFolder = editor ? vscode.workspace.getWorkspaceFolder(editor.document.uri) : undefined;
    const key = chooseClientKey(activeFolder?.uri.toString(), [...this.clients.keys()]);
    const client = key === undefined ? undefined : this.clients.get(key);
    if (client === undefined) {
      void vscode.window.showErrorMessage(NO_FOLDER_FOR_COMMAND);
      return undefined;
    }
    const result: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    const locations = asLocationList(result);
    if (locations !== undefined && editor !== undefined) {
      // The occurrences of a repeated claim: show them where the lens was clicked.
      const references = locations.map((location) => client.protocol2CodeConverter.asLocation(location));
      await vscode.commands.executeCommand("editor.action.showReferences", editor.document.uri, editor.selection.active, references);
    }
    return result;
  }

  private clientOptions(folder: vscode.WorkspaceFolder): LanguageClientOptions {
    const section = vscode.workspace.getConfiguration(SECTION, folder.uri);
    const selector = parseDocumentSelector(section.get("documentSelector"));
    selector.warnings.forEach((warning) => this.log(warning));
    const baseUri = folder.uri.toString();
    return {
      documentSelector: scopeToFolder(selector.filters).map((filter) => ({
        ...filter,
        pattern: { baseUri, pattern: filter.pattern },
      })),
      workspaceFolder: folder,
      outputChannel: this.output,
      initializationOptions: this.serverConfig(folder),
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, "**/*.{txt,md,markdown,toml}")),
      },
      middleware: {
        workspace: {
          // A server that pulls its settings gets the same object as initializationOptions.
          configuration: (params) => params.items.map((item) => (item.section === undefined || item.section === SECTION ? this.serverConfig(folder) : null)),
        },
      },
    };
  }

  /** Only settings the user set are sent: defaults are the server's to decide. */
  private serverConfig(folder: vscode.WorkspaceFolder | undefined): object {
    const section = vscode.workspace.getConfiguration(SECTION, folder?.uri);
    const mapped = serverConfigFromSettings((key) => explicitValue(section, key));
    mapped.warnings.forEach((warning) => this.log(warning));
    return mapped.config;
  }

  private findBinary(folder: vscode.WorkspaceFolder): BinaryLookup {
    const configured = vscode.workspace.getConfiguration(SECTION, folder.uri).get<string>("server.path");
    return findServerBinary(configured, {
      platform: process.platform,
      pathVariable: process.env["PATH"] ?? process.env["Path"],
      pathExt: process.env["PATHEXT"],
      homeDir: os.homedir(),
      workspaceFolder: folder.uri.fsPath,
      isExecutableFile,
    });
  }

  private reportMissingBinary(message: string): void {
    this.log(message);
    if (this.shownErrors.has(message)) {
      return;
    }
    this.shownErrors.add(message);
    void vscode.window.showErrorMessage(message, "Open Settings", "Show Output").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "corroborate.server.path");
      } else if (choice === "Show Output") {
        this.output.show(true);
      }
    });
  }

  private log(message: string): void {
    this.output.info(message);
  }

  dispose(): void {
    this.disposed = true;
    void this.stopAll();
    this.serverCommands.forEach((registration) => registration.dispose());
    this.serverCommands.clear();
  }
}

/** The value set in user, workspace or folder settings, ignoring package.json defaults. */
function explicitValue(section: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = section.inspect(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

async function stopQuietly(client: LanguageClient): Promise<void> {
  try {
    await client.stop();
  } catch {
    // A server that already exited cannot be stopped twice; nothing to do.
  }
}

const nodeFolderProbe = {
  isFile: (p: string): boolean => statSafe(p)?.isFile() ?? false,
  isDirectory: (p: string): boolean => statSafe(p)?.isDirectory() ?? false,
};

function isExecutableFile(p: string): boolean {
  if (!(statSafe(p)?.isFile() ?? false)) {
    return false;
  }
  if (process.platform === "win32") {
    return true;
  }
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function statSafe(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
