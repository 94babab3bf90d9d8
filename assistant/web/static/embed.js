// The minimal embeddable chat: POST /embed/ask, read the server-sent events, render citations.
(function () {
  "use strict";
  const root = document.getElementById("embed-chat");
  // the page's words come from knowledge/messages/web.yaml through data attributes: none live here
  const words = { sources: root.dataset.sources, error: root.dataset.error };
  const answerLang = root.dataset.answerLang;  // set only when the page was opened with ?lang=
  const list = document.getElementById("messages");
  const form = document.getElementById("ask-form");
  const input = document.getElementById("ask-input");
  const button = form.querySelector("button");
  const history = [];

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Answer text with each [n] turned into a link to its clause (text nodes only: no HTML injection).
  function linked(text, urls) {
    const frag = document.createDocumentFragment();
    let last = 0;
    text.replace(/\[(\d+)\]/g, function (match, n, offset) {
      frag.appendChild(document.createTextNode(text.slice(last, offset)));
      if (urls[n]) {
        const a = el("a", "cite", match);
        a.href = urls[n];
        a.target = "_blank";
        a.rel = "noopener";
        frag.appendChild(a);
      } else {
        frag.appendChild(document.createTextNode(match));
      }
      last = offset + match.length;
      return match;
    });
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function renderFinal(bubble, answer, urls) {
    bubble.textContent = "";
    bubble.appendChild(linked(answer.answer, urls));
    if (answer.citations.length) {
      const box = el("div", "sources");
      box.appendChild(el("strong", "", words.sources));
      const ol = el("ol");
      answer.citations.forEach(function (c) {
        const li = el("li");
        li.value = c.n;
        const a = el("a", "", "《" + c.doc_title + "》 " + c.anchor);
        a.href = urls[c.n];
        a.target = "_blank";
        a.rel = "noopener";
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("q", "", c.quote));
        ol.appendChild(li);
      });
      box.appendChild(ol);
      bubble.appendChild(box);
    }
    answer.notices.forEach(function (n) { bubble.appendChild(el("div", "notice", n.message)); });
  }

  async function ask(question) {
    const welcome = list.querySelector(".welcome");
    if (welcome) welcome.remove();
    list.appendChild(el("div", "msg user", question));
    const bubble = el("div", "msg assistant", "…");
    list.appendChild(bubble);
    list.scrollTop = list.scrollHeight;
    let text = "";
    try {
      const response = await fetch("/embed/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(Object.assign({ question: question, history: history.slice(-20) },
                                           answerLang ? { lang: answerLang } : {})),
      });
      if (!response.ok) {
        const body = await response.json().catch(function () { return {}; });
        throw new Error((body.error && body.error.message) || words.error);
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = (block.match(/^event: (.*)$/m) || [])[1];
          const data = JSON.parse((block.match(/^data: (.*)$/m) || [])[1] || "{}");
          if (event === "delta") {
            text += data.text;
            bubble.textContent = text;
          } else if (event === "final") {
            renderFinal(bubble, data.answer, data.urls);
            history.push({ role: "user", content: question }, { role: "assistant", content: data.answer.answer });
          } else if (event === "error") {
            throw new Error(data.error.message);
          }
          list.scrollTop = list.scrollHeight;
        }
      }
    } catch (err) {
      bubble.className = "msg assistant error";
      bubble.textContent = err.message || words.error;
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    input.value = "";
    button.disabled = true;
    try { await ask(question); } finally { button.disabled = false; input.focus(); }
  });
  list.addEventListener("click", function (event) {
    const example = event.target.closest("button.example");
    if (!example || button.disabled) return;
    input.value = example.textContent;
    form.requestSubmit();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
