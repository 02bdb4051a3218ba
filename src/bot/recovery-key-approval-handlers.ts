// Teams side of RECOVERY_KEY_POLICY=approval: "Ask the helpdesk" and, once approved, "Show key".
// The approve and deny clicks themselves are the reset flow's (ApprovalHandlers, approveRequest /
// rejectRequest), so who may decide is checked exactly as for a reset. Card data carries a device or
// request id only; everything is re-read in src/recovery-key/approval.ts.
import type { TurnContext } from 'botbuilder';
import {
  recoveryKeyApprovalProblemCard,
  recoveryKeyRequestCard,
  recoveryKeyShownCard,
  type AdaptiveCard,
} from '../cards';
import type { Locale } from '../i18n';
import { KeyIdInput, type ApprovedRevealOutcome, type AskApprovalOutcome, type RecoveryKeyApprovals, type RevealOutcome } from '../recovery-key';
import type { Requester } from '../reset/service';
import type { FreshSignInGate } from './fresh-signin';

export interface RecoveryKeyApprovalHandlerDeps {
  approvals: Pick<RecoveryKeyApprovals, 'ask' | 'reveal' | 'loadOwn'>;
  signIn: Pick<FreshSignInGate, 'signIn' | 'signInLink' | 'maxAgeMs'>;
  /** How a reveal or device step that gave no key is worded (shared with `self`). */
  refusal(locale: Locale, outcome: RevealOutcome): AdaptiveCard;
}

export class RecoveryKeyApprovalHandlers {
  constructor(private readonly deps: RecoveryKeyApprovalHandlerDeps) {}

  async ask(context: TurnContext, locale: Locale, requester: Requester, deviceId: string): Promise<AdaptiveCard> {
    // The clicked card becomes the request's card: the decision replaces it in place.
    const outcome = await this.deps.approvals.ask(requester, deviceId, context.activity.replyToId);
    return this.askCard(locale, outcome);
  }

  async show(context: TurnContext, locale: Locale, requester: Requester, requestId: string, typedKeyId: string | undefined): Promise<AdaptiveCard> {
    // Where the request stands first: no sign-in prompt for a request that is not approved.
    const loaded = await this.deps.approvals.loadOwn(requester, requestId);
    if (loaded.kind !== 'approved') return this.revealCard(locale, loaded, '');
    const request = loaded.request;
    const keyId = KeyIdInput.safeParse(typedKeyId ?? '');
    if (!keyId.success) return recoveryKeyRequestCard(locale, request, { kind: 'invalidKeyId' });
    const { signIn: gate } = this.deps;
    const signIn = await gate.signIn(context);
    if (signIn.kind === 'signInNeeded') {
      return recoveryKeyRequestCard(locale, request, { kind: 'signIn', signInLink: signIn.signInLink, maxAgeMs: gate.maxAgeMs }, keyId.data);
    }
    const outcome = await this.deps.approvals.reveal(requester, requestId, keyId.data, signIn.userToken);
    if (outcome.kind === 'revealed' && outcome.outcome.kind === 'signInNeeded') {
      // Fresh, but Entra would not exchange it (revoked, consent or MFA needed): sign in anew.
      const signInLink = await gate.signInLink(context);
      return recoveryKeyRequestCard(locale, request, { kind: 'signIn', signInLink, maxAgeMs: gate.maxAgeMs }, keyId.data);
    }
    return this.revealCard(locale, outcome, keyId.data);
  }

  private askCard(locale: Locale, outcome: AskApprovalOutcome): AdaptiveCard {
    switch (outcome.kind) {
      case 'requested':
        return recoveryKeyRequestCard(locale, outcome.request);
      case 'device':
        return this.deps.refusal(locale, outcome.outcome);
      case 'noApprovalChannel':
      case 'deviceBusy':
      case 'tooManyRequests':
        return recoveryKeyApprovalProblemCard(locale, outcome);
      default: {
        const unknownOutcome: never = outcome;
        throw new Error(`no card for ${JSON.stringify(unknownOutcome)}`);
      }
    }
  }

  private revealCard(locale: Locale, outcome: ApprovedRevealOutcome, keyId: string): AdaptiveCard {
    switch (outcome.kind) {
      case 'requestNotFound':
      case 'notYourRequest':
        return recoveryKeyApprovalProblemCard(locale, outcome);
      case 'notApproved':
        return recoveryKeyRequestCard(locale, outcome.request);
      case 'revealed': {
        const reveal = outcome.outcome;
        if (reveal.kind === 'shown') return recoveryKeyShownCard(locale, reveal.device, reveal.hideAt);
        if (reveal.kind === 'wrongKeyId') return recoveryKeyRequestCard(locale, outcome.request, { kind: 'wrongKeyId', attemptsLeft: reveal.attemptsLeft }, keyId);
        if (reveal.kind === 'signInNeeded') return recoveryKeyRequestCard(locale, outcome.request, { kind: 'signIn', signInLink: undefined, maxAgeMs: this.deps.signIn.maxAgeMs }, keyId);
        return this.deps.refusal(locale, reveal);
      }
      default: {
        const unknownOutcome: never = outcome;
        throw new Error(`no card for ${JSON.stringify(unknownOutcome)}`);
      }
    }
  }
}
