--- corroborate for Neovim: starts `corroborate lsp` for plain-text and Markdown buffers.
---
---   require("corroborate").setup({
---     cmd = { "corroborate", "lsp" },
---     settings = { tolerances = { about = 0.05 } },
---   })
---
--- Two code paths, chosen by feature detection rather than version numbers:
--- * Neovim 0.11+ (`vim.lsp.config` and `vim.lsp.enable` exist): the server is declared
---   with `vim.lsp.config` and Neovim attaches it and reuses one client per root.
--- * Older Neovim (Debian bookworm ships 0.7.2): `vim.lsp.start_client` once per root and
---   `vim.lsp.buf_attach_client` on FileType/BufEnter, keeping one client per root here.
--- Only APIs present in 0.7 are used on the second path (no `vim.fs`, no `vim.lsp.start`).

local M = {}

M.name = "corroborate"

--- Options of `setup()`; every key may be left out.
M.defaults = {
  cmd = { "corroborate", "lsp" },
  filetypes = { "text", "markdown" },
  --- The keys of corroborate.toml, sent as initializationOptions and as `settings` of
  --- workspace/didChangeConfiguration. The workspace's corroborate.toml wins over them.
  settings = {},
  on_init = nil,
  on_attach = nil,
  capabilities = nil,
}

--- Markers of a workspace root, looked for from the file's folder upwards; the nearest
--- folder holding any of them wins. `kind` is what the marker must be.
M.root_markers = {
  { name = "corroborate.toml", kind = "file" },
  { name = ".git", kind = "any" }, -- a folder, or a file in git worktrees
  { name = "articles", kind = "directory" },
}

---------------------------------------------------------------------------------------
-- Pure helpers (unit-tested in tests/editors/nvim_unit.lua)
---------------------------------------------------------------------------------------

--- The type of the file system entry at `path`: "file", "directory" or nil.
local function stat_kind(path)
  local stat = vim.loop.fs_stat(path)
  return stat and stat.type or nil
end

local function parent_dir(dir)
  if dir == "/" or dir:match("^%a:[/\\]?$") then
    return nil
  end
  local parent = dir:gsub("[/\\]+$", ""):match("^(.*)[/\\][^/\\]*$")
  if parent == nil then
    return nil
  end
  if parent == "" then
    return "/"
  end
  if parent:match("^%a:$") then
    return parent .. "/"
  end
  return parent
end

local function join(dir, name)
  if dir:sub(-1) == "/" or dir:sub(-1) == "\\" then
    return dir .. name
  end
  return dir .. "/" .. name
end

local function marker_present(dir, marker, kind_of)
  local kind = kind_of(join(dir, marker.name))
  if kind == nil then
    return false
  end
  return marker.kind == "any" or marker.kind == kind
end

--- The root folder for the file at `path` (absolute): the nearest folder, from the file's
--- own upwards, holding `corroborate.toml`, `.git` or an `articles/` folder; else the
--- file's folder. `kind_of(path)` returns "file", "directory" or nil (default: the disk).
function M.find_root(path, kind_of)
  kind_of = kind_of or stat_kind
  local start = parent_dir(path)
  if start == nil then
    return nil
  end
  local dir = start
  while dir ~= nil do
    for _, marker in ipairs(M.root_markers) do
      if marker_present(dir, marker, kind_of) then
        return dir
      end
    end
    dir = parent_dir(dir)
  end
  return start
end

local function is_list(value)
  if type(value) ~= "table" then
    return false
  end
  local count = 0
  for _ in pairs(value) do
    count = count + 1
  end
  for i = 1, count do
    if value[i] == nil then
      return false
    end
  end
  return true
end

local function is_string_list(value)
  if not is_list(value) then
    return false
  end
  for _, item in ipairs(value) do
    if type(item) ~= "string" then
      return false
    end
  end
  return true
end

local function is_string_map(value)
  if type(value) ~= "table" or (next(value) ~= nil and is_list(value)) then
    return false
  end
  for key, item in pairs(value) do
    if type(key) ~= "string" or type(item) ~= "string" then
      return false
    end
  end
  return true
end

local function has_only_keys(value, allowed)
  for key in pairs(value) do
    if not vim.tbl_contains(allowed, key) then
      return false
    end
  end
  return true
end

