// "Forgot my password" without a device word: ask which password before any device is listed,
// and send the work account password to the organisation's self-service password reset page.
// Both buttons only route (startReset, showAccountPasswordReset): they carry no data at all.
import { t, type Locale } from '../i18n';
import { renderCard, type AdaptiveCard } from './template';

export function whichPasswordCard(locale: Locale): AdaptiveCard {
  return renderCard('which-password', {
    fallbackText: t(locale, 'whichPassword.fallback'),
    title: t(locale, 'whichPassword.title'),
    body: t(locale, 'whichPassword.body'),
    deviceLabel: t(locale, 'whichPassword.device'),
    accountLabel: t(locale, 'whichPassword.account'),
  });
}

/** `resetUrl` comes from the SSPR_URL setting (https, checked in src/config.ts), never from card data. */
export function accountPasswordCard(locale: Locale, resetUrl: string): AdaptiveCard {
  if (!URL.canParse(resetUrl) || new URL(resetUrl).protocol !== 'https:') {
    throw new Error('accountPasswordCard needs an https password reset page');
  }
  return renderCard('account-password', {
    fallbackText: t(locale, 'accountPassword.fallback'),
    title: t(locale, 'accountPassword.title'),
    paragraphs: [t(locale, 'accountPassword.body'), t(locale, 'accountPassword.nothingChanged'), t(locale, 'accountPassword.helpdesk')],
    openLabel: t(locale, 'accountPassword.open'),
    resetUrl,
    deviceLabel: t(locale, 'accountPassword.device'),
  });
}
