// Cards that explain the bot or send the user elsewhere: help, no devices, personal chat only.
import { t, type Locale } from '../i18n';
import type { Fact } from './device-facts';
import { renderCard, type AdaptiveCard } from './template';

/** `recoveryKey`: RECOVERY_KEY_POLICY lets people ask for their PC's BitLocker recovery key. */
export function helpCard(locale: Locale, options: { recoveryKey?: boolean } = {}): AdaptiveCard {
  const command = (name: Command): Fact => commandFact(locale, name);
  const recoveryKey: Fact[] = options.recoveryKey ? [{ title: t(locale, 'recoveryKey.help.cmd'), value: t(locale, 'recoveryKey.help.does') }] : [];
  return renderCard('help', {
    fallbackText: t(locale, 'help.fallback'),
    title: t(locale, 'help.title'),
    intro: t(locale, 'help.intro'),
    safety: t(locale, 'help.safety'),
    commandsTitle: t(locale, 'help.commandsTitle'),
    commands: [command('reset'), ...recoveryKey, command('status'), command('cancel'), command('help')],
    helpdeskTitle: t(locale, 'help.helpdeskTitle'),
    helpdeskCommands: [command('approvals'), command('pending'), command('history')],
    startLabel: t(locale, 'common.button.startReset'),
    statusLabel: t(locale, 'common.button.status'),
  });
}

export function noDevicesCard(locale: Locale): AdaptiveCard {
  return renderCard('no-devices', {
    fallbackText: t(locale, 'noDevices.fallback'),
    title: t(locale, 'noDevices.title'),
    paragraphs: [t(locale, 'noDevices.body'), t(locale, 'noDevices.enrol'), t(locale, 'noDevices.helpdesk')],
    lookAgainLabel: t(locale, 'common.button.lookAgain'),
  });
}

/**
 * Sent when someone asks for a reset in a channel or group chat. `chatUrl` is the bot's own
 * deep link to its personal chat; anything but https is a bug upstream, not something to show.
 */
export function personalChatOnlyCard(locale: Locale, chatUrl: string): AdaptiveCard {
  if (!URL.canParse(chatUrl) || new URL(chatUrl).protocol !== 'https:') {
    throw new Error('personalChatOnlyCard needs an https deep link to the personal chat');
  }
  return renderCard('personal-chat-only', {
    fallbackText: t(locale, 'personalChat.fallback'),
    title: t(locale, 'personalChat.title'),
    body: t(locale, 'personalChat.body'),
    openLabel: t(locale, 'personalChat.open'),
    chatUrl,
  });
}

type Command = 'reset' | 'status' | 'cancel' | 'help' | 'approvals' | 'pending' | 'history';

function commandFact(locale: Locale, command: Command): Fact {
  switch (command) {
    case 'reset':
      return { title: t(locale, 'help.cmd.reset'), value: t(locale, 'help.cmd.reset.does') };
    case 'status':
      return { title: t(locale, 'help.cmd.status'), value: t(locale, 'help.cmd.status.does') };
    case 'cancel':
      return { title: t(locale, 'help.cmd.cancel'), value: t(locale, 'help.cmd.cancel.does') };
    case 'help':
      return { title: t(locale, 'help.cmd.help'), value: t(locale, 'help.cmd.help.does') };
    case 'approvals':
      return { title: t(locale, 'help.cmd.approvals'), value: t(locale, 'help.cmd.approvals.does') };
    case 'pending':
      return { title: t(locale, 'help.cmd.pending'), value: t(locale, 'help.cmd.pending.does') };
    case 'history':
      return { title: t(locale, 'help.cmd.history'), value: t(locale, 'help.cmd.history.does') };
    default: {
      const _never: never = command;
      return _never;
    }
  }
}