local function is_person(value)
  return type(value) == "table"
    and type(value.name) == "string"
    and value.name ~= ""
    and has_only_keys(value, { "name", "aliases", "description" })
    and (value.aliases == nil or is_string_list(value.aliases))
    and (value.description == nil or type(value.description) == "string")
end

local function is_ignore_rule(value)
  return type(value) == "table"
    and type(value.subject) == "string"
    and value.subject ~= ""
    and has_only_keys(value, { "subject", "story" })
    and (value.story == nil or type(value.story) == "string")
end

local function list_of(check)
  return function(value)
    if not is_list(value) then
      return false
    end
    for _, item in ipairs(value) do
      if not check(item) then
        return false
      end
    end
    return true
  end
end

local function is_fraction(value)
  return type(value) == "number" and value == value and value >= 0 and value <= 1
end

local function is_byte_count(value)
  return type(value) == "number" and value >= 0 and value == math.floor(value) and value < 2 ^ 53
end

--- The keys of corroborate.toml with their checks and what a user should write.
M.settings_schema = {
  paths = { check = is_string_list, expected = "a list of strings", list = true },
  exclude = { check = is_string_list, expected = "a list of strings", list = true },
  max_file_size = { check = is_byte_count, expected = "a whole number of bytes" },
  outlets = { check = is_string_map, expected = "a table of glob = outlet name" },
  outlet_aliases = { check = is_string_map, expected = "a table of spelling = outlet name" },
  tolerances = {
    fields = {
      about = { check = is_fraction, expected = "a fraction between 0 and 1" },
      nearly = { check = is_fraction, expected = "a fraction between 0 and 1" },
    },
  },
  people = {
    check = list_of(is_person),
    expected = "a list of { name = ..., aliases = { ... }, description = ... }",
    list = true,
  },
  ignore = { check = list_of(is_ignore_rule), expected = "a list of { subject = ..., story = ... }", list = true },
  lsp = { fields = { inlay_hints = { check = function(v) return type(v) == "boolean" end, expected = "true or false" } } },
}

local function is_empty_table(value)
  return type(value) == "table" and next(value) == nil
end

--- Check `settings` against the keys of corroborate.toml. Returns the object to send and
--- a list of warnings. Wrong types are dropped with a warning (the server would refuse the
--- whole object for one of them). Empty tables are dropped: Lua cannot tell `{}` the list
--- from `{}` the map and would send an object where the server wants a list; the server's
--- defaults are empty anyway. Unknown keys pass through (the server reports them), so a
--- newer server's keys work without updating this file.
function M.normalize_settings(settings)
  local out, warnings = {}, {}
  if settings == nil then
    return out, warnings
  end
  if type(settings) ~= "table" then
    return out, { "corroborate: settings must be a table, got " .. type(settings) }
  end
  for key, value in pairs(settings) do
    local schema = M.settings_schema[key]
    if schema == nil or is_empty_table(value) then
      if not is_empty_table(value) then
        out[key] = value
      end
    elseif schema.fields ~= nil then
      if type(value) ~= "table" then
        table.insert(warnings, string.format("corroborate: settings.%s ignored: expected a table", key))
      else
        local sub = {}
        for field, field_value in pairs(value) do
          local field_schema = schema.fields[field]
          if field_schema == nil or field_schema.check(field_value) then
            sub[field] = field_value
          else
            table.insert(
              warnings,
              string.format("corroborate: settings.%s.%s ignored: expected %s", key, field, field_schema.expected)
            )
          end
        end
        if next(sub) ~= nil then
          out[key] = sub
        end
      end
    elseif schema.check(value) then
      out[key] = value
    else
      table.insert(warnings, string.format("corroborate: settings.%s ignored: expected %s", key, schema.expected))
    end
  end
  table.sort(warnings)
  return out, warnings
end

--- Which client API this Neovim offers: "config" (0.11+) or "start_client" (older).
function M.api_kind()
  if type(vim.lsp.config) ~= "nil" and type(vim.lsp.enable) == "function" then
    return "config"
  end
  return "start_client"
end

--- The file a buffer edits, or nil for buffers a server must not see (help, terminals,
--- unnamed buffers, `scheme://` buffers of plugins).
function M.buffer_file(bufnr)
  if vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or name:match("^%a[%w+.-]*://") then
    return nil
  end
  return vim.fn.fnamemodify(name, ":p")
