--- Unit tests of editors/neovim/lua/corroborate (no server needed).
--- Run: nvim --headless -u NONE -i NONE --cmd 'set rtp+=editors/neovim' -c 'luafile tests/editors/nvim_unit.lua'
local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local H = dofile(here .. "/harness.lua")
local corroborate = require("corroborate")

H.prefix = "unit: "

-- find_root on an invented file system: path → "file" | "directory".
local function fake_fs(entries)
  return function(path)
    return entries[path]
  end
end

local root_cases = {
  {
    name = "corroborate.toml in the file's folder",
    fs = { ["/w/corroborate.toml"] = "file" },
    file = "/w/a.txt",
    root = "/w",
  },
  {
    name = "an articles/ folder beside the file's folder makes its parent the root",
    fs = { ["/w/articles"] = "directory" },
    file = "/w/articles/a.txt",
    root = "/w",
  },
  {
    name = "the nearest marker wins over a .git further up",
    fs = { ["/repo/.git"] = "directory", ["/repo/news/corroborate.toml"] = "file" },
    file = "/repo/news/articles/a.txt",
    root = "/repo/news",
  },
  {
    name = ".git as a file (a git worktree) counts",
    fs = { ["/wt/.git"] = "file" },
    file = "/wt/notes/b.md",
    root = "/wt",
  },
  {
    name = "a file called articles is not a marker",
    fs = { ["/w/articles"] = "file", ["/.git"] = "directory" },
    file = "/w/x/a.txt",
    root = "/",
  },
  {
    name = "a folder called corroborate.toml is not a marker",
    fs = { ["/w/corroborate.toml"] = "directory" },
    file = "/w/a.txt",
    root = "/w",
  },
  {
    name = "no marker anywhere: the file's own folder",
    fs = {},
    file = "/home/ana/notes/today.md",
    root = "/home/ana/notes",
  },
  {
    name = "a file at the top of the disk",
    fs = {},
    file = "/a.txt",
    root = "/",
  },
  {
    name = "Windows-style paths walk up too",
    fs = { ["C:/news/corroborate.toml"] = "file" },
    file = "C:/news/articles/a.txt",
    root = "C:/news",
  },
}

for _, case in ipairs(root_cases) do
  H.guard("find_root: " .. case.name, function()
    H.equal("find_root: " .. case.name, corroborate.find_root(case.file, fake_fs(case.fs)), case.root)
  end)
end

-- find_root on the real disk.
H.guard("find_root on disk", function()
  local base = vim.fn.resolve(vim.fn.tempname())
  vim.fn.mkdir(base .. "/ws/articles/2026", "p")
  vim.fn.writefile({ "paths = []" }, base .. "/ws/corroborate.toml")
  vim.fn.mkdir(base .. "/plain", "p")
  H.equal("find_root on disk: nested article", corroborate.find_root(base .. "/ws/articles/2026/a.txt"), base .. "/ws")
  H.equal("find_root on disk: no marker", corroborate.find_root(base .. "/plain/a.txt"), base .. "/plain")
  vim.fn.delete(base, "rf")
end)

