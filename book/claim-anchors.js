// A claim once had a section on its pattern's page (reqrep.html#rr4); now it has a page of its
// own (reqrep/rr4.html). The pattern's page keeps an anchor for each claim, and this follows a
// link to such an anchor on to the claim's page.
(function () {
    var patterns = { "general.html": "g", "reqrep.html": "rr", "pubsub.html": "ps", "pipeline.html": "pl" };
    var page = window.location.pathname.split("/").pop();
    var claim = /^#([a-z]+)(\d)$/.exec(window.location.hash);
    if (claim && patterns[page] === claim[1]) {
        window.location.replace(page.replace(".html", "/") + claim[1] + claim[2] + ".html");
    }
})();
