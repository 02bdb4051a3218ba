import { z } from 'zod';
import type { AppInstaller } from '../notify/ports';
import { GRAPH_VERSION, type GraphApi } from './client';
import { isGraphFailure, type GraphPermission } from './errors';
import { idSegment, odataString } from './odata';
import { parseGraph } from './schemas';

const INSTALL: GraphPermission = 'TeamsAppInstallation.ReadWriteSelfForUser.All';
const READ_CATALOG: GraphPermission = 'AppCatalog.Read.All';

const CatalogApps = z.object({ value: z.array(z.object({ id: z.string().min(1) })) });

export interface GraphAppInstallerOptions {
  /** The app's id in the organisation's catalog (TEAMS_APP_CATALOG_ID); not the manifest id. */
  catalogAppId?: string;
  /** The manifest id (TEAMS_APP_ID): used to look the catalog id up when catalogAppId is not given. */
  manifestAppId?: string;
}

type InstallAnswer = 'installed' | 'notPermitted';

/** Installs the bot's Teams app for one user through Graph, so that a personal chat can be created. */
export class GraphAppInstaller implements AppInstaller {
  private readonly configuredCatalogId: string | undefined;
  private readonly manifestId: string | undefined;
  private lookup: Promise<string | undefined> | undefined;

  constructor(
    private readonly graph: Pick<GraphApi, 'call' | 'graphEndpoint'>,
    options: GraphAppInstallerOptions = {},
  ) {
    this.configuredCatalogId = options.catalogAppId?.trim() || undefined;
    this.manifestId = options.manifestAppId?.trim() || undefined;
  }

  async installFor(aadObjectId: string): Promise<InstallAnswer> {
    const catalogId = await this.catalogAppId();
    if (catalogId === undefined) return 'notPermitted';
    const teamsApp = `${this.graph.graphEndpoint}/${GRAPH_VERSION}/appCatalogs/teamsApps/${idSegment(catalogId)}`;
    try {
      await this.graph.call({
        method: 'POST',
        path: `/users/${idSegment(aadObjectId)}/teamwork/installedApps`,
        body: { 'teamsApp@odata.bind': teamsApp },
        permission: INSTALL,
      });
      return 'installed';
    } catch (error: unknown) {
      // 409: already installed — also what a retry sees after an install whose answer was lost.
      if (isGraphFailure(error) && error.status === 409) return 'installed';
      // 403: a missing consent or an app permission policy that blocks the app for this user.
      if (isGraphFailure(error) && error.reason === 'forbidden') return 'notPermitted';
      throw error;
    }
  }

  /**
   * The configured catalog id, else the one the org catalog lists for the manifest id. A found id is
   * asked for once and kept; a miss or a failure is not kept, because an app published later (Teams
   * takes up to two days to apply app policies) or a fixed consent should work without a restart.
   */
  private catalogAppId(): Promise<string | undefined> {
    if (this.configuredCatalogId !== undefined) return Promise.resolve(this.configuredCatalogId);
    const manifestId = this.manifestId;
    if (manifestId === undefined) return Promise.resolve(undefined);
    if (this.lookup === undefined) {
      const lookup = this.findInCatalog(manifestId);
      this.lookup = lookup;
      const forget = (): void => {
        if (this.lookup === lookup) this.lookup = undefined;
      };
      lookup.then((id) => (id === undefined ? forget() : undefined), forget);
    }
    return this.lookup;
  }

  /** Only org-catalog apps carry the manifest id as `externalId`. */
  private async findInCatalog(manifestId: string): Promise<string | undefined> {
    try {
      const answer = await this.graph.call({
        method: 'GET',
        path: '/appCatalogs/teamsApps',
        query: { $filter: `externalId eq ${odataString(manifestId)}`, $select: 'id' },
        permission: READ_CATALOG,
      });
      return parseGraph(CatalogApps, answer.body, 'the Teams app catalog').value[0]?.id;
    } catch (error: unknown) {
      // Without AppCatalog.Read.All the app cannot be found, so it cannot be installed either.
      if (isGraphFailure(error) && error.reason === 'forbidden') return undefined;
      throw error;
    }
  }
}