-- normalize_settings: settings → what the server receives, and the warnings.
local settings_cases = {
  { name = "nil → empty object", input = nil, output = {}, warnings = {} },
  {
    name = "every key of corroborate.toml passes unchanged",
    input = {
      paths = { "articles" },
      exclude = { "drafts/**" },
      max_file_size = 1048576,
      outlets = { ["articles/herald-*"] = "The Valley Herald" },
      outlet_aliases = { VH = "The Valley Herald" },
      tolerances = { about = 0.05, nearly = 0.2 },
      people = { { name = "Ana María Ruiz", aliases = { "Mayor Ruiz" }, description = "Mayor" } },
      ignore = { { subject = "killed", story = "s1" } },
      lsp = { inlay_hints = false },
    },
    output = {
      paths = { "articles" },
      exclude = { "drafts/**" },
      max_file_size = 1048576,
      outlets = { ["articles/herald-*"] = "The Valley Herald" },
      outlet_aliases = { VH = "The Valley Herald" },
      tolerances = { about = 0.05, nearly = 0.2 },
      people = { { name = "Ana María Ruiz", aliases = { "Mayor Ruiz" }, description = "Mayor" } },
      ignore = { { subject = "killed", story = "s1" } },
      lsp = { inlay_hints = false },
    },
    warnings = {},
  },
  {
    name = "empty tables are dropped (Lua would send [] for an empty map)",
    input = { paths = {}, outlets = {}, people = {}, tolerances = {} },
    output = {},
    warnings = {},
  },
  {
    name = "wrong types are dropped with a warning naming the key",
    input = {
      paths = "articles",
      max_file_size = -1,
      outlets = { "x" },
      tolerances = { about = 5, nearly = 0.1 },
      people = { { aliases = { "x" } } },
      ignore = { { subject = "killed", story = 2 } },
      lsp = { inlay_hints = "yes" },
    },
    output = { tolerances = { nearly = 0.1 } },
    warnings = {
      "corroborate: settings.ignore ignored: expected a list of { subject = ..., story = ... }",
      "corroborate: settings.lsp.inlay_hints ignored: expected true or false",
      "corroborate: settings.max_file_size ignored: expected a whole number of bytes",
      "corroborate: settings.outlets ignored: expected a table of glob = outlet name",
      "corroborate: settings.paths ignored: expected a list of strings",
      "corroborate: settings.people ignored: expected a list of { name = ..., aliases = { ... }, description = ... }",
      "corroborate: settings.tolerances.about ignored: expected a fraction between 0 and 1",
    },
  },
  {
    name = "a fractional byte count is refused",
    input = { max_file_size = 1.5 },
    output = {},
    warnings = { "corroborate: settings.max_file_size ignored: expected a whole number of bytes" },
  },
  {
    name = "unknown keys pass through for the server to judge",
    input = { future_key = { x = 1 }, lsp = { inlay_hints = true, future = 1 } },
    output = { future_key = { x = 1 }, lsp = { inlay_hints = true, future = 1 } },
    warnings = {},
  },
  {
    name = "settings that are not a table",
    input = "paths=articles",
    output = {},
    warnings = { "corroborate: settings must be a table, got string" },
  },
}

for _, case in ipairs(settings_cases) do
  H.guard("normalize_settings: " .. case.name, function()
    local output, warnings = corroborate.normalize_settings(case.input)
    H.equal("normalize_settings: " .. case.name, { output, warnings }, { case.output, case.warnings })
  end)
end

H.guard("normalized settings encode as the server expects", function()
  local output = corroborate.normalize_settings({ paths = { "a" }, outlets = {}, tolerances = { about = 0.1 } })
  H.equal("normalized settings encode as the server expects", vim.json.decode(vim.json.encode(output)), {
    paths = { "a" },
    tolerances = { about = 0.1 },
  })
end)

-- resolve_options: defaults and overrides.
H.guard("resolve_options", function()
  local opts = corroborate.resolve_options({ settings = { paths = { "articles" } } })
  H.equal("resolve_options: default command", opts.cmd, { "corroborate", "lsp" })
  H.equal("resolve_options: default filetypes", opts.filetypes, { "text", "markdown" })
  H.equal("resolve_options: settings normalised", opts.settings, { paths = { "articles" } })
  local custom = corroborate.resolve_options({ cmd = { "/opt/c", "lsp" }, filetypes = { "text" } })
  H.equal("resolve_options: overrides", { custom.cmd, custom.filetypes }, { { "/opt/c", "lsp" }, { "text" } })
end)

