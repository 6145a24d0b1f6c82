import type { AppDeps } from '../../deps';
import type { ZodApp } from '../../http/zod-app';

export function concessionsRoutes(_app: ZodApp, _deps: AppDeps) {}
