--- The client side of editors/neovim against a stand-in server (tests/editors/fake_server.py):
--- one client per root, the right buffers attached, settings sent as initializationOptions
--- and didChangeConfiguration, update_settings and :CorroborateRestart.
--- Run: nvim --headless -u NONE -i NONE --cmd 'set rtp+=editors/neovim' -c 'luafile tests/editors/nvim_attach.lua'
local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
here = vim.fn.fnamemodify(here, ":p"):gsub("/$", "")
local H = dofile(here .. "/harness.lua")
H.prefix = "attach: "
vim.cmd("filetype on")

local base = vim.fn.resolve(vim.fn.tempname())
local log_path = base .. "/server.log"
vim.fn.mkdir(base .. "/ws1/articles", "p")
vim.fn.mkdir(base .. "/ws2/articles", "p")
vim.fn.writefile({ "paths = [\"articles\"]" }, base .. "/ws1/corroborate.toml")
for _, file in ipairs({ "ws1/articles/a.txt", "ws1/articles/b.md", "ws2/articles/c.txt", "ws2/notes.lua" }) do
  vim.fn.writefile({ "Seven people were killed." }, base .. "/" .. file)
end
vim.env.FAKE_LSP_LOG = log_path

local python = vim.fn.executable("python3") == 1 and "python3" or "python"
local settings = { paths = { "articles" }, tolerances = { about = 0.05 }, outlets = {} }
local expected_settings = { paths = { "articles" }, tolerances = { about = 0.05 } }

--- The messages the servers received so far, in order.
local function messages()
  if vim.fn.filereadable(log_path) == 0 then
    return {}
  end
  local out = {}
  for _, line in ipairs(vim.fn.readfile(log_path)) do
    local ok, entry = pcall(vim.json.decode, line)
    if ok then -- else a line still being written
      table.insert(out, entry)
    end
  end
  return out
end

local function select(method, pid)
  local out = {}
  for _, entry in ipairs(messages()) do
    if entry.message.method == method and (pid == nil or entry.pid == pid) then
      table.insert(out, entry)
    end
  end
  return out
end

local function wait_for(description, predicate)
  local ok = vim.wait(10000, predicate, 50)
  if not ok then
    H.check("waited for " .. description, false, "timed out; server log:\n" .. table.concat(
      vim.fn.filereadable(log_path) == 1 and vim.fn.readfile(log_path) or {},
      "\n"
    ))
  end
  return ok
end

