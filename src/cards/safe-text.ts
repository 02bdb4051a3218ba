// Device names, models and user names come from Graph, and users can rename their devices in
// Company Portal: treat them as hostile. Teams renders markdown in TextBlock and Fact values, so a
// device called "[click](https://evil.example)" would otherwise become a link in a trusted card.

// C0/C1 controls, line/paragraph separators and bidi overrides/isolates (which can reorder
// what a reader sees, "Trojan Source" style). Zero-width joiners stay: emoji and scripts need them.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

// Backslash-escaped everywhere. All are ASCII punctuation, so CommonMark shows them literally.
// `{` too: it breaks "${…}" (so an expanded card never looks like a template again) and
// Adaptive Cards' "{{DATE(…)}}" text functions.
const ALWAYS_ESCAPED = new Set(['\\', '`', '*', '~', '[', ']', '<', '>', '&', '{', '}', '|', '#']);

// GFM-style autolinking works on bare text, which no backslash can stop: an invisible
// zero-width space after the scheme's colon, or after "www", keeps the text and drops the link.
const AUTOLINK = /([a-z][a-z0-9+.-]*:)(\/\/)|\b(www)(\.)/gi;
const ZERO_WIDTH_SPACE = '\u200B';

/** One line of plain text: controls become spaces, runs of spaces one, cut to `maxLength` characters. */
export function plainText(value: string, maxLength = 120): string {
  const flat = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= maxLength ? flat : `${chars.slice(0, maxLength - 1).join('')}…`;
}

/** Untrusted text made safe for a TextBlock or Fact value: shown literally, never as markup. */
export function markdownText(value: string, maxLength = 120): string {
  const escaped = escapeMarkdown(plainText(value, maxLength));
  return escaped.replace(AUTOLINK, (_whole, scheme?: string, slashes?: string, www?: string, dot?: string) =>
    scheme !== undefined ? `${scheme}${ZERO_WIDTH_SPACE}${slashes ?? ''}` : `${www ?? ''}${ZERO_WIDTH_SPACE}${dot ?? ''}`,
  );
}

function escapeMarkdown(text: string): string {
  const chars = [...text];
  const body = chars.map((char, i) => (needsEscape(char, chars[i - 1], chars[i + 1]) ? `\\${char}` : char)).join('');
  return escapeLeadingBlockMarker(body);
}

// "_" inside a word ("alice_AndroidForWork_3/12/2024", Intune's default Android names) never
// starts emphasis in CommonMark; leaving it bare keeps those names readable on clients that
// show backslashes. At a word edge it could, so there it is escaped.
function needsEscape(char: string, before: string | undefined, after: string | undefined): boolean {
  if (ALWAYS_ESCAPED.has(char)) return true;
  if (char !== '_') return false;
  return !(isWordChar(before) && isWordChar(after));
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

// A value shown on its own starts its TextBlock: "- x", "+ x" or "1. x" would become a list.
function escapeLeadingBlockMarker(text: string): string {
  if (/^[-+=]/.test(text)) return `\\${text}`;
  return text.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}
