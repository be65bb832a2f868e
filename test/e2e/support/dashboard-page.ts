import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SHOTS, type Sandbox } from './harness.js';

export type ViewName = 'timeline' | 'inspector' | 'controls' | 'objects' | 'webhooks' | 'sigma';

/** The dashboard as a test drives it: by data-testid, waiting on markers, never on time. */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly sandbox: Sandbox,
  ) {}

  /** Opens the dashboard with the launch token and waits for the app's readiness marker. */
  async open(): Promise<this> {
    await this.page.goto(`${this.sandbox.url}/?token=${this.sandbox.token}`);
    await this.page.locator('#root[data-app-state="ready"]').waitFor();
    return this;
  }

  id(testId: string): Locator {
    return this.page.locator(`[data-testid="${testId}"]`);
  }

  async view(name: ViewName): Promise<void> {
    await this.id(`nav-${name}`).click();
    await this.id(`view-${name}`).waitFor();
  }

  timelineRow(flowId: string): Locator {
    return this.page.locator(`[data-testid="timeline-row"][data-flow="${flowId}"]`);
  }

  actionableRow(objectId: string): Locator {
    return this.page.locator(`[data-testid="actionable-row"][data-object="${objectId}"]`);
  }

  /** Saves a screenshot into test-results/ (gitignored) for a person to look at. */
  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SHOTS, `${name}.png`) });
  }
}
