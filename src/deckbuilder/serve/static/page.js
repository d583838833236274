// deckbuilder serve: keeps the page in step with the server's last build.
// The server sends each slide as HTML (positions in points); this script scales slides to
// the window, swaps in the slides a build changed while keeping the edited slide in view,
// shows errors and findings, and links shapes to the YAML in the editor.
"use strict";

const EMU_PER_PX = 9525;   // 914400 EMU per inch / 96 px per inch
let current = { server: "", version: -1, slides: [], width: 0, height: 0, editor: "" };
let exactVersion = null;

function $(id) { return document.getElementById(id); }

function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

function editorLink(data) {
  if (!current.editor || !data.file) return "";
  return current.editor.replaceAll("{path}", encodeURI(data.file))
    .replaceAll("{line}", data.line).replaceAll("{col}", data.col || 1);
}

function sourceAttributes(item) {
  if (!item.file) return "";
  return ` data-file="${escapeHtml(item.file)}" data-line="${item.line}" data-col="${item.col}"` +
         ` data-where="${escapeHtml(item.where)}"`;
}

function listItems(items) {
  return items.map(item => `<li class="${item.severity || "error"}"${sourceAttributes(item)}>` +
    escapeHtml((item.where ? item.where + ": " : "") + item.message +
               (item.rule ? ` [${item.rule}]` : "")) + "</li>").join("");
}

function showErrors(state) {
  const box = $("errors");
  if (!state.errors.length) { box.hidden = true; box.innerHTML = ""; return; }
  const heading = state.status === "failed"
    ? (state.slides.length ? "The last save did not build; the slides below are the last good build."
                           : "The deck has not built yet.")
    : `Lint found errors; ${state.output} was not written.`;
  box.innerHTML = `<h2>${escapeHtml(heading)}</h2><ul>${listItems(state.errors)}</ul>`;
  box.hidden = false;
}

function showDeckFindings(state) {
  const box = $("deck-findings");
  box.hidden = !state.findings.length;
  box.innerHTML = state.findings.length ? `<ul>${listItems(state.findings)}</ul>` : "";
}

function showStatus(state) {
  const count = `${state.slides.length} slide${state.slides.length === 1 ? "" : "s"}`;
  const wrote = state.status === "ok" ? `wrote ${state.output}` : `${state.output} not updated`;
  $("deck").textContent = state.deck;
  document.title = `${state.deck} · deckbuilder serve`;
  $("status").textContent = state.status === "building" ? "building…"
    : `build ${state.version} at ${state.built_at} · ${count} · ${wrote}`;
}

// Where each slide's top is now, relative to the window, by slide index.
function slideTops() {
  return [...document.querySelectorAll("#slides > .slide")].map(s => s.getBoundingClientRect().top);
}

function replaceSlides(sections) {
  const main = $("slides");
  const before = slideTops();
  const firstVisible = before.findIndex((top, i) =>
    main.children[i].getBoundingClientRect().bottom > $("bar").offsetHeight);
  let edited = -1;
  sections.forEach((html, index) => {
    if (current.slides[index] === html) return;
    if (edited < 0) edited = index;
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const slide = holder.firstElementChild;
    if (index < main.children.length) main.replaceChild(slide, main.children[index]);
    else main.appendChild(slide);
  });
  while (main.children.length > sections.length) main.lastElementChild.remove();
  if (edited >= 0 && current.slides.length) main.children[edited]?.classList.add("changed");
  scaleSlides();
  // Keep the edited slide where it was on screen (or bring it into view), else the slide
  // that was at the top.
  const anchor = edited >= 0 && current.slides.length ? edited : firstVisible;
  const target = main.children[anchor];
  if (!target || anchor < 0) return;
  const top = before[anchor];
  if (top !== undefined && top >= 0 && top < window.innerHeight) {
    window.scrollBy(0, target.getBoundingClientRect().top - top);
  } else if (anchor === edited) {
    target.scrollIntoView({ block: "start" });
    window.scrollBy(0, -$("bar").offsetHeight);
  } else if (top !== undefined) {
    window.scrollBy(0, target.getBoundingClientRect().top - top);
  }
}

