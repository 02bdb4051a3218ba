// How a `history <name or UPN>` query becomes a Graph `/users` request. The text comes from a chat
// message, so it is bounded, refused when it holds control characters, and quoted as a literal.
import { odataString } from './odata';

/** The user fields the bot reads; the `$select` of every directory request. */
export const PERSON_FIELDS = 'id,displayName,userPrincipalName';

export const MAX_QUERY_LENGTH = 100;

/** A display-name prefix can match many people; the chat shows a few. */
export const MAX_NAME_MATCHES = 5;

/** Something with one "@" and no spaces is looked up as a sign-in name or mail address. */
const ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * The query parameters of `GET /users` for `query`, or undefined when there is nothing to ask:
 * empty, longer than MAX_QUERY_LENGTH, or holding control characters (pasted or forged input).
 */
export function peopleSearch(query: string): Record<string, string> | undefined {
  const text = query.trim();
  if (text === '' || text.length > MAX_QUERY_LENGTH || /\p{Cc}/u.test(text)) return undefined;
  const literal = odataString(text);
  if (ADDRESS.test(text)) {
    return { $filter: `userPrincipalName eq ${literal} or mail eq ${literal}`, $select: PERSON_FIELDS };
  }
  return { $filter: `startswith(displayName,${literal})`, $top: String(MAX_NAME_MATCHES), $select: PERSON_FIELDS };
}