end

---------------------------------------------------------------------------------------
-- State and setup
---------------------------------------------------------------------------------------

--- Options in force after setup(); `clients` maps a root folder to a client id (0.7 path).
M.options = nil
local clients = {}
local warned = {}

local function notify_once(message, level)
  if warned[message] then
    return
  end
  warned[message] = true
  vim.schedule(function()
    vim.notify(message, level or vim.log.levels.WARN)
  end)
end

--- Merge user options over the defaults; settings are normalised here once.
function M.resolve_options(user)
  user = user or {}
  local opts = vim.tbl_extend("force", {}, M.defaults, user)
  opts.cmd = user.cmd or M.defaults.cmd
  opts.filetypes = user.filetypes or M.defaults.filetypes
  local settings, warnings = M.normalize_settings(user.settings)
  opts.settings = settings
  return opts, warnings
end

--- nil when the command can be run, else a message saying how to fix it.
function M.check_cmd(cmd)
  if type(cmd) ~= "table" or type(cmd[1]) ~= "string" or cmd[1] == "" then
    return 'corroborate: setup({ cmd = ... }) must be a list like { "corroborate", "lsp" }'
  end
  if vim.fn.executable(cmd[1]) == 1 then
    return nil
  end
  return string.format(
    "corroborate: the language server `%s` was not found. Install it (`cargo install --path .` in a "
      .. "corroborate checkout) so it is on PATH, or pass its path: "
      .. 'require("corroborate").setup({ cmd = { "/path/to/corroborate", "lsp" } })',
    cmd[1]
  )
end

--- Call a client method: functions taking the client as `self` since 0.11, closures before.
local function client_call(client, method, ...)
  if vim.fn.has("nvim-0.11") == 1 then
    return client[method](client, ...)
  end
  return client[method](...)
end

--- Neovim 0.7 sends `settings` only when the server asks (workspace/configuration); later
--- versions also push them after initialize. Push them on 0.7 too, so the server hears
--- the same thing on every version.
local function on_init_sending_settings(user_on_init)
  return function(client, result)
    if vim.fn.has("nvim-0.8") == 0 and next(client.config.settings or {}) ~= nil then
      client_call(client, "notify", "workspace/didChangeConfiguration", { settings = client.config.settings })
    end
    if user_on_init ~= nil then
      user_on_init(client, result)
    end
  end
end

