import { INestApplication } from '@nestjs/common';

export interface RegisteredRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express pattern, e.g. /api/accounts/:id */
  path: string;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Nest registered on the Express router, read at runtime (a route added later is in it). */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const router = app.getHttpAdapter().getInstance().router as { stack: ExpressLayer[] };
  return router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((m) => m !== '_all')
          .map((m) => ({ method: m.toUpperCase() as RegisteredRoute['method'], path: layer.route!.path }))
      : [],
  );
}

/** A concrete URL for a route pattern: each :param becomes a well-formed value that names nothing. */
export function concreteUrl(path: string): string {
  return path.replace(/:(\w+)/g, (_all, name: string) => (name === 'ticker' ? 'ACMW' : name === 'token' ? 'no-such-token' : '00000000-0000-4000-8000-000000000000'));
}

export const isChange = (route: RegisteredRoute) => route.method !== 'GET';
