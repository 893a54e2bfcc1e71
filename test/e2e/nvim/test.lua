-- Neovim (0.7+) as a second LSP client of dist/server.js, headless. Run by ../run.sh as
--   nvim --headless -n -i NONE --noplugin -u test/e2e/nvim/init.lua -c 'luafile test/e2e/nvim/test.lua' REPORT
-- with REPORT = seed 002 whose line 153 says 7 instead of 4. Environment: XXGK_REPORT_SERVER (the bundle),
-- XXGK_EXPECTED (`xxgk-report check --format json` of REPORT), XXGK_ORIGINAL (the unchanged seed),
-- XXGK_PLAIN (a .txt that is not a report). Prints PASS/FAIL per check and `N passed, N failed`; exits 1
-- on any failure (cquit), 0 otherwise.
local passed, failed = 0, 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, detail)
  if ok then passed = passed + 1; out('  PASS nvim: ' .. name)
  else failed = failed + 1; out('  FAIL nvim: ' .. name .. (detail and (' — ' .. detail) or '')) end
  return ok
end
local function finish()
  out(('%d passed, %d failed'):format(passed, failed))
  io.stdout:flush()
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end

local SECTIONS = { '总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况',
  '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项' }
local SEVERITY = { 'error', 'warning', 'information', 'hint' }
local WRONG = 152 -- 0-based line of the changed cell (153 in an editor)

local function read(path)
  local f = assert(io.open(path, 'rb'), 'cannot read ' .. tostring(path))
  local s = f:read('*a'); f:close(); return s
end
local decode = (vim.json and vim.json.decode) or vim.fn.json_decode

local function client_of(buf)
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do if c.name == 'xxgk-report' then return c end end
end

--- `CODE severity l:c-l:c` with LSP (0-based, UTF-16) positions, as the CLI's JSON has them
local function key_of(buf, d)
  local function utf16(lnum, col)
    local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] or ''
    local _, u16 = vim.str_utfindex(line, math.min(col, #line))
    return u16
  end
  return ('%s %s %d:%d-%d:%d'):format(d.code, SEVERITY[d.severity], d.lnum, utf16(d.lnum, d.col),
    d.end_lnum, utf16(d.end_lnum, d.end_col))
end

local function main()
  local buf = vim.api.nvim_get_current_buf()
  local t0 = vim.loop.hrtime()
  local attached = vim.wait(5000, function() return client_of(buf) ~= nil end, 10)
  if not check('the FileType autocmd of init.lua starts the server and attaches the buffer', attached) then return end
  local client = client_of(buf)
  local got = vim.wait(15000, function() return client.is_stopped() or #vim.diagnostic.get(buf) > 0 end, 10)
  if not check('diagnostics arrive', got and not client.is_stopped(),
    client.is_stopped() and 'the server exited' or 'none within 15 s') then return end
  out(('  (first diagnostics after %d ms)'):format((vim.loop.hrtime() - t0) / 1e6))

  -- the same findings as the command line, with the same codes, severities and ranges
  local expected = {}
  for _, d in ipairs(decode(read(os.getenv('XXGK_EXPECTED'))).files[1].diagnostics) do
    local r = d.range
    table.insert(expected, ('%s %s %d:%d-%d:%d'):format(d.code, d.severity, r.start.line, r.start.character,
      r['end'].line, r['end'].character))
  end
  local actual = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(actual, key_of(buf, d)) end
  table.sort(expected); table.sort(actual)
  check('diagnostics (codes, severities, ranges) equal the CLI\'s', vim.deep_equal(expected, actual),
    'nvim ' .. vim.inspect(actual) .. ' vs cli ' .. vim.inspect(expected))

  local x
  for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'XR101' then x = d end end
  check('XR101 is an error on exactly the changed number (153:2-153:3)', x and x.lnum == WRONG and x.col == 1
    and x.end_lnum == WRONG and x.end_col == 2 and x.severity == vim.diagnostic.severity.ERROR
    and x.source == 'xxgk-report', vim.inspect(x))
  check('its message is Chinese and names the expected value', x and vim.startswith(x.message, '此处应为 4，实际为 7（'),
    x and x.message)

  -- hover on the number: its table, row and column
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = WRONG, character = 1 } }, 5000)
  local text = ''
  for _, r in pairs(hover or {}) do
    local c = r.result and r.result.contents
    if type(c) == 'table' then text = text .. (c.value or vim.inspect(c)) elseif c then text = text .. c end
  end
  check('hover names the row and the column', text:find('予以公开', 1, true) and text:find('自然人', 1, true), text)

  -- outline: the six sections, in order
  local syms = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol',
    { textDocument = vim.lsp.util.make_text_document_params(buf) }, 5000)
  local names = {}
  for _, r in pairs(syms or {}) do for _, s in ipairs(r.result or {}) do table.insert(names, s.name) end end
  local at, ok = 0, true
  for _, want in ipairs(SECTIONS) do
    local found
    for i = at + 1, #names do if names[i]:find(want, 1, true) then found = i; break end end
    if not found then ok = false; break end
    at = found
  end
  check('document symbols list the six sections in order', ok, vim.inspect(names))

  -- the quick fix, chosen the way a user does: vim.lsp.buf.code_action() on the line, then the menu
  local titles
  vim.ui.select = function(items, opts, on_choice)
    titles = {}
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(titles, title)
      if title == '改为 4' and not pick then pick = item end
    end
    on_choice(pick)
  end
  vim.api.nvim_win_set_cursor(0, { WRONG + 1, 1 })
  vim.lsp.buf.code_action()
  vim.wait(5000, function() return titles ~= nil end, 10)
  check('code actions on the line include "改为 4"', titles and vim.tbl_contains(titles, '改为 4'), vim.inspect(titles))
  local fixed = vim.wait(5000, function()
    return vim.api.nvim_buf_get_lines(buf, WRONG, WRONG + 1, false)[1] == '\t4' end, 10)
  check('applying it makes the cell 4', fixed, vim.api.nvim_buf_get_lines(buf, WRONG, WRONG + 1, false)[1])
  local original = vim.split(read(os.getenv('XXGK_ORIGINAL')):gsub('\n$', ''), '\n', { plain = true })
  check('the buffer equals the original seed', vim.deep_equal(original, vim.api.nvim_buf_get_lines(buf, 0, -1, false)))
  local gone = vim.wait(5000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do if d.code == 'XR101' then return false end end
    return true
  end, 10)
  check('XR101 is gone after the edit', gone)

  -- a plain .txt that is not a report: attached, but no findings
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('XXGK_PLAIN')))
  local plain = vim.api.nvim_get_current_buf()
  vim.wait(5000, function() return client_of(plain) ~= nil end, 10)
  vim.lsp.buf_request_sync(plain, 'textDocument/documentSymbol',
    { textDocument = vim.lsp.util.make_text_document_params(plain) }, 5000) -- the server has read it
  vim.wait(1000, function() return #vim.diagnostic.get(plain) > 0 end, 10)
  check('a plain .txt gets no diagnostics', client_of(plain) ~= nil and #vim.diagnostic.get(plain) == 0,
    vim.inspect(vim.diagnostic.get(plain)))

  vim.lsp.stop_client(client.id)
  check('the server shuts down when asked', vim.wait(3000, function() return client.is_stopped() end, 10))
end

local ok, err = xpcall(main, debug.traceback)
if not ok then check('test script', false, err) end
finish()