H.guard("attach", function()
  require("corroborate").setup({ cmd = { python, here .. "/fake_server.py", "lsp" }, settings = settings })

  for _, file in ipairs({ "ws1/articles/a.txt", "ws1/articles/b.md", "ws2/articles/c.txt", "ws2/notes.lua" }) do
    vim.cmd("edit " .. base .. "/" .. file)
  end

  wait_for("two didOpen in ws1 and one in ws2", function()
    return #select("textDocument/didOpen") >= 3
  end)

  local inits = select("initialize")
  H.equal("one server per root (two roots)", #inits, 2)
  local by_root = {}
  for _, init in ipairs(inits) do
    by_root[vim.uri_to_fname(init.message.params.rootUri)] = init
  end
  H.check("ws1 root is the folder with corroborate.toml", by_root[base .. "/ws1"] ~= nil, vim.inspect(vim.tbl_keys(by_root)))
  H.check("ws2 root is the folder holding articles/", by_root[base .. "/ws2"] ~= nil, vim.inspect(vim.tbl_keys(by_root)))
  for root, init in pairs(by_root) do
    H.equal("initializationOptions carry the settings (" .. vim.fn.fnamemodify(root, ":t") .. ")", init.message.params.initializationOptions, expected_settings)
    H.equal("the server is started as given (" .. vim.fn.fnamemodify(root, ":t") .. ")", init.argv, { "lsp" })
  end

  local ws1_pid = by_root[base .. "/ws1"] and by_root[base .. "/ws1"].pid
  local opened = {}
  for _, entry in ipairs(select("textDocument/didOpen")) do
    table.insert(opened, (entry.pid == ws1_pid and "ws1:" or "ws2:") .. vim.fn.fnamemodify(vim.uri_to_fname(entry.message.params.textDocument.uri), ":t") .. ":" .. entry.message.params.textDocument.languageId)
  end
  table.sort(opened)
  H.equal("text and markdown buffers go to their root's server; other filetypes to none", opened, { "ws1:a.txt:text", "ws1:b.md:markdown", "ws2:c.txt:text" })

  wait_for("didChangeConfiguration after initialize", function()
    return #select("workspace/didChangeConfiguration") >= 2
  end)
  local changes = select("workspace/didChangeConfiguration")
  H.equal("didChangeConfiguration sends the same settings", changes[1] and changes[1].message.params.settings, expected_settings)

  -- Entering a buffer again attaches nothing new.
  vim.cmd("buffer " .. vim.fn.bufnr(base .. "/ws1/articles/a.txt"))
  vim.wait(300)
  H.equal("re-entering a buffer opens no second copy", #select("textDocument/didOpen"), 3)
  H.equal("the module reports two running clients", #require("corroborate").get_clients(), 2)

  -- A hover goes through to the server of the buffer.
  local results = vim.lsp.buf_request_sync(0, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    position = { line = 0, character = 1 },
  }, 5000)
  local value
  for _, response in pairs(results or {}) do
    value = response.result and response.result.contents and response.result.contents.value
  end
  H.equal("hover reaches the server", value, "fake hover")

  -- A code lens on a repeated claim: its occurrences land in the quickfix list.
  local lens_client = require("corroborate").get_clients()[1]
  local run = lens_client.config.commands and lens_client.config.commands["corroborate.claimOccurrences"]
  H.check("the claim-occurrences command is handled on the client", type(run) == "function")
  if type(run) == "function" then
    run({ title = "source", command = "corroborate.claimOccurrences", arguments = { { claim = "c1" } } }, {
      bufnr = vim.api.nvim_get_current_buf(),
      client_id = lens_client.id,
    })
    local filled = vim.wait(5000, function()
      return #vim.fn.getqflist() == 2
    end, 50)
    local names = {}
    for _, item in ipairs(vim.fn.getqflist()) do
      table.insert(names, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(item.bufnr), ":t"))
    end
    H.equal("the claim's occurrences fill the quickfix list", filled and names, { "a.txt", "b.txt" })
    vim.cmd("cclose")
  end

  -- New settings reach every server.
  require("corroborate").update_settings({ tolerances = { about = 0.2 } })
  wait_for("new settings on both servers", function()
    local n = 0
    for _, entry in ipairs(select("workspace/didChangeConfiguration")) do
      if vim.deep_equal(entry.message.params.settings, { tolerances = { about = 0.2 } }) then
        n = n + 1
      end
    end
    return n == 2
  end)
  H.check("update_settings reaches both servers", true)

  -- Restart: the old servers are shut down, new ones get the buffers again.
  vim.cmd("CorroborateRestart")
  wait_for("two new servers after restart", function()
    return #select("initialize") == 4 and #select("textDocument/didOpen") >= 6
  end)
  H.equal("restart shuts the old servers down", #select("shutdown"), 2)
  H.equal("restart starts one server per root again", #select("initialize"), 4)
  local latest = select("initialize")[4]
  H.equal("restarted servers get the updated settings", latest and latest.message.params.initializationOptions, { tolerances = { about = 0.2 } })
end)

for _, client in ipairs(require("corroborate").get_clients()) do
  if vim.fn.has("nvim-0.11") == 1 then
    client:stop()
  else
    client.stop()
  end
end
vim.wait(1000, function()
  return #require("corroborate").get_clients() == 0
end, 50)
vim.fn.delete(base, "rf")
H.finish()
