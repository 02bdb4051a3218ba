// Building Graph URLs from values we do not control: ids from stored data and text a user typed.

/**
 * One path segment from an id, URL-encoded. An empty id would turn `/users/{id}` into the users
 * collection, and "." or ".." survive encoding and are then resolved away by URL parsing, reaching
 * another resource: such an id is a bug, so it is refused rather than sent.
 */
export function idSegment(id: string): string {
  if (id === '' || id === '.' || id === '..') throw new TypeError(`not a Graph object id: "${id}"`);
  return encodeURIComponent(id);
}

/** An OData string literal: single-quoted, with each single quote doubled. */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
