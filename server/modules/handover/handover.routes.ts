import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/http.js';

export function handoverRoutes(app: FastifyInstance, deps: Deps) {
  void app;
  void deps;
}
