import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { authRoutes } from './auth/auth.routes.js';
import { organisationsRoutes } from './organisations/organisations.routes.js';
import { pagesRoutes } from './pages/pages.routes.js';
import { peopleRoutes } from './people/people.routes.js';
import { projectsRoutes } from './projects/projects.routes.js';
import { meetingsRoutes } from './meetings/meetings.routes.js';
import { reviewsRoutes } from './reviews/reviews.routes.js';
import { toolkitRoutes } from './toolkit/toolkit.routes.js';

/** Every module's routes, in a fixed order. */
export function registerModules(app: FastifyInstance, services: Services): void {
  pagesRoutes(app, services);
  authRoutes(app, services);
  organisationsRoutes(app, services);
  peopleRoutes(app, services);
  projectsRoutes(app, services);
  meetingsRoutes(app, services);
  reviewsRoutes(app, services);
  toolkitRoutes(app, services);
}
