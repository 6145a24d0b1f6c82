import type { AppDeps } from '../../deps';
import type { ZodApp } from '../../http/zod-app';

export function loyaltyRoutes(_app: ZodApp, _deps: AppDeps) {}
