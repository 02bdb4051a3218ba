// What a person typed, without what Teams wrapped around it. Teams sends message text as HTML:
// the bot's own mention as <at>Name</at>, paragraphs as <p>, typed "<" as &lt;, spaces as &nbsp;.

const MENTION = /<at\b[^>]*>(.*?)<\/at>/gis;
// Only real HTML tag names: a plain-text client may send "history <alice@contoso.com>" unescaped.
const TAG =
  /<\/?(?:a|b|i|u|s|p|br|hr|em|strong|span|div|img|ul|ol|li|pre|code|blockquote|h[1-6]|table|thead|tbody|tr|td|th|font|sup|sub|del|strike|systemmessage)\b[^>]*>/gi;
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi;
// Zero-width and bidi controls: invisible, yet they split "re\u200Bset" into two words.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Mention markup, tags, entities, invisible characters, width and case variants and extra spaces removed. */
export function cleanUserText(text: string): string {
  return stripMarkup(text, 'drop').toLowerCase();
}

/**
 * Like cleanUserText but keeps case, and optionally the text inside mentions (a helpdesk member may
 * @mention the person whose history they want). Tags become spaces so "<p>reset</p><p>pin</p>" stays
 * two words; entities are decoded after tags are gone, so a typed "&lt;b&gt;" is text, not a tag.
 */
export function stripMarkup(text: string, mentions: 'drop' | 'keep'): string {
  const withoutMentions = text.replace(MENTION, (_whole, inner: string) => (mentions === 'keep' ? ` ${inner} ` : ' '));
  const decoded = withoutMentions.replace(TAG, ' ').replace(ENTITY, decodeEntity);
  // NFKC folds full-width letters, digits and punctuation (ＰＩＮ, ？) and odd spaces into plain ones.
  return decoded.replace(INVISIBLE, '').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

function decodeEntity(whole: string, body: string): string {
  const lower = body.toLowerCase();
  if (lower.startsWith('#x')) return fromCodePoint(Number.parseInt(lower.slice(2), 16), whole);
  if (lower.startsWith('#')) return fromCodePoint(Number.parseInt(lower.slice(1), 10), whole);
  return NAMED_ENTITIES[lower] ?? whole;
}

function fromCodePoint(codePoint: number, fallback: string): string {
  return Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : fallback;
}