-- check_cmd: a missing binary gives a message with the fix.
H.guard("check_cmd", function()
  H.equal("check_cmd: an executable on PATH is fine", corroborate.check_cmd({ "sh", "lsp" }), nil)
  local message = corroborate.check_cmd({ "corroborate-does-not-exist", "lsp" })
  H.check(
    "check_cmd: a missing binary names it, the install step and the cmd option",
    type(message) == "string"
      and message:find("corroborate-does-not-exist", 1, true) ~= nil
      and message:find("cargo install", 1, true) ~= nil
      and message:find("cmd = {", 1, true) ~= nil,
    message
  )
  H.check("check_cmd: a malformed cmd is reported", corroborate.check_cmd("corroborate") ~= nil)
end)

-- api_kind: feature detection picks the path this Neovim supports.
H.guard("api_kind", function()
  local expected = (vim.lsp.config ~= nil and vim.lsp.enable ~= nil) and "config" or "start_client"
  H.equal("api_kind follows the available API (" .. expected .. ")", corroborate.api_kind(), expected)
  if vim.fn.has("nvim-0.11") == 0 then
    H.equal("api_kind: Neovim before 0.11 uses start_client", corroborate.api_kind(), "start_client")
  end
end)

-- buffer_file: which buffers a server may see.
H.guard("buffer_file", function()
  local scratch = vim.api.nvim_create_buf(false, true)
  H.equal("buffer_file: a scratch buffer is skipped", corroborate.buffer_file(scratch), nil)
  local named = vim.api.nvim_create_buf(true, false)
  vim.api.nvim_buf_set_name(named, "/tmp/corroborate-unit/a.txt")
  H.equal("buffer_file: a file buffer gives its path", corroborate.buffer_file(named), "/tmp/corroborate-unit/a.txt")
  local plugin = vim.api.nvim_create_buf(true, false)
  vim.api.nvim_buf_set_name(plugin, "fugitive:///tmp/x/.git//0/a.txt")
  H.equal("buffer_file: a scheme:// buffer is skipped", corroborate.buffer_file(plugin), nil)
end)

-- :checkhealth corroborate, through an injected reporter.
H.guard("health", function()
  local function recorder()
    local lines = {}
    local report = {}
    for _, level in ipairs({ "start", "ok", "warn", "error", "info" }) do
      report[level] = function(message)
        table.insert(lines, level .. ": " .. message)
      end
    end
    return report, lines
  end
  local corroborate = require("corroborate")
  local saved = corroborate.options
  corroborate.options = corroborate.resolve_options({ cmd = { "corroborate-does-not-exist", "lsp" } })
  local report, lines = recorder()
  require("corroborate.health").check(report)
  local text = table.concat(lines, "\n")
  H.check("health: a missing server is an error with the fix", text:find("error: corroborate: the language server `corroborate-does-not-exist` was not found", 1, true) ~= nil, text)
  H.check("health: names the client API in use", text:find("ok: client: ", 1, true) ~= nil, text)
  corroborate.options = corroborate.resolve_options({ cmd = { "sh", "lsp" } })
  report, lines = recorder()
  require("corroborate.health").check(report)
  text = table.concat(lines, "\n")
  H.check("health: an executable whose --version fails is a warning", text:find("warn: sh is executable but `--version` failed", 1, true) ~= nil, text)
  corroborate.options = saved
end)

-- setup() with a missing binary must not start anything nor raise.
H.guard("setup with a missing binary", function()
  corroborate.setup({ cmd = { "corroborate-does-not-exist", "lsp" } })
  local dir = vim.fn.resolve(vim.fn.tempname())
  vim.fn.mkdir(dir, "p")
  vim.cmd("edit " .. dir .. "/a.txt")
  vim.bo.filetype = "text"
  H.equal("setup with a missing binary: no client", #corroborate.get_clients(), 0)
  H.check("setup: :CorroborateRestart exists", vim.fn.exists(":CorroborateRestart") == 2)
  H.check("setup: :CorroborateSettings exists", vim.fn.exists(":CorroborateSettings") == 2)
  vim.cmd("bwipeout!")
  vim.fn.delete(dir, "rf")
end)

H.finish()