function scaleSlides() {
  if (!current.width) return;
  for (const frame of document.querySelectorAll(".frame")) {
    frame.style.aspectRatio = `${current.width} / ${current.height}`;
    const canvas = frame.querySelector(".canvas");
    canvas.style.transform = `scale(${frame.clientWidth / (current.width / EMU_PER_PX)})`;
  }
}

function apply(state) {
  // Answers to overlapping fetches can arrive out of order: an older build's state never
  // replaces a newer one, unless it comes from a restarted serve, which counts from 0
  if (state.server === current.server && state.version <= current.version) return;
  if (state.fonts !== undefined && $("fonts").textContent !== state.fonts) {
    $("fonts").textContent = state.fonts;
  }
  const previous = current;
  current = { ...state, slides: previous.slides,
              width: state.width || previous.width, height: state.height || previous.height };
  document.querySelectorAll(".changed").forEach(s => s.classList.remove("changed"));
  replaceSlides(state.slides);
  current.slides = state.slides;
  showErrors(state);
  showDeckFindings(state);
  showStatus(state);
  document.body.dataset.version = state.version;
  document.body.dataset.status = state.status;
  if (document.body.classList.contains("show-exact")) loadExact();
}

async function refresh() {
  const response = await fetch("/state.json", { cache: "no-store" });
  apply(await response.json());
}

async function loadExact() {
  if (exactVersion === current.version) return;
  exactVersion = current.version;
  const status = $("status").textContent;
  $("status").textContent = "rendering the .pptx with LibreOffice…";
  const exact = await (await fetch("/exact.json", { cache: "no-store" })).json();
  $("status").textContent = exact.message ? `exact view: ${exact.message}` : status;
  document.querySelectorAll(".frame > .exact").forEach(img => img.remove());
  document.querySelectorAll("#slides > .slide > .frame").forEach((frame, index) => {
    if (!exact.pages[index]) return;
    const img = document.createElement("img");
    img.className = "exact";
    img.alt = `slide ${index + 1} as LibreOffice draws it`;
    img.src = exact.pages[index];
    frame.appendChild(img);
  });
}

function showWhere(data) {
  const footer = $("where");
  const link = editorLink(data);
  footer.innerHTML = escapeHtml(data.where) +
    (link ? ` <a id="open-editor" href="${escapeHtml(link)}">open in editor</a>` : "");
  footer.hidden = false;
  if (!link) return;
  // An editor's own scheme (vscode:, idea:) hands over without leaving the page; a web
  // address would replace it, so it opens in a window of its own.
  if (/^https?:/i.test(link)) window.open(link, "deckbuilder-editor");
  else window.location.href = link;
}

function toggle(name, on) {
  document.body.classList.toggle(name, on);
  if (name === "show-exact" && on) loadExact();
}

document.addEventListener("click", event => {
  if (event.target.closest("#open-editor")) return;
  // A link in a slide opens on Ctrl+click (⌘+click), as in PowerPoint's editing view; a
  // plain click shows where its box comes from, as for any other text
  if (event.target.closest("a.link")) {
    if (event.ctrlKey || event.metaKey) return;
    event.preventDefault();
  }
  const source = event.target.closest("[data-line]");
  if (source) showWhere(source.dataset);
});
document.addEventListener("keydown", event => {
  if (event.target.tagName === "INPUT" || event.ctrlKey || event.metaKey || event.altKey) return;
  const box = { n: "notes-toggle", e: "exact-toggle" }[event.key];
  if (box) { $(box).click(); }
});
$("notes-toggle").addEventListener("change", e => toggle("show-notes", e.target.checked));
$("exact-toggle").addEventListener("change", e => toggle("show-exact", e.target.checked));
window.addEventListener("resize", scaleSlides);

function listen() {
  const events = new EventSource(`/events?since=${Math.max(current.version, 0)}`);
  events.addEventListener("build", refresh);
  events.onerror = () => { $("status").textContent = "not connected to deckbuilder serve; retrying…"; };
  events.onopen = refresh;
}

refresh().then(listen);
