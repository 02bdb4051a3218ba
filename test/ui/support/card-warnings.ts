// How the Agents Playground says it cannot show (part of) a card, and a recorder for it.
//
// Version 0.2.28 reports an unsupported card or card feature twice: as a hint under the message in
// the chat and as a "(!) Warning:" line in its log panel. The wording comes from its message
// catalog:
//   "{feature} is not supported yet in Microsoft 365 Agents playground, you can try it in real environment."
//     (features: "User specific view" = card `refresh`, "Full width control", "Just-in-time installation",
//      "Task module (task/fetch)", "Typeahead Search", "Stage view"; also the carousel layout)
//   "{cardType} is not supported yet in Microsoft 365 Agents playground, … inspect the card payload …"
//   "{cardType} is not supported yet"                      (shown in place of the card)
//   "{contentType} is an unknown attachment type, …"
// and the Adaptive Cards renderer adds "The specified card version (…) is not supported or still in
// preview." The Playground's own welcome page says "… are not supported yet" and "Certain features
// of Adaptive Card is not supported." — the pattern below deliberately does not match those two.
export const UNSUPPORTED_CARD_TEXT = /\bis not supported (?:yet|or still in preview)\b|\bis an unknown attachment type\b/i;

/**
 * Runs in the page before the Playground's own scripts. Hints and log lines can scroll out of view
 * or be replaced, so every text that ever appears is checked as it is added, not only at the end.
 * Plain JavaScript in a string: the test project compiles without the DOM library.
 */
export const RECORD_UNSUPPORTED_CARD_WARNINGS = `(() => {
  const pattern = new RegExp(${JSON.stringify(UNSUPPORTED_CARD_TEXT.source)}, ${JSON.stringify(UNSUPPORTED_CARD_TEXT.flags)});
  const seen = new Set();
  window.__unsupportedCardWarnings = [];
  const check = (textNode) => {
    const text = textNode.textContent || '';
    if (!pattern.test(text)) return;
    const line = ((textNode.parentElement && textNode.parentElement.textContent) || text).trim().slice(0, 300);
    if (seen.has(line)) return;
    seen.add(line);
    window.__unsupportedCardWarnings.push(line);
  };
  const scan = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return check(node);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) check(text);
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') check(mutation.target);
      mutation.addedNodes.forEach(scan);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Reads what the recorder saw, plus anything on the page right now. */
export const READ_UNSUPPORTED_CARD_WARNINGS = `(() => {
  const pattern = new RegExp(${JSON.stringify(UNSUPPORTED_CARD_TEXT.source)}, ${JSON.stringify(UNSUPPORTED_CARD_TEXT.flags)});
  const found = new Set(window.__unsupportedCardWarnings || []);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (pattern.test(text.textContent || '')) found.add(((text.parentElement && text.parentElement.textContent) || '').trim().slice(0, 300));
  }
  return [...found];
})()`;
