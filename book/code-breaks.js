// Where a line of code may wrap on a narrow screen (book/layout.css lets code wrap there):
// between tokens only. A browser finds few places to break in `lab::millis(SEND_TIMEOUT))?;`
// and would scroll the block sideways; it may also break an operator such as `->` in two.
// This marks a break opportunity (<wbr>) after `(`, `[`, `{`, `,` and `::`, and before the
// `.` of a method call, and keeps every operator of two or more characters whole. Neither
// adds a character: what a reader copies is the code as it is. Runs after mdBook's
// highlighting, which rebuilds a block from its text.
(function () {
    // Operators a line must not break inside; the same as book/layout-check.js refuses.
    var OPERATOR = /::|->|=>|\.\.=?|[=!<>]=|&&|\|\||[-+*\/%^|&]=|<<|>>|\/\/|\*\*/g;

    // Whether a break may go between text[i - 1] and text[i].
    function breakable(text, i) {
        var before = text[i - 1], after = text[i];
        if (/\s/.test(before) || /\s/.test(after)) {
            return false; // a browser breaks at spaces already
        }
        if ("([{,".indexOf(before) >= 0) {
            return after !== ")" && after !== "]" && after !== "}";
        }
        if (before === ":" && text[i - 2] === ":" && /[A-Za-z_<]/.test(after)) {
            return true;
        }
        // `x.method`, `).method`, `?.method`, not `1.5`, `..` or `.0` (a tuple's field).
        return after === "." && /[A-Za-z_]/.test(text[i + 1] || "") && /[\w)\]?]/.test(before);
    }

    function mark(block) {
        var nodes = [], text = "";
        var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
            nodes.push({ node: node, start: text.length });
            text += node.data;
        }
        // What to do where: a <wbr> before a character, or an operator kept whole.
        var cuts = [], inside = new Uint8Array(text.length + 1), match;
        OPERATOR.lastIndex = 0;
        while ((match = OPERATOR.exec(text)) !== null) {
            var end = match.index + match[0].length;
            cuts.push({ at: match.index, end: end });
            for (var j = match.index + 1; j < end; j++) {
                inside[j] = 1;
            }
        }
        for (var i = 1; i < text.length; i++) {
            if (!inside[i] && breakable(text, i)) {
                cuts.push({ at: i });
            }
        }
        // The text node a position is in (a node keeps its start as later ones are split).
        function pieceAt(at) {
            var low = 0, high = nodes.length - 1;
            while (low < high) {
                var middle = (low + high + 1) >> 1;
                if (nodes[middle].start <= at) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            return nodes[low];
        }
        // From the end backwards, so that each cut's node and offset stay as counted.
        cuts.sort(function (a, b) { return b.at - a.at; });
        cuts.forEach(function (cut) {
            var piece = pieceAt(cut.at);
            if (!piece || cut.at >= piece.start + piece.node.data.length) {
                return;
            }
            var offset = cut.at - piece.start;
            if (cut.end === undefined) {
                var rest = offset === 0 ? piece.node : piece.node.splitText(offset);
                rest.parentNode.insertBefore(document.createElement("wbr"), rest);
            } else if (cut.end <= piece.start + piece.node.data.length) {
                // An operator within one text node: a span that does not wrap.
                var operator = offset === 0 ? piece.node : piece.node.splitText(offset);
                if (operator.data.length > cut.end - cut.at) {
                    operator.splitText(cut.end - cut.at);
                }
                var keep = document.createElement("span");
                keep.className = "keep-whole";
                operator.parentNode.insertBefore(keep, operator);
                keep.appendChild(operator);
            }
        });
    }

    // Code blocks, and the one-line fixes of "Nothing arrives?".
    document.querySelectorAll("main pre > code, main .chart-code > code").forEach(mark);
})();
