/* Practice Commons: the submission form's answers, kept in this browser between visits.
 *
 * Store(form, key, addItem): save() writes every control's value, how many items each
 * repeatable group holds and the step; restore() puts them back (adding the items
 * first) and returns the step, or 0 when nothing was typed; clear() forgets them.
 * localStorage may be blocked or full: then nothing is kept, and the form still works.
 */
(function (global) {
  "use strict";

  function storage() {
    try { return global.localStorage; } catch (e) { return null; }
  }

  function Store(form, key, addItem) {
    this.form = form;
    this.key = key;
    this.addItem = addItem;
    this.paused = false;  // while the form is filled by restore() or emptied
  }

  Store.prototype.save = function (step) {
    var store = storage(), form = this.form;
    if (!store || this.paused) return;
    var state = { version: 1, step: step, repeats: {}, values: {} };
    form.querySelectorAll("[data-repeat]").forEach(function (r) {
      state.repeats[r.dataset.repeat] = r.querySelector(".pc-items").children.length;
    });
    form.querySelectorAll("input, select, textarea").forEach(function (el) {
      if (el.id) state.values[el.id] = el.type === "checkbox" ? el.checked : el.value;
    });
    try { store.setItem(this.key, JSON.stringify(state)); } catch (e) { /* full or blocked */ }
  };

  Store.prototype.restore = function () {
    var store = storage(), form = this.form, addItem = this.addItem, state = null;
    try { state = store && JSON.parse(store.getItem(this.key) || "null"); } catch (e) { state = null; }
    if (!state || state.version !== 1) return 0;
    var values = state.values || {};
    var typed = Object.keys(values).some(function (id) {
      return values[id] === true || (typeof values[id] === "string" && values[id] !== "");
    });
    if (!typed) return 0;  // only an untouched form was kept
    this.paused = true;
    form.querySelectorAll("[data-repeat]").forEach(function (r) {
      var items = r.querySelector(".pc-items");
      while (items.children.length < (state.repeats[r.dataset.repeat] || 0)) addItem(r, false);
    });
    Object.keys(values).forEach(function (id) {
      var el = document.getElementById(id);
      if (!el || !form.contains(el)) return;
      if (el.type === "checkbox") el.checked = !!values[id]; else el.value = values[id];
    });
    this.paused = false;
    return state.step || 1;
  };

  /** Forget the answers and empty the form, each repeatable group back to its first items. */
  Store.prototype.clear = function () {
    var store = storage(), addItem = this.addItem;
    if (store) store.removeItem(this.key);
    this.paused = true;
    this.form.reset();
    this.form.querySelectorAll("[data-repeat]").forEach(function (r) {
      r.querySelector(".pc-items").textContent = "";
      for (var n = 0; n < +r.dataset.start; n++) addItem(r, false);
    });
    this.paused = false;
  };

  global.PracticeCommonsStore = Store;
})(window);
