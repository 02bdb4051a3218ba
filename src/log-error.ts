/**
 * An Error as a plain object a log line can carry: name, message, the stack as one entry per
 * frame (a multi-line string would be flattened by the control-character filter), every own
 * field the error was given (Graph `status`, our typed `reason`, Node's `code`), and its `cause`
 * chain the same way. Secrets among those fields are removed by the logger's sanitize().
 */
export function serializeError(error: Error): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'cause' && typeof value !== 'function') own[key] = value;
  }
  const out: Record<string, unknown> = { type: error.name, message: error.message, ...own };
  if (error.stack) out['stack'] = error.stack.split('\n').map((frame) => frame.trim());
  if (error instanceof AggregateError) out['errors'] = error.errors;
  if (error.cause !== undefined) out['cause'] = error.cause;
  return out;
}
