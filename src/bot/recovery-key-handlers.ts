// Teams side of the BitLocker recovery key: which card answers which message or click. Decisions
// are made in src/recovery-key; the fresh sign-in gate supplies the user's token, which goes from
// here straight into the use case and is never stored or logged.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  recoveryKeyApprovalAskCard,
  recoveryKeyAskCard,
  recoveryKeyDevicesCard,
  recoveryKeyRefusalCard,
  recoveryKeyShownCard,
  type AdaptiveCard,
  type KeyIdCardNote,
} from '../cards';
import type { Locale } from '../i18n';
import { KeyIdInput, type RecoveryKeyApprovals, type RecoveryKeyDevice, type RecoveryKeyService, type RecoveryKeyStart, type RevealOutcome } from '../recovery-key';
import type { Clock } from '../reset/ports';
import type { Requester } from '../reset/service';
import { CardActionValue, guid } from './activity';
import type { FreshSignInGate } from './fresh-signin';
import { RecoveryKeyApprovalHandlers } from './recovery-key-approval-handlers';

/** The recovery-key verbs and their data; `keyId` is merged in by Teams from the card's input. */
export const RecoveryKeyAction = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('startRecoveryKey') }),
  z.object({ verb: z.literal('chooseRecoveryKeyDevice'), deviceId: guid }),
  z.object({ verb: z.literal('showRecoveryKey'), deviceId: guid, keyId: z.string().max(64).optional() }),
  z.object({ verb: z.literal('askRecoveryKeyApproval'), deviceId: guid }),
  z.object({ verb: z.literal('showApprovedRecoveryKey'), requestId: guid, keyId: z.string().max(64).optional() }),
]);
export type RecoveryKeyAction = z.infer<typeof RecoveryKeyAction>;

/** The recovery-key action an invoke carries, or undefined when it is about something else. */
export function parseRecoveryKeyAction(value: unknown): RecoveryKeyAction | undefined {
  const outer = CardActionValue.safeParse(value);
  if (!outer.success) return undefined;
  const data = typeof outer.data.action.data === 'object' && outer.data.action.data !== null ? outer.data.action.data : {};
  const parsed = RecoveryKeyAction.safeParse({ ...data, verb: outer.data.action.verb });
  return parsed.success ? parsed.data : undefined;
}

/** Whether an invoke names a recovery-key verb at all (a badly shaped one still belongs here). */
export function isRecoveryKeyVerb(value: unknown): boolean {
  const outer = CardActionValue.safeParse(value);
  return outer.success && RECOVERY_KEY_VERBS.includes(outer.data.action.verb);
}

const RECOVERY_KEY_VERBS: readonly string[] = RecoveryKeyAction.options.map((option) => option.shape.verb.value);

export interface RecoveryKeyHandlerDeps {
  service: Pick<RecoveryKeyService, 'start' | 'chooseDevice' | 'reveal' | 'enabled' | 'needsApproval'>;
  /** Without a gate (no OAuth connection) no key is ever shown: the use case is off. */
  signIn: Pick<FreshSignInGate, 'signIn' | 'signInLink' | 'maxAgeMs'> | undefined;
  clock: Clock;
  /** RECOVERY_KEY_POLICY=approval: the helpdesk approves first (absent: `approval` stays off). */
  approvals?: Pick<RecoveryKeyApprovals, 'ask' | 'reveal' | 'loadOwn'>;
}

export class RecoveryKeyHandlers {
  private readonly approval: RecoveryKeyApprovalHandlers | undefined;

  constructor(private readonly deps: RecoveryKeyHandlerDeps) {
    const { approvals, signIn } = deps;
    this.approval = approvals && signIn ? new RecoveryKeyApprovalHandlers({ approvals, signIn, refusal: (locale, outcome) => this.revealCard(locale, outcome, '') }) : undefined;
  }

  get enabled(): boolean {
    return this.deps.service.enabled && this.deps.signIn !== undefined && (!this.deps.service.needsApproval || this.approval !== undefined);
  }

  async start(locale: Locale, requester: Requester): Promise<AdaptiveCard> {
    if (!this.enabled) return recoveryKeyRefusalCard(locale, { kind: 'off' });
    return this.startCard(locale, await this.deps.service.start(requester));
  }

