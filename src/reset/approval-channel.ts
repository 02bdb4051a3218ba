import { sameId } from './identity';
import type { PeopleDirectory, SettingsStore } from './ports';

/** Where approval cards go: set in Teams by a helpdesk member, or preset with HELPDESK_CHANNEL_ID. */
export interface ApprovalChannel {
  channelId: string;
  tenantId: string;
  /** The Bot Framework service URL of that team, needed to post into it proactively. */
  serviceUrl: string;
}

const KEY = 'approvalChannel';

export class ApprovalChannels {
  constructor(
    private readonly settings: SettingsStore,
    private readonly people: PeopleDirectory,
    private readonly helpdeskGroupId: string | undefined,
    private readonly preset: string | undefined,
  ) {}

  /** Only a helpdesk member may point approvals at a channel (checked live, every time). */
  async choose(memberId: string, channel: ApprovalChannel): Promise<'set' | 'notMember'> {
    if (!this.helpdeskGroupId || !(await this.people.isMemberOf(memberId, this.helpdeskGroupId))) return 'notMember';
    await this.settings.saveSetting(KEY, JSON.stringify(channel));
    return 'set';
  }

  async current(tenantId: string): Promise<ApprovalChannel | undefined> {
    const saved = await this.settings.setting(KEY);
    if (saved) {
      const channel = parseChannel(saved);
      if (channel && sameId(channel.tenantId, tenantId)) return channel;
    }
    return this.preset ? { channelId: this.preset, tenantId, serviceUrl: '' } : undefined;
  }

  /** The service URL of the chosen channel's team (for posting into it), when `channelId` is that channel. */
  async serviceUrlOf(channelId: string): Promise<string | undefined> {
    const saved = await this.settings.setting(KEY);
    const channel = saved ? parseChannel(saved) : undefined;
    return channel && channel.channelId === channelId && channel.serviceUrl ? channel.serviceUrl : undefined;
  }

  /** Whether `memberId` belongs to the helpdesk group (live; for channel commands). */
  async isHelpdeskMember(memberId: string): Promise<boolean> {
    return Boolean(this.helpdeskGroupId) && (await this.people.isMemberOf(memberId, this.helpdeskGroupId ?? ''));
  }
}

function parseChannel(text: string): ApprovalChannel | undefined {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return undefined;
  const { channelId, tenantId, serviceUrl } = value as Record<string, unknown>;
  if (typeof channelId !== 'string' || typeof tenantId !== 'string' || typeof serviceUrl !== 'string') return undefined;
  return { channelId, tenantId, serviceUrl };
}
