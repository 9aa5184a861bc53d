// yusuan serve: the page. Everything it shows comes from /api; text from
// documents is always set with textContent, never parsed as HTML.
"use strict";

const WORDS = {
  zh: {
    title: "预算公开表格转换", labels: "CSV 表头", labels_en: "英文键名", labels_zh: "中文",
    bom: "CSV 加 BOM（Excel/WPS）", drop: "把文件拖到这里（PDF、HTML、XLSX/XLS、DOCX、文本，可多选，或一个文件夹的 zip）",
    choose: "选择文件", offline: "文件只在本机处理，不上传到网络。", download_all: "全部下载（zip）",
    close: "关闭", legend_repaired: "修复过的行（跨页合并、移动的片段）",
    legend_failed: "校验未通过的单元格（悬停查看原因）", warnings: "警告", lang: "English",
    uploading: "上传中", converting: "转换中…", ok: "完成", no_table: "未找到绩效目标表", failed: "失败",
    kind: "类型", table_title: "标题", pages: "页码", size: "行×列", checks: "校验", repairs: "修复",
    performance: "绩效目标表", table: "表格", preview: "预览", csv: "CSV", none: "无",
    downloads: "下载：", page: "第 {p} 页", line: "第 {l} 行", no_warnings: "没有警告",
    joined_pages: "跨页合并（第 {pages} 页）", placed_by_content: "按内容放置了缺失的单元格",
    dropped_header: "第 {page} 页重复的表头已删除", joined_row: "在第 {page} 页前被分页截断的行已接回",
    continued_span: "跨到第 {page} 页的合并单元格已延续", joined_page: "表格在第 {page} 页接续上一页",
    appended_fragment: "第 {page} 页的片段接到上一行", prepended_fragment: "第 {page} 页的片段移到下一行开头",
    joined_name: "跨页断开的项目名称已合并",
    row_sum: "总计 ≠ 各资金来源之和", fiscal_sum: "财政拨款 ≠ 一般公共预算 + 政府性基金预算",
    unit_sum: "单位金额 ≠ 其项目之和", total_sum: "合计 ≠ 各单位之和",
    printed: "表中为 {e}，加总为 {a}", empty: "空", table_csv: "下载本表 CSV", seconds: "{s} 秒",
    request_failed: "请求失败",
  },
  en: {
    title: "Budget disclosure tables", labels: "CSV headers", labels_en: "English keys", labels_zh: "Chinese",
    bom: "CSV with BOM (Excel/WPS)", drop: "Drop files here (PDF, HTML, XLSX/XLS, DOCX, text; several at once, or a zip of a folder)",
    choose: "Choose files", offline: "Files are processed on this computer only; nothing goes to the network.",
    download_all: "Download everything (zip)", close: "Close",
    legend_repaired: "Repaired rows (joined across a page break, moved fragments)",
    legend_failed: "Cells of a failed check (hover for the reason)", warnings: "Warnings", lang: "中文",
    uploading: "uploading", converting: "converting…", ok: "done", no_table: "no 绩效目标表 found", failed: "failed",
    kind: "Kind", table_title: "Title", pages: "Pages", size: "Rows × cols", checks: "Checks", repairs: "Repairs",
    performance: "performance targets", table: "table", preview: "Preview", csv: "CSV", none: "none",
    downloads: "Downloads: ", page: "page {p}", line: "line {l}", no_warnings: "No warnings",
    joined_pages: "joined across pages {pages}", placed_by_content: "missing cells placed by their content",
    dropped_header: "header repeated on page {page} dropped",
    joined_row: "row cut by the break before page {page} joined back",
    continued_span: "merged cell continued onto page {page}",
    joined_page: "the table continues on page {page}",
    appended_fragment: "fragment on page {page} appended to the row before",
    prepended_fragment: "fragment on page {page} moved to the start of the row after",
    joined_name: "project name broken across pages joined",
    row_sum: "总计 ≠ sum of the funding columns", fiscal_sum: "财政拨款 ≠ 一般公共预算 + 政府性基金预算",
    unit_sum: "unit ≠ sum of its projects", total_sum: "合计 ≠ sum of the units",
    printed: "printed {e}, sum {a}", empty: "empty", table_csv: "Download this table as CSV", seconds: "{s} s",
    request_failed: "request failed",
  },
};

let lang = localStorage.getItem("yusuan-lang") || "zh";
const docs = [];        // summaries from the server, in upload order
let shown = null;       // the preview's data, re-rendered on a language change