  async onAction(context: TurnContext, locale: Locale, requester: Requester, action: RecoveryKeyAction): Promise<AdaptiveCard> {
    if (!this.enabled) return recoveryKeyRefusalCard(locale, { kind: 'off' });
    switch (action.verb) {
      case 'startRecoveryKey':
        return this.start(locale, requester);
      case 'chooseRecoveryKeyDevice': {
        const step = await this.deps.service.chooseDevice(requester, action.deviceId);
        return step.kind === 'askKeyId' ? this.deviceCard(locale, step.device) : this.revealCard(locale, step, '');
      }
      case 'showRecoveryKey':
        // Under `approval` the key is only ever read for an approved request (showApprovedRecoveryKey).
        if (this.deps.service.needsApproval) return recoveryKeyRefusalCard(locale, { kind: 'approvalNeeded' });
        return this.reveal(context, locale, requester, action);
      case 'askRecoveryKeyApproval':
        return this.approval ? this.approval.ask(context, locale, requester, action.deviceId) : recoveryKeyRefusalCard(locale, { kind: 'off' });
      case 'showApprovedRecoveryKey':
        return this.approval ? this.approval.show(context, locale, requester, action.requestId, action.keyId) : recoveryKeyRefusalCard(locale, { kind: 'off' });
      default: {
        const unknownVerb: never = action;
        throw new Error(`unhandled recovery-key verb ${JSON.stringify(unknownVerb)}`);
      }
    }
  }

  private async reveal(
    context: TurnContext,
    locale: Locale,
    requester: Requester,
    action: Extract<RecoveryKeyAction, { verb: 'showRecoveryKey' }>,
  ): Promise<AdaptiveCard> {
    const keyId = KeyIdInput.safeParse(action.keyId ?? '');
    if (!keyId.success) {
      // Nothing typed that could be a Key ID: ask again (after re-checking the device), no Graph read of keys.
      const step = await this.deps.service.chooseDevice(requester, action.deviceId);
      return step.kind === 'askKeyId' ? recoveryKeyAskCard(locale, step.device, { kind: 'invalidKeyId' }) : this.revealCard(locale, step, '');
    }
    const gate = this.deps.signIn;
    if (!gate) return recoveryKeyRefusalCard(locale, { kind: 'off' });
    const signIn = await gate.signIn(context);
    if (signIn.kind === 'signInNeeded') {
      const step = await this.deps.service.chooseDevice(requester, action.deviceId);
      if (step.kind !== 'askKeyId') return this.revealCard(locale, step, keyId.data);
      return recoveryKeyAskCard(locale, step.device, { kind: 'signIn', signInLink: signIn.signInLink, maxAgeMs: gate.maxAgeMs }, keyId.data);
    }
    const outcome = await this.deps.service.reveal(requester, action.deviceId, keyId.data, signIn.userToken);
    if (outcome.kind === 'signInNeeded') {
      // The token was fresh, but Entra would not exchange it (revoked, consent or MFA needed): sign in anew.
      const signInLink = await gate.signInLink(context);
      return recoveryKeyAskCard(locale, outcome.device, { kind: 'signIn', signInLink, maxAgeMs: gate.maxAgeMs }, keyId.data);
    }
    return this.revealCard(locale, outcome, keyId.data);
  }

  private startCard(locale: Locale, start: RecoveryKeyStart): AdaptiveCard {
    switch (start.kind) {
      case 'pick':
        return recoveryKeyDevicesCard(locale, start.devices, this.deps.clock.now());
      case 'askKeyId':
        return this.deviceCard(locale, start.device);
      case 'off':
      case 'noWindowsDevices':
      case 'unavailable':
        return recoveryKeyRefusalCard(locale, start);
      default: {
        const unknownKind: never = start;
        throw new Error(`no card for ${JSON.stringify(unknownKind)}`);
      }
    }
  }

  /** The chosen PC's next step: the Key ID (`self`), or asking the helpdesk first (`approval`). */
  private deviceCard(locale: Locale, device: RecoveryKeyDevice): AdaptiveCard {
    return this.deps.service.needsApproval ? recoveryKeyApprovalAskCard(locale, device) : recoveryKeyAskCard(locale, device, { kind: 'none' });
  }

  private revealCard(locale: Locale, outcome: RevealOutcome, keyId: string): AdaptiveCard {
    switch (outcome.kind) {
      case 'shown':
        return recoveryKeyShownCard(locale, outcome.device, outcome.hideAt);
      case 'wrongKeyId': {
        const note: KeyIdCardNote = { kind: 'wrongKeyId', attemptsLeft: outcome.attemptsLeft };
        return recoveryKeyAskCard(locale, outcome.device, note, keyId);
      }
      case 'signInNeeded':
        return recoveryKeyAskCard(locale, outcome.device, { kind: 'signIn', signInLink: undefined, maxAgeMs: this.deps.signIn?.maxAgeMs ?? 0 }, keyId);
      default:
        return recoveryKeyRefusalCard(locale, outcome);
    }
  }
}
