// A small model of how CommonMark (the markdown Teams renders in a TextBlock or Fact) reads one
// line: enough to prove that escaped text shows literally and carries no active markup.

const ESCAPED = /\\([!-/:-@[-`{-~])/g;

/** The characters a reader sees: backslash escapes resolved, zero-width spaces invisible. */
export function displayedAs(markdown: string): string {
  return markdown.replace(ESCAPED, '$1').replace(/\u200B/g, '');
}

/** Markup a renderer would act on, by name; [] when the text is inert. */
export function activeMarkup(markdown: string): string[] {
  // Escaped characters are masked so only live ones count.
  const live = withoutCardDates(markdown).replace(/\\[!-/:-@[-`{-~]/g, '  ');
  const checks: Array<[string, boolean]> = [
    ['link or image', /\[[^\]]*\]\s*\(/.test(live)],
    ['emphasis', /\*|(?:^|[^\p{L}\p{N}])_|_(?:$|[^\p{L}\p{N}])/u.test(live)],
    ['code', live.includes('`')],
    ['strikethrough', live.includes('~')],
    ['html or autolink', /<[a-z/!?]/i.test(live)],
    ['bare url', /[a-z][a-z0-9+.-]*:\/\//i.test(live) || /\bwww\./i.test(live)],
    ['template binding', live.includes('${')],
    ['text function', live.includes('{{')],
    ['list or heading', /^\s*(?:[-+*=#>]|\d+[.)])/.test(live)],
  ];
  return checks.filter(([, found]) => found).map(([name]) => name);
}

/**
 * The bot's own date and time functions, exactly as Microsoft Learn (Adaptive Cards "Text
 * features") defines them: {{DATE(<RFC 3339>, SHORT)}} and {{TIME(<RFC 3339>)}}. Untrusted text
 * has its "{" escaped, so it can never form one of these.
 */
const CARD_DATE_FUNCTION = /\{\{(?:DATE\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z, SHORT\)|TIME\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\))\}\}/g;

/** The text without the bot's own date functions: any "{{" left is one nobody meant. */
export function withoutCardDates(text: string): string {
  return text.replace(CARD_DATE_FUNCTION, '');
}
