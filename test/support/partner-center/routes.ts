import { complianceRoutes } from './routes-compliance.js';
import { customerRoutes } from './routes-customers.js';
import { orderRoutes } from './routes-orders.js';
import { profileRoutes } from './routes-profiles.js';
import { relationshipRoutes } from './routes-relationships.js';
import { subscriptionRoutes } from './routes-subscriptions.js';
import type { StubRoute } from './route-kit.js';
import { webhookRoutes } from './routes-webhooks.js';

export { pcError, type StubAnswer, type StubRequest, type StubRoute, type StubRouteContext } from './route-kit.js';

/**
 * Every route of the local Partner Center, each with a comment naming its REST reference page. Pages are cited
 * as learn.microsoft.com/partner-center/developer/<page>; they were read from the reference's published Markdown
 * (github.com/isabella232/partner-center-sdk-pr.hu-hu, branch live, folder develop/; the JSON examples are English).
 */
export const routes: readonly StubRoute[] = [
  ...profileRoutes,
  ...relationshipRoutes,
  ...customerRoutes,
  ...orderRoutes,
  ...complianceRoutes,
  ...webhookRoutes,
  ...subscriptionRoutes,
];