function t(key, vars) {
  let s = (WORDS[lang] && WORDS[lang][key]) || WORDS.zh[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function applyLanguage() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
  document.getElementById("lang").textContent = t("lang");
  for (const d of docs) renderDoc(d);
  if (shown) renderPreview(shown);
}

function query() {
  const labels = document.getElementById("labels").value;
  const bom = document.getElementById("bom").checked ? "1" : "0";
  return "labels=" + labels + "&bom=" + bom;
}

// One request per file, so each has its own progress bar.
function upload(file) {
  const slot = { pending: true, name: file.name, progress: 0, node: el("div", { class: "doc pending" }) };
  docs.push(slot);
  document.getElementById("documents").append(slot.node);
  renderDoc(slot);
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/api/convert?" + query());
  xhr.upload.onprogress = (e) => { if (e.lengthComputable) { slot.progress = e.loaded / e.total; renderDoc(slot); } };
  xhr.upload.onload = () => { slot.progress = 1; slot.converting = true; renderDoc(slot); };
  xhr.onload = () => {
    let body = null;
    try { body = JSON.parse(xhr.responseText); } catch (_) { body = null; }
    if (xhr.status === 200 && body && body.documents) {
      const at = docs.indexOf(slot);
      const fresh = body.documents.map((d) => Object.assign(d, { node: el("div", { class: "doc" }) }));
      docs.splice(at, 1, ...fresh);
      for (const d of fresh) { slot.node.before(d.node); renderDoc(d); }
      slot.node.remove();
    } else {
      failSlot(slot, (body && body.error) || (xhr.status + " " + xhr.statusText));
    }
    updateToolbar();
  };
  xhr.onerror = () => failSlot(slot, t("request_failed"));
  const form = new FormData();
  form.append("file", file, file.name);
  xhr.send(form);
}

function failSlot(slot, message) {
  Object.assign(slot, { pending: false, status: "failed", source: slot.name, error: message, tables: [], files: {}, warnings: [] });
  renderDoc(slot);
}

function renderDoc(d) {
  const n = d.node;
  n.replaceChildren();
  n.dataset.status = d.pending ? "pending" : d.status;
  if (d.id) n.dataset.id = d.id;
  const head = el("div", { class: "doc-head" }, el("span", { class: "doc-name", text: d.source || d.name }));
  if (d.pending) {
    head.append(el("progress", { max: "1", value: String(d.progress) }),
      el("span", { class: "status", text: d.converting ? t("converting") : t("uploading") }));
    n.append(head);
    return;
  }
  head.append(el("span", { class: "status " + d.status, text: t(d.status) }));
  if (d.pages) head.append(el("span", { text: d.pages + " " + (lang === "zh" ? "页" : "pages") }));
  if (d.seconds !== undefined) head.append(el("span", { class: "hint", text: t("seconds", { s: d.seconds }) }));
  n.append(head);
  if (d.error) n.append(el("p", { class: "error", text: d.error }));
  if (d.tables && d.tables.length) n.append(tableList(d));
  const names = Object.keys(d.files || {});
  if (names.length) {
    const p = el("p", { class: "downloads" }, t("downloads"));
    for (const name of names) p.append(el("a", { href: d.files[name], download: "", class: "file", "data-name": name, text: name }));
    n.append(p);
  }
  n.append(warningList(d.warnings || []));
}

function tableList(d) {
  const head = el("tr", null, ...["kind", "table_title", "pages", "size", "checks", "repairs", ""].map((k) => el("th", { text: k ? t(k) : "" })));
  const table = el("table", { class: "tables" }, head);
  for (const tb of d.tables) {
    const pages = tb.first_page === tb.last_page ? String(tb.first_page) : tb.first_page + "–" + tb.last_page;
    let checks = el("span", { text: "—" });
    if (tb.checks_ok !== null) {
      checks = tb.checks_failed > 0
        ? el("span", { class: "checks-bad", text: "✘ " + tb.checks_failed + " / ✔ " + tb.checks_ok })
        : el("span", { class: "checks-ok", text: "✔ " + tb.checks_ok });
    }
    const button = el("button", { type: "button", class: "preview", text: t("preview") });
    button.onclick = () => openPreview(tb.preview);
    const csv = el("a", { href: tb.csv, download: "", class: "csv", text: t("csv") });
    table.append(el("tr", { class: "table-row", "data-kind": tb.kind },
      el("td", { text: t(tb.kind) + (tb.kind_id ? " · " + tb.kind_id : "") }), el("td", { text: tb.title || "" }), el("td", { text: pages }),
      el("td", { text: tb.rows + " × " + tb.cols }), el("td", null, checks),
      el("td", { text: String(tb.repairs) }), el("td", null, button, " ", csv)));
  }
  return table;
}

function warningList(warnings) {
  const list = el("ul", { class: "warnings" });
  for (const w of warnings) list.append(el("li", { text: where(w) + w.message }));
  if (!warnings.length) return el("p", { class: "hint", text: t("no_warnings") });
  return el("details", null, el("summary", { text: t("warnings") + " (" + warnings.length + ")" }), list);
}

function where(w) {
  const parts = [];
  if (w.page) parts.push(t("page", { p: w.page }));
  if (w.line) parts.push(t("line", { l: w.line }));
  return parts.length ? parts.join(", ") + ": " : "";
}

async function openPreview(url) {
  const r = await fetch(url);
  if (!r.ok) return;
  shown = await r.json();
  renderPreview(shown);
  const box = document.getElementById("preview");
  box.hidden = false;
  box.scrollIntoView({ behavior: "smooth" });
}

function repairText(rep) {
  const lines = [t(rep.kind, { pages: (rep.pages || []).join("–") })];
  for (const n of rep.notes || []) lines.push(t(n.kind, { page: n.page, detail: n.detail }));
  return lines.join("\n");
}

function checkText(c) {
  return "«" + c.subject + "» " + t(c.kind) + " [" + c.column + "]: " +
    t("printed", { e: c.expected === null ? t("empty") : c.expected, a: c.actual === null ? t("empty") : c.actual });
}

function renderPreview(p) {
  document.getElementById("preview-title").textContent = (p.title || t(p.kind)) + " — " + p.source;
  const dl = document.getElementById("preview-download");
  dl.replaceChildren(el("a", { href: p.csv, download: "", class: "csv", text: t("table_csv") }));
  const table = document.getElementById("preview-table");
  table.replaceChildren();
  const thead = el("thead");
  p.header.forEach((row, i) => {
    const tr = el("tr", null, el("th", { text: i === 0 ? t("pages") : "" }));
    for (const c of row) tr.append(el("th", { rowspan: c.rowspan, colspan: c.colspan, text: c.text }));
    thead.append(tr);
  });
  const tbody = el("tbody");
  for (const row of p.rows) {
    const pages = row.repaired && row.repaired.pages && row.repaired.pages.length > 1
      ? row.repaired.pages.join("–") + " ⤴" : (row.page ? String(row.page) : "");
    const tr = el("tr", null, el("td", { class: "page", text: pages }));
    if (row.repaired) { tr.className = "repaired"; tr.title = repairText(row.repaired); }
    for (const c of row.cells) {
      // Long cells scroll inside a box so that a page shows many rows.
      const td = el("td", { rowspan: c.rowspan, colspan: c.colspan }, el("div", { class: "cell", text: c.text }));
      if (c.failed && c.failed.length) { td.className = "check-failed"; td.title = c.failed.map(checkText).join("\n"); }
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const checks = document.getElementById("preview-checks");
  checks.replaceChildren(...(p.checks_unplaced || []).map((c) => el("li", { class: "checks-bad", text: checkText(c) })));
  const warns = document.getElementById("preview-warnings");
  warns.replaceChildren(...p.warnings.map((w) => el("li", { text: where(w) + w.message })));
  if (!p.warnings.length) warns.append(el("li", { class: "hint", text: t("no_warnings") }));
}

function updateToolbar() {
  document.getElementById("toolbar").hidden = !docs.some((d) => d.id);
}

function downloadAll() {
  const ids = docs.filter((d) => d.id).map((d) => d.id).join(",");
  if (!ids) return;
  const a = el("a", { href: "/api/zip?ids=" + encodeURIComponent(ids) + "&" + query(), download: "" });
  document.body.append(a);
  a.click();
  a.remove();
}

function setup() {
  const drop = document.getElementById("drop");
  const input = document.getElementById("file-input");
  input.addEventListener("change", () => { for (const f of input.files) upload(f); input.value = ""; });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    for (const f of e.dataTransfer.files) upload(f);
  });
  document.getElementById("lang").onclick = () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("yusuan-lang", lang);
    applyLanguage();
  };
  document.getElementById("preview-close").onclick = () => { document.getElementById("preview").hidden = true; shown = null; };
  document.getElementById("download-all").onclick = downloadAll;
  applyLanguage();
}

setup();
