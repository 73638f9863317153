/// The little JavaScript the pages use; every page works without it. It adds keyboard navigation (`j`/`k` move
/// through table rows and tree nodes, Enter opens the focused one) and a copy button above each JSON block and id.
enum Script {
    static let text = #"""
    "use strict";
    document.addEventListener("keydown", function (event) {
      if (event.target && /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) return;
      if (event.key !== "j" && event.key !== "k") return;
      var links = Array.prototype.slice.call(document.querySelectorAll("table[data-keyboard-rows] tbody tr td a:first-child, ul.tree a.node"));
      if (links.length === 0) return;
      var index = links.indexOf(document.activeElement);
      index = event.key === "j" ? Math.min(links.length - 1, index + 1) : Math.max(0, index - 1);
      links[index].focus();
      event.preventDefault();
    });
    document.querySelectorAll("pre.json, code.id").forEach(function (block) {
      if (!navigator.clipboard) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy to the clipboard");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(block.textContent).then(function () { button.textContent = "Copied"; });
      });
      block.insertAdjacentElement("beforebegin", button);
    });
    """#
}
