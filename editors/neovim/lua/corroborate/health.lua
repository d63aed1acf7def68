--- `:checkhealth corroborate`: is the server there, does it start, which client API is used.
local M = {}

--- The health reporter of this Neovim: `vim.health` (0.10+: start/ok/warn/error; 0.8–0.9:
--- report_*), else the `health` module of 0.7.
local function reporter()
  local h = vim.health
  if h == nil or (h.start == nil and h.report_start == nil) then
    local ok, legacy = pcall(require, "health")
    h = ok and legacy or {}
  end
  local function pick(new, old)
    return h[new] or h[old] or function(message)
      vim.notify(new .. ": " .. message)
    end
  end
  return {
    start = pick("start", "report_start"),
    ok = pick("ok", "report_ok"),
    warn = pick("warn", "report_warn"),
    error = pick("error", "report_error"),
    info = pick("info", "report_info"),
  }
end

--- Run the checks, reporting through `report` (default: Neovim's health reporter).
function M.check(report)
  report = report or reporter()
  local corroborate = require("corroborate")
  report.start("corroborate")

  local opts = corroborate.options
  if opts == nil then
    report.warn('setup() has not been called: add require("corroborate").setup({}) to your configuration')
    opts = corroborate.resolve_options({})
  end

  local problem = corroborate.check_cmd(opts.cmd)
  if problem ~= nil then
    report.error(problem)
  else
    local path = vim.fn.exepath(opts.cmd[1])
    local version = vim.fn.systemlist({ opts.cmd[1], "--version" })
    if vim.v.shell_error == 0 and version[1] ~= nil then
      report.ok(string.format("server: %s (%s)", path ~= "" and path or opts.cmd[1], version[1]))
    else
      report.warn(string.format("%s is executable but `--version` failed: %s", opts.cmd[1], table.concat(version, " ")))
    end
  end

  if corroborate.api_kind() == "config" then
    report.ok("client: vim.lsp.config / vim.lsp.enable (Neovim 0.11+)")
  else
    report.ok("client: vim.lsp.start_client, one client per root")
  end
  report.info("filetypes: " .. table.concat(opts.filetypes, ", "))

  local running = corroborate.get_clients()
  if #running == 0 then
    report.info("no server running: open an article (" .. table.concat(opts.filetypes, " or ") .. " buffer)")
  end
  for _, client in ipairs(running) do
    local root = client.config and client.config.root_dir or "?"
    report.ok(string.format("running: client %d for %s", client.id, type(root) == "string" and root or "?"))
  end
end

return M
