// Filters the commitments the page already lists. The query string holds the filters, so that a
// search can be bookmarked or shared; without this script the page shows the whole list.
(() => {
  const form = document.getElementById("filtres");
  const status = document.getElementById("resultats");
  const empty = document.getElementById("aucun-resultat");
  const table = document.getElementById("engagements");
  if (!form || !status || !empty || !table) return;

  const FIELDS = ["q", "accord", "axe", "porteur", "montant"];
  const rows = Array.from(table.tBodies[0].rows);
  const total = rows.length;
  // Accents, case and apostrophe styles should not decide whether « region » finds « Région ».
  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[’‘`]/g, "'")
      .replace(/\s+/g, " ")
      .toLowerCase();
  // What the reader sees, less the page links and the words spoken only to screen readers
  // (« non indiqué » would otherwise match every commitment without an amount).
  const searchable = (row) => {
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    let text = "";
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.parentElement?.closest(".visually-hidden, .page")) text += ` ${node.data}`;
    }
    return fold(text);
  };
  const texts = rows.map(searchable);
  const control = (name) => form.elements.namedItem(name);
  const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  const plural = (n) => (n < 2 ? "engagement" : "engagements");

  function state() {
    const values = {};
    for (const name of FIELDS) values[name] = control(name).value;
    return values;
  }

  // Axes of the other agreements cannot match once an agreement is chosen.
  function limitAxes(values) {
    const axe = control("axe");
    for (const group of axe.querySelectorAll("optgroup")) {
      group.disabled = values.accord !== "" && group.dataset.accord !== values.accord;
    }
    const selected = axe.selectedOptions[0];
    if (selected?.parentElement?.disabled) {
      axe.value = "";
      values.axe = "";
    }
  }

  function apply(values) {
    const words = fold(values.q).split(/\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row, i) => {
      const data = row.dataset;
      const match =
        (!values.accord || data.accord === values.accord) &&
        (!values.axe || data.axe === values.axe) &&
        (!values.porteur || data.porteur === values.porteur) &&
        (!values.montant || data.montant === values.montant) &&
        words.every((word) => texts[i].includes(word));
      row.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent =
      shown === total
        ? `${grouped(total)} ${plural(total)}`
        : `${grouped(shown)} ${plural(shown)} sur ${grouped(total)}`;
    empty.hidden = shown !== 0;
  }

  function remember(values) {
    const params = new URLSearchParams();
    for (const name of FIELDS) if (values[name]) params.set(name, values[name]);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  }

  function update() {
    const values = state();
    limitAxes(values);
    apply(values);
    remember(values);
  }

  const params = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    const value = params.get(name);
    if (value !== null) control(name).value = value;
  }
  form.hidden = false;
  const initial = state();
  limitAxes(initial);
  apply(initial);

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  // The reset event fires before the controls are cleared.
  form.addEventListener("reset", () => setTimeout(update, 0));
})();