--- The server's `corroborate.claimOccurrences` (behind the code lens on a repeated claim)
--- answers the claim's occurrences; Neovim would drop the answer, so run it here and put
--- the occurrences in the quickfix list.
function M.show_claim_occurrences(command, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if client == nil then
    return
  end
  local params = { command = command.command, arguments = command.arguments }
  client_call(client, "request", "workspace/executeCommand", params, function(err, result)
    if err ~= nil then
      vim.notify("corroborate: " .. tostring(err.message or err), vim.log.levels.ERROR)
      return
    end
    if type(result) ~= "table" or #result == 0 then
      vim.notify("corroborate: no other occurrence of this claim", vim.log.levels.INFO)
      return
    end
    local items = vim.lsp.util.locations_to_items(result, client.offset_encoding or "utf-16")
    vim.fn.setqflist({}, " ", { title = "corroborate: occurrences of the claim", items = items })
    vim.cmd("copen")
  end, ctx.bufnr)
end

local function client_config(opts, root)
  local config = {
    name = M.name,
    cmd = opts.cmd,
    root_dir = root,
    init_options = opts.settings,
    settings = opts.settings,
    on_init = on_init_sending_settings(opts.on_init),
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
    commands = { ["corroborate.claimOccurrences"] = M.show_claim_occurrences },
  }
  if root ~= nil then
    config.workspace_folders = { { uri = vim.uri_from_fname(root), name = root } }
  end
  return config
end

local function filetype_wanted(bufnr)
  local filetype = vim.bo[bufnr].filetype
  return vim.tbl_contains(M.options.filetypes, filetype)
end

local function client_alive(id)
  local client = id and vim.lsp.get_client_by_id(id)
  return client ~= nil and not client_call(client, "is_stopped")
end

--- Attach the corroborate client of the buffer's root to the buffer, starting the
--- client first when the root has none (0.7–0.10 path). Returns the client id or nil.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if M.options == nil or not vim.api.nvim_buf_is_valid(bufnr) or not filetype_wanted(bufnr) then
    return nil
  end
  local file = M.buffer_file(bufnr)
  if file == nil then
    return nil
  end
  local problem = M.check_cmd(M.options.cmd)
  if problem ~= nil then
    notify_once(problem, vim.log.levels.ERROR)
    return nil
  end
  local root = M.find_root(file)
  local id = clients[root]
  if not client_alive(id) then
    local config = client_config(M.options, root)
    config.on_exit = function()
      if clients[root] == id then
        clients[root] = nil
      end
    end
    id = vim.lsp.start_client(config)
    if id == nil then
      notify_once("corroborate: could not start " .. table.concat(M.options.cmd, " "), vim.log.levels.ERROR)
      return nil
    end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

local function setup_start_client(opts)
  local group = vim.api.nvim_create_augroup("corroborate", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  vim.api.nvim_create_autocmd("BufEnter", {
    group = group,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      M.attach(bufnr)
    end
  end
end

--- The whole `vim.lsp.config` entry (0.11+ path).
local function native_config(opts)
  local config = client_config(opts, nil)
  config.root_dir = function(bufnr, on_dir)
    local file = M.buffer_file(bufnr)
    if file ~= nil then
      on_dir(M.find_root(file))
    end
  end
  config.workspace_folders = nil
  config.name = nil
  config.filetypes = opts.filetypes
  return config
end

local function setup_config(opts)
  local problem = M.check_cmd(opts.cmd)
  if problem ~= nil then
    notify_once(problem, vim.log.levels.ERROR)
  end
  -- Assignment replaces the entry; calling vim.lsp.config() would merge into it.
  vim.lsp.config[M.name] = native_config(opts)
  vim.lsp.enable(M.name)
end

--- The running corroborate clients, on any Neovim version.
function M.get_clients()
  local all
  if type(vim.lsp.get_clients) == "function" then
    all = vim.lsp.get_clients({ name = M.name })
  else
    all = vim.lsp.get_active_clients()
  end
  local out = {}
  for _, client in ipairs(all) do
    if client.name == M.name then
      table.insert(out, client)
    end
  end
  return out
end


--- Replace the settings and send them to every running client.
function M.update_settings(settings)
  if M.options == nil then
    error("corroborate: call setup() before update_settings()")
  end
  local normalized, warnings = M.normalize_settings(settings)
  for _, warning in ipairs(warnings) do
    notify_once(warning)
  end
  M.options.settings = normalized
  for _, client in ipairs(M.get_clients()) do
    client.config.settings = normalized
    client_call(client, "notify", "workspace/didChangeConfiguration", { settings = normalized })
  end
  if M.api_kind() == "config" then
    vim.lsp.config[M.name] = native_config(M.options)
  end
end

--- Stop every corroborate client and attach the open buffers again.
function M.restart()
  local stopped = M.get_clients()
  for _, client in ipairs(stopped) do
    client_call(client, "stop")
  end
  clients = {}
  vim.wait(2000, function()
    for _, client in ipairs(stopped) do
      if not client_call(client, "is_stopped") then
        return false
      end
    end
    return true
  end, 50)
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then
      if M.api_kind() == "config" then
        vim.api.nvim_exec_autocmds("FileType", { buffer = bufnr, modeline = false })
      else
        M.attach(bufnr)
      end
    end
  end
end

function M.setup(user)
  local opts, warnings = M.resolve_options(user)
  for _, warning in ipairs(warnings) do
    notify_once(warning)
  end
  M.options = opts
  if M.api_kind() == "config" then
    setup_config(opts)
  else
    setup_start_client(opts)
  end
  vim.api.nvim_create_user_command("CorroborateRestart", function()
    M.restart()
  end, { desc = "Restart the corroborate language server" })
  vim.api.nvim_create_user_command("CorroborateSettings", function(args)
    local ok, value = pcall(vim.json.decode, args.args)
    if not ok or type(value) ~= "table" then
      vim.notify("corroborate: :CorroborateSettings takes a JSON object", vim.log.levels.ERROR)
      return
    end
    M.update_settings(value)
  end, { nargs = 1, desc = "Send new settings (a JSON object) to the corroborate server" })
end

return M
