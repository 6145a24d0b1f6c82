import type { AppDeps } from '../../deps';
import type { ZodApp } from '../../http/zod-app';

export function pitfallsRoutes(_app: ZodApp, _deps: AppDeps) {}
