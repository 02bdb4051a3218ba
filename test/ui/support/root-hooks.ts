// Loaded with mocha's --require: closes the shared browser once every scenario has run.
import { closeSharedBrowser } from './browser';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await closeSharedBrowser();
  },
};
