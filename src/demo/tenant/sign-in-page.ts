// The demo tenant's sign-in page, in place of Entra's: pick the account (no password: it is a demo),
// then the code to type in the chat, as the Bot Framework token service's page shows it.

export interface SignInPageUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

export function signInPage(input: { signInId: string; suggested: SignInPageUser | undefined; others: SignInPageUser[] }): string {
  const button = (user: SignInPageUser, primary: boolean): string =>
    `<form method="post" action="/api/oauth/signin">` +
    `<input type="hidden" name="signin" value="${escapeHtml(input.signInId)}">` +
    `<input type="hidden" name="user" value="${escapeHtml(user.id)}">` +
    `<button type="submit" class="${primary ? 'primary' : ''}">Sign in as ${escapeHtml(user.displayName)}</button>` +
    `<div class="upn">${escapeHtml(user.userPrincipalName)}</div></form>`;
  const others = input.others.map((user) => button(user, false)).join('');
  return page(
    'Sign in — Contoso demo tenant',
    `<h1>Sign in</h1>
<p>The PIN reset bot asks you to sign in again before it shows a recovery key.</p>
<p class="note">Demo tenant: no password is asked. In a real tenant this is the Microsoft Entra sign-in.</p>
${input.suggested ? button(input.suggested, true) : ''}
<details><summary>Use another account</summary>${others}</details>`,
  );
}

export type SignedInPage = { kind: 'code'; code: string; user: SignInPageUser } | { kind: 'expired' } | { kind: 'unknownUser' };

export function signedInPage(result: SignedInPage): string {
  switch (result.kind) {
    case 'code':
      return page(
        'Signed in — Contoso demo tenant',
        `<h1>Signed in as ${escapeHtml(result.user.displayName)}</h1>
<p>Type this code in the chat, then press the button there again:</p>
<p class="code" id="magic-code">${escapeHtml(result.code)}</p>
<p class="note">The code works once, for the chat this sign-in link came from, for 10 minutes.</p>`,
      );
    case 'expired':
      return page('Sign-in link expired', '<h1>This sign-in link has expired or was used</h1><p>Ask the bot again for a new one.</p>');
    case 'unknownUser':
      return page('Unknown account', '<h1>This account is not in the tenant</h1>');
    default: {
      const unknown: never = result;
      throw new Error(`no page for ${JSON.stringify(unknown)}`);
    }
  }
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 4rem auto; color: #1b1b1b; }
button { font-size: 1rem; padding: .6rem 1rem; margin-top: .8rem; cursor: pointer; }
button.primary { background: #0f6cbd; color: white; border: none; border-radius: 4px; }
.upn, .note { color: #616161; font-size: .9rem; }
.code { font-size: 2.2rem; letter-spacing: .3rem; font-weight: bold; }
</style></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
